/** What the tabs sharing one session tell each other over their BroadcastChannel. */
import { AuthError, ConnectionError, StreamError, type XmppChatError } from '../errors.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { SessionInfo, StreamState, TransportKind } from '../transport/transport.ts';

export interface WireError {
  name: string;
  condition: string;
  message: string;
  text?: string;
}

export type Wire =
  /** A tab follows the session (or asks where it stands): the lead answers `online` if it is. */
  | { t: 'hello'; tab: string; page: string }
  /** A following tab stops following. (`tab` names one chat: a page may hold several.) */
  | { t: 'bye'; tab: string }
  /** A following tab's stanza, for the lead to send. */
  | { t: 'send'; tab: string; stanza: XmlElement }
  /**
   * The lead's session is up; `session` counts the lead's sessions that started afresh; `stream` is
   * its stream as it stands, where the tab taking over could resume it.
   */
  | { t: 'online'; lead: string; page: string; session: number; kind: TransportKind; info: SessionInfo; stream?: StreamState }
  /** The lead's attempt to open a session failed. */
  | { t: 'failed'; error: WireError }
  /** The lead's link dropped; it is reconnecting. */
  | { t: 'dropped'; error: WireError }
  /** What arrived; `h`: the lead's stream's count of handled stanzas with it (XEP-0198). */
  | { t: 'stanza'; stanza: XmlElement; h?: number }
  /** A stanza the lead's stream waits for the server to confirm. */
  | { t: 'queued'; stanza: XmlElement }
  /** The server confirmed a stanza (any tab's). */
  | { t: 'acked'; stanza: XmlElement };

export function toWire(error: XmppChatError): WireError {
  const { name, condition, message } = error;
  const text = (error as { text?: string }).text;
  return text === undefined ? { name, condition, message } : { name, condition, message, text };
}

/** The same error in this tab, so that it is fatal, or retried, exactly as in the lead's. */
export function fromWire(error: WireError): XmppChatError {
  if (error.name === 'AuthError') return new AuthError(error.condition, error.message, error.text);
  if (error.name === 'StreamError') return new StreamError(error.condition, error.message, error.text);
  const conditions = ['refused', 'unreachable', 'timeout', 'closed', 'no-endpoint', 'elsewhere'];
  const condition = conditions.includes(error.condition) ? error.condition : 'unreachable';
  return new ConnectionError(condition as ConnectionError['condition'], error.message);
}

/**
 * Whether a tab's stanza goes out over the shared session: the lead's does, except going offline or
 * inactive while other tabs follow; a follower's (passed to the lead) except replies to requests and
 * delivery receipts (the lead, which hears everything, answers them once), going offline and client
 * state, which are the session's, not a tab's.
 */
export function passes(role: 'lead' | 'follow', followed: boolean, stanza: XmlElement): boolean {
  if (role === 'lead') return !(followed && (isGoingOffline(stanza) || (isClientState(stanza) && stanza.name === 'inactive')));
  return !isIqReply(stanza) && !isReceipt(stanza) && !isGoingOffline(stanza) && !isClientState(stanza);
}

/** A delivery receipt (XEP-0184) alone: every tab that hears a message would send one. */
export const isReceipt = (stanza: XmlElement) =>
  stanza.name === 'message' &&
  stanza.children.some((c) => typeof c !== 'string' && c.name === 'received' && c.attrs.xmlns === 'urn:xmpp:receipts') &&
  !stanza.children.some((c) => typeof c !== 'string' && c.name === 'body');

/** A reply to a request: only the lead's goes out, as every tab answers the requests it hears. */
export const isIqReply = (stanza: XmlElement) => stanza.name === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error');

/** A request of ours, whose reply only the tab that sent it takes in. */
export const isIqRequest = (stanza: XmlElement) => stanza.name === 'iq' && (stanza.attrs.type === 'get' || stanza.attrs.type === 'set');

/** Going offline as a whole: a tab that closes says so only when no other tab goes on with the session. */
export const isGoingOffline = (stanza: XmlElement) => stanza.name === 'presence' && stanza.attrs.type === 'unavailable' && !stanza.attrs.to;

/**
 * Client state (XEP-0352) is the session's, not a tab's: only the holder tells it, and while other
 * tabs follow (one of them may be in view) it does not say it is inactive.
 */
export const isClientState = (stanza: XmlElement) => stanza.attrs.xmlns === 'urn:xmpp:csi:0';
