/**
 * The team desk's shared state: the payloads kept in the support account's PEP nodes, and the
 * activity messages its signed-in agents send each other.
 *
 * Node `urn:xmpp-chat:desk:0:conversations`, one item per conversation, the item id being the
 * visitor's bare JID:
 *   <conversation xmlns='urn:xmpp-chat:desk:0' status='resolved' assignee='Ann' by='Ann'
 *       updated='1764650000000' resolved-at='1764650000000'>
 *     <label>billing</label><rating score='4' at='1764650100000'>Quick</rating></conversation>
 * Node `urn:xmpp-chat:desk:0:notes`, one item per note (item id = note id), never changed:
 *   <note xmlns='urn:xmpp-chat:desk:0' peer='visitor@…' author='Ann' at='…' kind='note'>text</note>
 * Node `urn:xmpp-chat:desk:0:agents`: a device signing in publishes its `<activity/>` as item (its
 * resource) so that the others, notified, tell it theirs. Activity, a headline to one agent:
 *   <activity xmlns='urn:xmpp-chat:desk:0' name='Ann' viewing='visitor@…' typing='visitor@…'/>
 * Whoever has the account writes these, so what is read back is checked and capped.
 */
import { clip, oneLine } from './canned-replies.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { bareJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';
import { cleanComment, type DeskRating } from './rating.ts';

export type { DeskRating } from './rating.ts';

export const NS_DESK = 'urn:xmpp-chat:desk:0';
export const NODE_CONVERSATIONS = `${NS_DESK}:conversations`;
export const NODE_NOTES = `${NS_DESK}:notes`;
/** Each signing-in device publishes its activity here (item id = its resource), so those signed in already hear of it. */
export const NODE_AGENTS = `${NS_DESK}:agents`;
const NS_HINTS = 'urn:xmpp:hints';

/** Characters (code points) kept of a name and a label, labels per conversation, and characters of a note. */
export const DESK_LIMITS = { name: 64, label: 50, labels: 20, note: 4000 } as const;

export type DeskStatus = 'open' | 'pending' | 'resolved';
export interface DeskConversation {
  /** The visitor's bare JID (the item id). */
  peer: string;
  /** An unknown conversation is 'open' and unassigned. */
  status: DeskStatus;
  /** The agent's name. */
  assignee?: string;
  labels: string[];
  rating?: DeskRating;
  /** ms since epoch of the last change. */
  updated: number;
  resolvedAt?: number;
  /** The name of the agent who made the last change. */
  by?: string;
}
export interface DeskNote {
  id: string;
  peer: string;
  author: string;
  text: string;
  at: number;
  kind: 'note' | 'transfer';
}
export interface Teammate {
  resource: string;
  name: string;
  viewing?: string;
  typingTo?: string;
}

const STATUSES: readonly string[] = ['open', 'pending', 'resolved'];

/** A name or label as one line, cut to its limit; undefined when empty. */
export const cleanName = (s: string | undefined, max: number = DESK_LIMITS.name): string | undefined =>
  clip(oneLine(s ?? ''), max) || undefined;

/** Labels as stored: one line each, no repeats, at most DESK_LIMITS.labels. */
export const cleanLabels = (labels: readonly string[]): string[] =>
  [...new Set(labels.map((l) => cleanName(l, DESK_LIMITS.label)).filter((l) => l !== undefined))].slice(0, DESK_LIMITS.labels);

const time = (s: string | undefined): number | undefined => (s && /^\d{1,15}$/.test(s) ? Number(s) : undefined);
const stamp = (n: number | undefined) => (n === undefined ? undefined : String(Math.max(0, Math.round(n))));
const ours = (el: XmlElement | undefined, name: string) => el?.name === name && el.attrs.xmlns === NS_DESK;
const peerOf = (s: string | undefined) => (s && parseJid(s)?.local && !parseJid(s)?.resource ? bareJid(s) : undefined);

/** The state of a conversation nobody has touched: open and unassigned. */
export const defaultConversation = (peer: string): DeskConversation => ({ peer, status: 'open', labels: [], updated: 0 });

export function buildConversation(c: DeskConversation): XmlElement {
  const { rating } = c;
  return xml(
    'conversation',
    { xmlns: NS_DESK, status: c.status, assignee: c.assignee, by: c.by, updated: stamp(c.updated), 'resolved-at': stamp(c.resolvedAt) },
    c.labels.map((label) => xml('label', {}, label)),
    rating && xml('rating', { score: String(rating.score), at: stamp(rating.at) }, rating.comment),
  );
}

/** The conversation item `id` holds, or undefined when it is not one (or not a visitor's bare JID). */
export function parseConversation(id: string, el: XmlElement | undefined): DeskConversation | undefined {
  const peer = peerOf(id);
  if (!el || !peer || peer !== id || !ours(el, 'conversation')) return undefined;
  const { status, assignee, by } = el.attrs;
  const updated = time(el.attrs.updated);
  if (!STATUSES.includes(status) || updated === undefined) return undefined;
  const c: DeskConversation = {
    peer,
    status: status as DeskStatus,
    labels: cleanLabels(childrenOf(el, 'label').map((l) => textOf(l))),
    updated,
  };
  const name = cleanName(assignee);
  if (name) c.assignee = name;
  const author = cleanName(by);
  if (author) c.by = author;
  const resolvedAt = time(el.attrs['resolved-at']);
  if (resolvedAt !== undefined) c.resolvedAt = resolvedAt;
  const r = childOf(el, 'rating');
  const score = r?.attrs.score;
  const at = time(r?.attrs.at);
  if (score && /^[1-5]$/.test(score) && at !== undefined) {
    const comment = cleanComment(textOf(r));
    c.rating = { score: Number(score) as DeskRating['score'], at, ...(comment ? { comment } : {}) };
  }
  return c;
}

export function buildNote(n: DeskNote): XmlElement {
  return xml('note', { xmlns: NS_DESK, peer: n.peer, author: n.author, at: stamp(n.at), kind: n.kind }, n.text);
}

/** The note item `id` holds, or undefined when it is not one. */
export function parseNote(id: string, el: XmlElement | undefined): DeskNote | undefined {
  if (!el || !ours(el, 'note') || !id || id.length > 200) return undefined;
  const peer = peerOf(el.attrs.peer);
  const author = cleanName(el.attrs.author);
  const at = time(el.attrs.at);
  const kind = el.attrs.kind === 'transfer' ? 'transfer' : 'note';
  const text = clip(textOf(el), DESK_LIMITS.note);
  if (!peer || !author || at === undefined || (text.trim() === '' && kind === 'note')) return undefined;
  return { id, peer, author, text, at, kind };
}

/** What an agent tells the others: its name, and the conversation it has open or types in. */
export type Activity = Omit<Teammate, 'resource'>;

/** A headline to `to` (an agent's full JID), kept by nobody. */
export const buildActivityPayload = ({ name, viewing, typingTo }: Activity): XmlElement =>
  xml('activity', { xmlns: NS_DESK, name, viewing, typing: typingTo });

export function buildActivity(to: string, activity: Activity): XmlElement {
  return xml(
    'message',
    { type: 'headline', to, id: newStanzaId() },
    buildActivityPayload(activity),
    xml('no-store', { xmlns: NS_HINTS }),
    xml('no-copy', { xmlns: NS_HINTS }),
  );
}

/**
 * The activity an agent of our own account (`account`, a bare JID) sent, as a teammate; undefined
 * for any other stanza, one from anyone else, or one without a name.
 */
export function parseActivity(message: XmlElement, account: string): Teammate | undefined {
  if (message.name !== 'message' || message.attrs.type === 'error') return undefined;
  const from = parseJid(message.attrs.from ?? '');
  const el = childOf(message, 'activity', NS_DESK);
  if (!el || !from?.resource || bareJid(message.attrs.from ?? '') !== account) return undefined;
  const name = cleanName(el.attrs.name);
  if (!name) return undefined;
  const viewing = peerOf(el.attrs.viewing);
  const typingTo = peerOf(el.attrs.typing);
  return { resource: from.resource, name, ...(viewing ? { viewing } : {}), ...(typingTo ? { typingTo } : {}) };
}
