/** The public API of the client core. Components import only this module. */
export { createClient } from './client.ts';
export type { Client, ClientEvents, ConnectionStatus, StatusChange } from './client.ts';
export type { ClientOptions } from './options.ts';
export type { SessionInfo, TransportKind } from './transport/transport.ts';
export { AuthError, ConfigError, ConnectionError, StanzaError, StreamError, XmppChatError } from './errors.ts';
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
export { StorageError, createMemoryBackend } from './storage/index.ts';
export type { StoredMessage, MessageState, ConversationSummary, Page, StorageChange } from './storage/index.ts';
