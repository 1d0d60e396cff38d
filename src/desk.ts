/**
 * The core's support-desk API (full mode): saved replies, the team desk, verifying visitors,
 * office hours and search. A module of its own, apart from ./index.ts: whatever a module the
 * visitor's widget loads re-exports is bundled with it, so these reach a browser only when full
 * mode (or a visitor's lazily loaded first screen, for office hours) imports them.
 */
export { createCannedReplies, CannedReplyError } from './features/canned-replies.ts';
export type { CannedRepliesEvents, CannedReplyCondition, CannedReplyInput } from './features/canned-replies.ts';
export { REPLY_LIMITS } from './stanza/canned-replies.ts';
export type { CannedReply } from './stanza/canned-replies.ts';
// The team desk (full mode): its code loads with the first desk created (see desk-lazy.ts).
export { createDesk, NS_DESK } from './features/desk-lazy.ts';
export { DeskError } from './features/desk-error.ts';
export type { Desk, DeskCondition, DeskDeps, DeskEvents } from './features/desk.ts';
export type { DeskConversation, DeskNote, DeskRating, DeskStatus, Teammate } from './stanza/desk.ts';
// Verifying visitors is the support desk's (full mode): its code loads when first used.
export { createVisitorVerification } from './features/visitor-verification-lazy.ts';
export type {
  VerificationCondition,
  VerificationError,
  VerificationResult,
  VisitorVerification,
  VisitorVerificationDeps,
  VisitorVerificationEvents,
} from './features/visitor-verification.ts';
export { signedText } from './stanza/visitor-context.ts';
// Search across all conversations is the support desk's: the visitor's widget never loads it.
export { loadSearch } from './storage/search-lazy.ts';
export type {
  SearchHit,
  SearchIndex,
  SearchIndexEvents,
  SearchIndexOptions,
  SearchOptions,
  SearchProgress,
  Snippet,
  TextRange,
} from './storage/search-index.ts';
// Office hours: also read by a visitor's first screen, which loads them as a chunk of their own (vite.config.ts).
export { createOfficeHours, OfficeHoursError, HOURS_NODE } from './features/office-hours.ts';
export type { OfficeHoursFeature, OfficeHoursCondition } from './features/office-hours.ts';
export { isOpen, nextOpening, validSpan, validClosed, validTimeZone, WEEKDAYS } from './stanza/office-hours.ts';
export type { OfficeHours, OpeningSpan, ClosedDays, Weekday } from './stanza/office-hours.ts';
