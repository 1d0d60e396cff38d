/**
 * The roster (RFC 6121 §2): fetching it, with roster versioning (§2.6), reading the server's
 * pushes, and adding or removing contacts.
 */
import { childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

const NS_ROSTER = 'jabber:iq:roster';
const SUBSCRIPTIONS = new Set(['none', 'to', 'from', 'both', 'remove']);

/** One contact on the roster. */
export interface RosterItem {
  /** The contact's bare address, local part and domain lower-cased. */
  jid: string;
  /** The name the user gave the contact; text, never markup. */
  name?: string;
  /** Who sees whose presence; `remove` only appears in pushes. */
  subscription: 'none' | 'to' | 'from' | 'both' | 'remove';
  /** Set while our subscription request waits for the contact's answer. */
  ask?: 'subscribe';
  /** The groups the contact is filed under, without duplicates. */
  groups: string[];
}

/** What `parseRosterResult` reads from the answer to a roster get. */
export interface RosterResult {
  /** The roster version to store with the items and send next time. */
  ver?: string;
  items: RosterItem[];
  /** True when the server says the cached roster is current (an empty result, §2.6.3). */
  unchanged?: boolean;
}

/** A bare address (no resource), normalized; undefined for anything else. */
function bareOnly(s: string | undefined): string | undefined {
  const jid = s === undefined ? undefined : parseJid(s);
  return jid && jid.resource === undefined ? formatJid(jid) : undefined;
}

/** A roster item, or undefined when its address is missing, invalid or not bare. */
function parseItem(el: XmlElement): RosterItem | undefined {
  const jid = bareOnly(el.attrs.jid);
  if (!jid) return undefined;
  const subscription = SUBSCRIPTIONS.has(el.attrs.subscription ?? '') ? (el.attrs.subscription as RosterItem['subscription']) : 'none';
  const groups = [
    ...new Set(
      childrenOf(el, 'group')
        .map((g) => textOf(g))
        .filter((g) => g !== ''),
    ),
  ];
  const item: RosterItem = { jid, subscription, groups };
  if (el.attrs.name) item.name = el.attrs.name;
  if (el.attrs.ask === 'subscribe') item.ask = 'subscribe';
  return item;
}

/** The `<query xmlns='jabber:iq:roster'>` child, if there is exactly one. */
function rosterQuery(iq: XmlElement): XmlElement | undefined {
  const queries = childrenOf(iq, 'query', NS_ROSTER);
  return queries.length === 1 ? queries[0] : undefined;
}

/** True when `from` is absent or the user's own bare address (RFC 6121 §2.1.6). */
export function fromOwnAccount(from: string | undefined, ownBareJid: string): boolean {
  if (from === undefined) return true;
  const own = bareOnly(ownBareJid);
  return own !== undefined && bareOnly(from) === own;
}

/**
 * Builds the roster get. Pass the stored roster version to ask only for changes; `''` means
 * "versioning, please, but I have nothing cached"; leave it out when the server does not offer
 * roster versioning (`<ver xmlns='urn:xmpp:features:rosterver'/>` among the stream features).
 */
export function buildRosterGet(ver?: string): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId() }, xml('query', { xmlns: NS_ROSTER, ver }));
}

/**
 * Reads the answer to a roster get. An iq result with no child at all means the cached roster is
 * current (`unchanged: true`; changes follow as pushes). Items with invalid or non-bare addresses
 * and `remove` items are skipped; a repeated address keeps its first item; an unknown subscription
 * reads as `none`. Returns undefined for anything but an iq result with zero or one roster query.
 */
export function parseRosterResult(iq: XmlElement): RosterResult | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const query = rosterQuery(iq);
  if (!query) return childrenOf(iq).length === 0 ? { items: [], ver: undefined, unchanged: true } : undefined;
  const items = new Map<string, RosterItem>();
  for (const child of childrenOf(query, 'item')) {
    const item = parseItem(child);
    if (item && item.subscription !== 'remove' && !items.has(item.jid)) items.set(item.jid, item);
  }
  const result: RosterResult = { items: [...items.values()] };
  if (query.attrs.ver !== undefined) result.ver = query.attrs.ver;
  return result;
}

/**
 * Reads a roster push: an iq set holding exactly one valid item. Only the user's own account
 * may push: `from` must be absent or the user's bare address, otherwise anyone could rewrite the
 * roster (a forged push returns undefined and should get a service-unavailable error). The caller
 * answers a valid push with an empty iq result carrying the push's id.
 */
export function parseRosterPush(iq: XmlElement, ownBareJid: string): { ver?: string; item: RosterItem } | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'set' || !fromOwnAccount(iq.attrs.from, ownBareJid)) return undefined;
  const query = rosterQuery(iq);
  const children = query ? childrenOf(query) : [];
  if (children.length !== 1 || children[0].name !== 'item') return undefined;
  const item = parseItem(children[0]);
  if (!item) return undefined;
  return query?.attrs.ver !== undefined ? { ver: query.attrs.ver, item } : { item };
}

/** Builds an iq set that adds a contact or changes its name and groups (§2.3, §2.4). */
export function buildRosterSet(item: { jid: string; name?: string; groups?: string[] }): XmlElement {
  const groups = [...new Set(item.groups ?? [])].filter((g) => g !== '');
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml(
      'query',
      { xmlns: NS_ROSTER },
      xml(
        'item',
        { jid: item.jid, name: item.name },
        groups.map((g) => xml('group', {}, g)),
      ),
    ),
  );
}

/** Builds an iq set that removes a contact, which also cancels both subscriptions (§2.5). */
export function buildRosterRemove(jid: string): XmlElement {
  return xml('iq', { type: 'set', id: newStanzaId() }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' })));
}

/** The roster query namespace, for registering a push handler. */
export const ROSTER_NAMESPACE = NS_ROSTER;
