/**
 * Everything on a `<message>` besides the body: delivery receipts (XEP-0184), chat markers
 * (XEP-0333), chat states (XEP-0085), corrections (XEP-0308) and storage hints (XEP-0334).
 */
import { childOf, childrenOf, isElement, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_CLIENT = 'jabber:client';
const NS_RECEIPTS = 'urn:xmpp:receipts';
const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
const NS_CORRECT = 'urn:xmpp:message-correct:0';
const NS_HINTS = 'urn:xmpp:hints';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
type MarkerType = 'received' | 'displayed' | 'acknowledged';

const CHAT_STATES = new Set<string>(['active', 'composing', 'paused', 'inactive', 'gone']);
const MARKER_TYPES = new Set<string>(['received', 'displayed', 'acknowledged']);

/** The extensions found on a message by `parseMessageExtensions`. */
export interface MessageExtensions {
  /** XEP-0184: the sender asks for a receipt (never set on receipts themselves, errors, or messages without id). */
  receiptRequest: boolean;
  /** XEP-0184: this message is a receipt for our message with this id. */
  receivedId?: string;
  /** XEP-0333: the sender accepts chat markers for this message (needs an id; never set on markers). */
  markable: boolean;
  /** XEP-0333: the sender marks every message up to and including `id`. */
  marker?: { type: MarkerType; id: string };
  /** XEP-0085: the sender's chat state. */
  chatState?: ChatState;
  /** XEP-0308: this message corrects the message with this id. */
  replaceId?: string;
  /** XEP-0334: the sender asks that the message not be stored. */
  noStore: boolean;
}

/** What `withRequests` adds to an outgoing message. */
export interface MessageRequests {
  receipt?: boolean;
  markable?: boolean;
  state?: ChatState;
  replaceId?: string;
}

/**
 * Reads the extensions of a message. Anything that is not a `<message>`, and messages of type
 * error (which echo our own requests back), read as having none. Extension elements must be in
 * their namespace; ids must be non-empty.
 */
export function parseMessageExtensions(el: XmlElement): MessageExtensions {
  const result: MessageExtensions = { receiptRequest: false, markable: false, noStore: false };
  if (el.name !== 'message' || el.attrs.type === 'error') return result;
  const receivedId = childOf(el, 'received', NS_RECEIPTS)?.attrs.id;
  if (receivedId) result.receivedId = receivedId;
  const marker = childrenOf(el, undefined, NS_MARKERS).find((c) => MARKER_TYPES.has(c.name) && c.attrs.id);
  if (marker) result.marker = { type: marker.name as MarkerType, id: marker.attrs.id };
  const hasId = !!el.attrs.id;
  // Never ask for an answer to an answer: that is how receipt and marker loops start.
  result.receiptRequest = hasId && !childOf(el, 'received', NS_RECEIPTS) && !!childOf(el, 'request', NS_RECEIPTS);
  result.markable = hasId && !marker && !!childOf(el, 'markable', NS_MARKERS);
  const state = childrenOf(el, undefined, NS_CHATSTATES).find((c) => CHAT_STATES.has(c.name));
  if (state) result.chatState = state.name as ChatState;
  const replaceId = childOf(el, 'replace', NS_CORRECT)?.attrs.id;
  if (replaceId) result.replaceId = replaceId;
  result.noStore = !!childOf(el, 'no-store', NS_HINTS);
  return result;
}

/**
 * Builds a delivery receipt (XEP-0184) for the message with `id`, with a fresh id of its own and
 * a store hint so that it reaches the sender's archive. Only for messages that asked for one, and
 * only to contacts allowed to see our presence (a receipt reveals that we are online).
 */
export function buildReceipt(to: string, id: string): XmlElement {
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: newStanzaId(), type: 'chat' },
    xml('received', { xmlns: NS_RECEIPTS, id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/**
 * Builds a chat marker (XEP-0333) for every message up to and including `id`, as type chat with
 * a store hint. In a group chat, `id` must be the room's stanza-id, not the sender's id.
 */
export function buildMarker(to: string, id: string, type: MarkerType = 'displayed'): XmlElement {
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: newStanzaId(), type: 'chat' },
    xml(type, { xmlns: NS_MARKERS, id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** Builds a standalone chat-state notification (XEP-0085), hinted not to be stored. */
export function buildChatState(to: string, state: ChatState): XmlElement {
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: newStanzaId(), type: 'chat' },
    xml(state, { xmlns: NS_CHATSTATES }),
    xml('no-store', { xmlns: NS_HINTS }),
  );
}

/**
 * Returns a copy of an outgoing message with a receipt request, the markable flag, a chat state
 * and a correction reference added, replacing any already there. Receipts and markers refer to
 * the message's id, so a message without one gets a fresh id when either is asked for.
 */
export function withRequests(message: XmlElement, opts: MessageRequests): XmlElement {
  const added: XmlElement[] = [];
  if (opts.receipt) added.push(xml('request', { xmlns: NS_RECEIPTS }));
  if (opts.markable) added.push(xml('markable', { xmlns: NS_MARKERS }));
  if (opts.state && CHAT_STATES.has(opts.state)) added.push(xml(opts.state, { xmlns: NS_CHATSTATES }));
  if (opts.replaceId) added.push(xml('replace', { xmlns: NS_CORRECT, id: opts.replaceId }));
  const replaced = (node: XmlElement) =>
    (opts.receipt && node.name === 'request' && node.attrs.xmlns === NS_RECEIPTS) ||
    (opts.markable && node.name === 'markable' && node.attrs.xmlns === NS_MARKERS) ||
    (opts.state && node.attrs.xmlns === NS_CHATSTATES) ||
    (opts.replaceId && node.name === 'replace' && node.attrs.xmlns === NS_CORRECT);
  const children = message.children.filter((node) => !isElement(node) || !replaced(node));
  const needsId = (opts.receipt || opts.markable) && !message.attrs.id;
  const attrs = needsId ? { ...message.attrs, id: newStanzaId() } : { ...message.attrs };
  return { name: message.name, attrs, children: [...children, ...added] };
}
