/**
 * The public API of the client core. Components import the core only through this module and,
 * for the support desk (full mode), ./desk.ts; apps get both from ./core.ts.
 */
export { createClient } from './client.ts';
export type { Client, ClientEvents, ConnectionStatus, StatusChange } from './client.ts';
export type { ClientOptions } from './options.ts';
export { serviceList } from './options.ts';
export type { SessionInfo, TransportKind } from './transport/transport.ts';
export { preloadTransport } from './transport/preload.ts';
export type { FastToken, FastTokenStore } from './sasl/sasl2.ts';
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
export type { StoredMessage, MessageState, ConversationSummary, Page, StorageChange, SharedFile, ReplyTo } from './storage/index.ts';
export type { RegistrationError } from './registration.ts';
export type { Registration } from './registration.ts';
export type { VisitorAccount, VisitorAccountOptions } from './visitor-account.ts';
// Visitor accounts load when first used: an anonymous visitor never needs them.
type VisitorAccounts = typeof import('./visitor-account.ts');
const visitorAccounts = () => import('./visitor-account.ts');
type SavedLogins = typeof import('./saved-login.ts');
/** "Stay signed in": loaded only by full mode's login (saved-login.ts). */
const savedLogins = () => import('./saved-login.ts');
export type { SavedLogin } from './saved-login.ts';
export const loadSavedLogin: SavedLogins['loadSavedLogin'] = async (...args) => (await savedLogins()).loadSavedLogin(...args);
export const forgetSavedLogin: SavedLogins['forgetSavedLogin'] = async (...args) => (await savedLogins()).forgetSavedLogin(...args);
export const keepLoginWithoutToken: SavedLogins['keepLoginWithoutToken'] = async (...args) =>
  (await savedLogins()).keepLoginWithoutToken(...args);
export const savedLoginTokens = async (...args: Parameters<SavedLogins['savedLoginTokens']>) =>
  (await savedLogins()).savedLoginTokens(...args);
export const visitorAccount: VisitorAccounts['visitorAccount'] = async (...args) => (await visitorAccounts()).visitorAccount(...args);
export const forgetVisitor: VisitorAccounts['forgetVisitor'] = async (...args) => (await visitorAccounts()).forgetVisitor(...args);
export const forgetVisitorAccount: VisitorAccounts['forgetVisitorAccount'] = async (...args) =>
  (await visitorAccounts()).forgetVisitorAccount(...args);
export type { Availability, Strangers } from './features/availability.ts';
export type { SendOptions } from './features/messaging.ts';
export type { UploadCondition, UploadError, UploadOptions } from './features/upload.ts';
// End-to-end encryption loads with the first session of a chat with `encryption: 'omemo'`: only its types are here.
export type { Omemo, OmemoDeviceChange, OmemoDeviceInfo, OmemoEvents, OmemoTrust } from './features/omemo.ts';
export type { OmemoError, OmemoCondition } from './omemo/omemo-error.ts';
// Encrypted files (XEP-0454): fetched and decrypted by code that loads with the first one opened.
export type { FileLinkCondition, FileLinkError, OpenFileOptions } from './file-link.ts';
/** The decrypted file of an `aesgcm://` link; rejects with a FileLinkError whose message says why. */
export const openEncryptedFile = async (...args: Parameters<typeof import('./file-link.ts').openEncryptedFile>) =>
  (await import('./file-link.ts')).openEncryptedFile(...args);
// Avatars load with the first `chat.avatars()`: only their types are here.
export type { AvatarCondition, AvatarError, Avatars, AvatarsEvents } from './features/avatars.ts';
export { buildVisitorContext, pageAddress, parseVisitorContext, NS_VISITOR } from './stanza/visitor-context.ts';
export type { VisitorContext } from './stanza/visitor-context.ts';
export { cleanNick, NICK_LIMIT } from './stanza/message.ts';
export { ratingBody, RATING_COMMENT_LIMIT } from './stanza/rating.ts';
export type { RatingScore } from './stanza/rating.ts';
// The support desk's features (full mode) are in ./desk.ts, so that a visitor's widget, which
// loads this module, never carries them.
export type { CannedReplies } from './features/canned-replies.ts';
export { RoomError } from './features/room-types.ts';
export type {
  JoinOptions,
  Occupant,
  Room,
  RoomAffiliation,
  RoomBookmark,
  RoomConfig,
  RoomEvents,
  RoomInfo,
  RoomInvitation,
  RoomRole,
  RoomState,
  Rooms,
  RoomsEvents,
} from './features/room-types.ts';
