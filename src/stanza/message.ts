/** Chat messages (RFC 6121 §5) with unique and stable ids (XEP-0359) and delays (XEP-0203). */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';

const NS_CLIENT = 'jabber:client';
const NS_SID = 'urn:xmpp:sid:0';
const NS_DELAY = 'urn:xmpp:delay';
const NS_NICK = 'http://jabber.org/protocol/nick';
/** Longest kept nickname; longer ones are cut. */
export const NICK_LIMIT = 64;
const CHAT_TYPES = new Set(['chat', 'normal', 'groupchat', 'headline']);

/** A fresh random id for a stanza (a UUID where the browser offers one). */
export function newStanzaId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A received chat message, as read by `parseChatMessage`. */
export interface ChatMessage {
  /** The stanza's `id` attribute. */
  id?: string;
  /** The sender's own stable id (XEP-0359 origin-id). */
  originId?: string;
  /** Ids given by the archives the message went through (XEP-0359 stanza-id). */
  stanzaIds: { id: string; by: string }[];
  from?: string;
  to?: string;
  /** chat, normal, groupchat or headline. */
  type: string;
  /** The text exactly as sent; it is text, never markup. */
  body: string;
  thread?: string;
  /** When the message was first sent, if it was delivered late (XEP-0203). */
  delay?: { stamp: string; from?: string };
}

/** What `buildChatMessage` needs. */
export interface ChatMessageInit {
  to: string;
  body: string;
  /** Defaults to a fresh id. */
  id?: string;
  /** Defaults to `chat`. */
  type?: string;
  /** Defaults to the id. */
  originId?: string;
}

/** Builds a `<message>` with a body and an origin-id, ready to send. */
export function buildChatMessage({ to, body, id, type = 'chat', originId }: ChatMessageInit): XmlElement {
  const stanzaId = id ?? newStanzaId();
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: stanzaId, type },
    xml('body', {}, body),
    xml('origin-id', { xmlns: NS_SID, id: originId ?? stanzaId }),
  );
}

/** A child in the stanza's own namespace: no `xmlns` of its own, or `jabber:client`. */
const isClientChild = (el: XmlElement) => el.attrs.xmlns === undefined || el.attrs.xmlns === NS_CLIENT;

/**
 * Reads a chat message: a `<message>` of type chat, normal, groupchat or headline (absent means
 * normal) with a non-empty body. Returns undefined for anything else, errors included.
 */
export function parseChatMessage(el: XmlElement): ChatMessage | undefined {
  if (el.name !== 'message') return undefined;
  const type = el.attrs.type ?? 'normal';
  if (!CHAT_TYPES.has(type)) return undefined;
  const body = textOf(childrenOf(el, 'body').find(isClientChild));
  if (body === '') return undefined;

  const message: ChatMessage = { type, body, stanzaIds: [] };
  const { id, from, to } = el.attrs;
  if (id) message.id = id;
  if (from) message.from = from;
  if (to) message.to = to;
  const originId = childOf(el, 'origin-id', NS_SID)?.attrs.id;
  if (originId) message.originId = originId;
  for (const stanzaId of childrenOf(el, 'stanza-id', NS_SID)) {
    const { id: sid, by } = stanzaId.attrs;
    if (sid && by) message.stanzaIds.push({ id: sid, by });
  }
  const thread = textOf(childrenOf(el, 'thread').find(isClientChild));
  if (thread) message.thread = thread;
  const delay = childOf(el, 'delay', NS_DELAY);
  if (delay?.attrs.stamp) {
    message.delay = delay.attrs.from ? { stamp: delay.attrs.stamp, from: delay.attrs.from } : { stamp: delay.attrs.stamp };
  }
  return message;
}

/** A nickname as shown: one line of text, trimmed and cut to the limit; undefined when empty. */
export function cleanNick(name: string | undefined): string | undefined {
  const text = name
    // Control characters, and the direction overrides that could make a name read as another.
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    ?.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim()
    .slice(0, NICK_LIMIT);
  return text || undefined;
}

/** The sender's nickname (XEP-0172 `<nick/>`), if the message carries one: the agent's name on a support desk. */
export const parseNick = (el: XmlElement): string | undefined => cleanNick(textOf(childOf(el, 'nick', NS_NICK)));

/** The `<nick/>` element (XEP-0172) for a name; undefined when the name is empty. */
export function buildNick(name: string | undefined): XmlElement | undefined {
  const nick = cleanNick(name);
  return nick ? xml('nick', { xmlns: NS_NICK }, nick) : undefined;
}
