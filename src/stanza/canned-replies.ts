/**
 * Canned replies of a support agent, kept in the account's Private XML Storage (XEP-0049) under
 * our own namespace, so that every device of the agent sees the same list:
 * `<replies xmlns='urn:xmpp-chat:canned-replies:0'><reply id='…' title='…'>text</reply></replies>`.
 * The storage is written by whoever has the account, so what is read back is checked and capped.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_PRIVATE = 'jabber:iq:private';
const NS_REPLIES = 'urn:xmpp-chat:canned-replies:0';

/** How much is read back: replies, and characters (code points) of an id, a title and a text. */
export const REPLY_LIMITS = { count: 200, id: 100, title: 100, text: 4000 } as const;

export interface CannedReply {
  readonly id: string;
  /** One line, for the list. */
  readonly title: string;
  /** What is inserted into the composer: plain text, never markup. */
  readonly text: string;
}

/** The first `max` code points of `s` (never half a surrogate pair). */
export function clip(s: string, max: number): string {
  return s.length <= max
    ? s
    : Array.from(s.slice(0, max * 2))
        .slice(0, max)
        .join('');
}

/** A title as one line: runs of whitespace (newlines included) become one space. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The length of `s` in code points, what the limits count. */
export const lengthOf = (s: string): number => Array.from(s).length;

/** True when an id is something we can store and compare: not blank, not too long. */
export const validId = (id: string | undefined): id is string =>
  id !== undefined && id.trim() !== '' && id.length <= REPLY_LIMITS.id * 2 && lengthOf(id) <= REPLY_LIMITS.id;

const storage = (...children: XmlElement[]) => xml('query', { xmlns: NS_PRIVATE }, xml('replies', { xmlns: NS_REPLIES }, children));

/** Builds the iq get for the stored replies. */
export function buildRepliesGet(): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId() }, storage());
}

/** Builds the iq set that stores these replies, replacing the whole stored list. */
export function buildRepliesSet(replies: readonly CannedReply[]): XmlElement {
  const items = replies.map(({ id, title, text }) => xml('reply', { id, title }, text));
  return xml('iq', { type: 'set', id: newStanzaId() }, storage(...items));
}

/** A stored `<reply>` as a reply, or undefined when it lacks an id, a title or a text. */
function readReply(el: XmlElement): CannedReply | undefined {
  const { id } = el.attrs;
  const title = clip(oneLine(el.attrs.title ?? ''), REPLY_LIMITS.title);
  // Only the direct text: child elements (markup) are not part of a reply.
  const text = clip(textOf(el), REPLY_LIMITS.text);
  if (!validId(id) || title === '' || text.trim() === '') return undefined;
  return { id, title, text };
}

/**
 * Reads the answer to `buildRepliesGet`: the stored replies in their order, skipping malformed
 * items and repeated ids (the first wins), at most `REPLY_LIMITS.count`, titles and texts clipped.
 * An answer without `<replies>` (nothing stored yet) is an empty list. Undefined for anything but
 * an iq result with a private-storage `<query>`.
 */
export function parseReplies(iq: XmlElement): CannedReply[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const query = childOf(iq, 'query', NS_PRIVATE);
  if (!query) return undefined;
  const stored = childOf(query, 'replies', NS_REPLIES);
  const replies: CannedReply[] = [];
  const seen = new Set<string>();
  for (const el of stored ? childrenOf(stored, 'reply') : []) {
    // Children inherit the namespace; a <reply> declaring another one is someone else's.
    if (el.attrs.xmlns !== undefined && el.attrs.xmlns !== NS_REPLIES) continue;
    const reply = readReply(el);
    if (!reply || seen.has(reply.id)) continue;
    seen.add(reply.id);
    replies.push(reply);
    if (replies.length === REPLY_LIMITS.count) break;
  }
  return replies;
}
