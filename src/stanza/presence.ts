/**
 * Presence (RFC 6121 §3, §4) with entity capabilities (XEP-0115), nicknames in subscription
 * requests (XEP-0172), delays (XEP-0203) and last user interaction (XEP-0319).
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { bareJid } from './jid.ts';

const NS_CLIENT = 'jabber:client';
const NS_CAPS = 'http://jabber.org/protocol/caps';
const NS_NICK = 'http://jabber.org/protocol/nick';
const NS_DELAY = 'urn:xmpp:delay';
const NS_IDLE = 'urn:xmpp:idle:1';
const NS_VCARD_UPDATE = 'vcard-temp:x:update';
/** The longest status message or nickname kept; the rest is cut off. */
const MAX_TEXT = 1024;

export type PresenceType = 'available' | 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed' | 'probe' | 'error';
export type Show = 'away' | 'chat' | 'dnd' | 'xa';

const TYPES = new Set<string>(['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error']);
const SHOWS = new Set<string>(['away', 'chat', 'dnd', 'xa']);

/** A presence stanza as read by `parsePresence`. Texts are plain text, never markup. */
export interface Presence {
  /** As the stanza says; who may send what is the caller's to judge. */
  from?: string;
  to?: string;
  /** `available` when the stanza has no type. */
  type: PresenceType;
  show?: Show;
  /** At most 1024 characters. */
  status?: string;
  /** An integer from -128 to 127; 0 when absent or unreadable. */
  priority: number;
  /** XEP-0115 caps; only with all of node, ver and hash (legacy caps without hash are ignored). */
  caps?: { node: string; ver: string; hash: string };
  /** XEP-0172 nickname, at most 1024 characters; only meaningful in subscription requests. */
  nick?: string;
  /** XEP-0203 stamp: when the server received this presence, if it is an old one. */
  delay?: string;
  /** XEP-0319: since when the user has been idle. */
  idle?: string;
  /** XEP-0153: the SHA-1 (hex) of the sender's vCard photo; empty when they have none. */
  photo?: string;
}

/** How available someone is: the best `<show>` over their resources, `online` without one, `offline` with none. */
export type Availability = Show | 'online' | 'offline';

// Best first. Someone "busy" is at a device, so more reachable than someone away from it.
const AVAILABILITY_RANK: Record<Availability, number> = { chat: 0, online: 1, dnd: 2, away: 3, xa: 4, offline: 5 };

/**
 * Someone's availability from the presences of their resources: the most available of them
 * (RFC 6121 leaves the order to clients; this is ours, for every view). Only `available`
 * presences count.
 */
export function bestAvailability(presences: Iterable<Pick<Presence, 'type' | 'show'>>): Availability {
  let best: Availability = 'offline';
  for (const presence of presences) {
    if (presence.type !== 'available') continue;
    const state = presence.show ?? 'online';
    if (AVAILABILITY_RANK[state] < AVAILABILITY_RANK[best]) best = state;
  }
  return best;
}

/** What `buildPresence` needs; everything is optional. */
export interface PresenceInit {
  show?: Show;
  status?: string;
  /** Rounded and clamped to -128..127. */
  priority?: number;
  /** Our own caps; `ver` is the value `capsVerification` computes for our disco#info. */
  caps?: { node: string; ver: string };
  /** Directed presence; broadcast when left out. */
  to?: string;
  type?: 'unavailable';
}

/** A child in the stanza's own namespace: no `xmlns` of its own, or `jabber:client`. */
const isClientChild = (el: XmlElement) => el.attrs.xmlns === undefined || el.attrs.xmlns === NS_CLIENT;

const clampPriority = (n: number) => Math.min(127, Math.max(-128, Math.trunc(n)));

function parsePriority(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?\d+$/.test(trimmed) ? clampPriority(Number(trimmed)) : 0;
}

/**
 * Reads a presence stanza. Returns undefined for other stanzas and unknown presence types; an
 * unknown `<show>` is left out. Only children in the stanza's namespace count as show, status and
 * priority.
 */
export function parsePresence(el: XmlElement): Presence | undefined {
  if (el.name !== 'presence') return undefined;
  const rawType = el.attrs.type;
  if (rawType !== undefined && !TYPES.has(rawType)) return undefined;
  const own = (name: string) => childrenOf(el, name).find(isClientChild);
  const presence: Presence = {
    type: (rawType ?? 'available') as PresenceType,
    priority: parsePriority(textOf(own('priority'))),
  };
  const { from, to } = el.attrs;
  if (from) presence.from = from;
  if (to) presence.to = to;
  const show = textOf(own('show')).trim();
  if (SHOWS.has(show)) presence.show = show as Show;
  const status = textOf(own('status'));
  if (status) presence.status = status.slice(0, MAX_TEXT);
  const c = childOf(el, 'c', NS_CAPS);
  if (c?.attrs.node && c.attrs.ver && c.attrs.hash) presence.caps = { node: c.attrs.node, ver: c.attrs.ver, hash: c.attrs.hash };
  const nick = textOf(childOf(el, 'nick', NS_NICK));
  if (nick) presence.nick = nick.slice(0, MAX_TEXT);
  const delay = childOf(el, 'delay', NS_DELAY)?.attrs.stamp;
  if (delay) presence.delay = delay;
  const idle = childOf(el, 'idle', NS_IDLE)?.attrs.since;
  if (idle) presence.idle = idle;
  const update = childOf(el, 'x', NS_VCARD_UPDATE);
  const photo = update && childOf(update, 'photo');
  if (photo) presence.photo = textOf(photo).trim();
  return presence;
}

/** Builds our own presence: broadcast, or directed with `to`, or unavailable. */
export function buildPresence(opts: PresenceInit): XmlElement {
  const { show, status, priority, caps, to, type } = opts;
  return xml(
    'presence',
    { to, type },
    show && xml('show', {}, show),
    status !== undefined && status !== '' && xml('status', {}, status),
    priority !== undefined && Number.isFinite(priority) && xml('priority', {}, String(clampPriority(priority))),
    caps && xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: caps.node, ver: caps.ver }),
  );
}

/**
 * Builds a subscription stanza (RFC 6121 §3) addressed to the contact's bare address. A `nick`
 * (XEP-0172) tells the contact who is asking; it belongs in `subscribe` requests.
 */
export function buildSubscription(
  to: string,
  type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed',
  nick?: string,
): XmlElement {
  return xml('presence', { to: bareJid(to) ?? to, type }, nick && xml('nick', { xmlns: NS_NICK }, nick));
}
