/** The public API of the client core. Components import only this module. */
export { createClient } from './client.ts';
export type { Client, ClientEvents, ConnectionStatus, StatusChange } from './client.ts';
export type { ClientOptions } from './options.ts';
export type { SessionInfo, TransportKind } from './transport/transport.ts';
export { AuthError, ConfigError, ConnectionError, StanzaError, StanzaParseError, StreamError, XmppChatError } from './errors.ts';
export { xml, childOf, childrenOf, textOf, toXmlString } from './stanza/element.ts';
export type { XmlElement, XmlNode } from './stanza/element.ts';
export { buildChatMessage, parseChatMessage, newStanzaId } from './stanza/message.ts';
export type { ChatMessage } from './stanza/message.ts';
export { parseJid, bareJid } from './stanza/jid.ts';
export { createChat } from './chat.ts';
export type { Chat, ChatEvents, ChatOptions } from './chat.ts';
export type { Contact, Roster } from './features/roster.ts';
export type { ChatState } from './stanza/message-extensions.ts';
export type { Show, Presence } from './stanza/presence.ts';
export { bestAvailability } from './stanza/presence.ts';
export { StorageError, createMemoryBackend } from './storage/index.ts';
export type { StoredMessage, MessageState, ConversationSummary, Page, StorageChange } from './storage/index.ts';
export type { RegistrationError } from './registration.ts';
export type { Registration } from './registration.ts';
export type { VisitorAccount, VisitorAccountOptions } from './visitor-account.ts';
// Visitor accounts load when first used: an anonymous visitor never needs them.
type VisitorAccounts = typeof import('./visitor-account.ts');
const visitorAccounts = () => import('./visitor-account.ts');
export const visitorAccount: VisitorAccounts['visitorAccount'] = async (...args) => (await visitorAccounts()).visitorAccount(...args);
export const forgetVisitor: VisitorAccounts['forgetVisitor'] = async (...args) => (await visitorAccounts()).forgetVisitor(...args);
export const forgetVisitorAccount: VisitorAccounts['forgetVisitorAccount'] = async (...args) =>
  (await visitorAccounts()).forgetVisitorAccount(...args);
export type { Availability, Strangers } from './features/availability.ts';
export type { SendOptions } from './features/messaging.ts';
export { buildVisitorContext, pageAddress, parseVisitorContext, NS_VISITOR } from './stanza/visitor-context.ts';
export type { VisitorContext } from './stanza/visitor-context.ts';
export { cleanNick, NICK_LIMIT } from './stanza/message.ts';
export { ratingBody, RATING_COMMENT_LIMIT } from './stanza/rating.ts';
export type { RatingScore } from './stanza/rating.ts';
export { createCannedReplies, CannedReplyError } from './features/canned-replies.ts';
export type { CannedReplies, CannedRepliesEvents, CannedReplyCondition, CannedReplyInput } from './features/canned-replies.ts';
export { REPLY_LIMITS } from './stanza/canned-replies.ts';
export type { CannedReply } from './stanza/canned-replies.ts';
// The team desk (full mode): its code loads with the first desk created (see desk-lazy.ts).
export { createDesk, NS_DESK } from './features/desk-lazy.ts';
export { DeskError } from './features/desk-error.ts';
export type { Desk, DeskCondition, DeskDeps, DeskEvents } from './features/desk.ts';
export type { DeskConversation, DeskNote, DeskRating, DeskStatus, Teammate } from './stanza/desk.ts';
// Verifying visitors is the support desk's (full mode): its code loads when first used.
type VisitorVerifications = typeof import('./features/visitor-verification.ts');
export const createVisitorVerification = async (
  ...args: Parameters<VisitorVerifications['createVisitorVerification']>
): Promise<ReturnType<VisitorVerifications['createVisitorVerification']>> =>
  (await import('./features/visitor-verification.ts')).createVisitorVerification(...args);
export type {
  VerificationCondition,
  VerificationError,
  VerificationResult,
  VisitorVerification,
  VisitorVerificationDeps,
  VisitorVerificationEvents,
} from './features/visitor-verification.ts';
export { signedText } from './stanza/visitor-context.ts';
export { createOfficeHours, OfficeHoursError, HOURS_NODE } from './features/office-hours.ts';
export type { OfficeHoursFeature, OfficeHoursCondition } from './features/office-hours.ts';
export { isOpen, nextOpening, validSpan, validClosed, validTimeZone, WEEKDAYS } from './stanza/office-hours.ts';
export type { OfficeHours, OpeningSpan, ClosedDays, Weekday } from './stanza/office-hours.ts';
// Search across all conversations is the support desk's: the visitor's widget never loads it.
export const loadSearch = () => import('./storage/search-index.ts');
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
