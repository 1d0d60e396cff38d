/**
 * Blocking Command (XEP-0191): the user's block list, blocking and unblocking addresses, and the
 * server's pushes when the list changes (from this or another of the user's clients).
 */
import { childOf, childrenOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

const NS_BLOCKING = 'urn:xmpp:blocking';

/** A block-list change pushed by the server. */
export interface BlockPush {
  /** Addresses now blocked. */
  block?: string[];
  /** Addresses no longer blocked, or `'all'` when the whole list was cleared. */
  unblock?: string[] | 'all';
}

/** An address normalized (local part and domain lower-cased), or undefined if invalid. */
function normalize(s: string | undefined): string | undefined {
  const jid = s === undefined ? undefined : parseJid(s);
  return jid && formatJid(jid);
}

/** The valid, distinct addresses of the `<item jid/>` children; blocked JIDs may be full, bare or domains. */
function itemJids(el: XmlElement): string[] {
  const jids = childrenOf(el, 'item').map((item) => normalize(item.attrs.jid));
  return [...new Set(jids.filter((jid): jid is string => jid !== undefined))];
}

/** A bare address (no resource), normalized; undefined for anything else. */
function bareOnly(s: string): string | undefined {
  const jid = parseJid(s);
  return jid && jid.resource === undefined ? formatJid(jid) : undefined;
}

/** True when `from` is absent or the user's own bare address. */
export function fromOwnAccount(from: string | undefined, ownBareJid: string): boolean {
  if (from === undefined) return true;
  const own = bareOnly(ownBareJid);
  return own !== undefined && bareOnly(from) === own;
}

const itemsOf = (jids: readonly string[]) => jids.map((jid) => xml('item', { jid }));

/** Builds the iq get for the block list. */
export function buildBlocklistGet(): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId() }, xml('blocklist', { xmlns: NS_BLOCKING }));
}

/** Builds the iq set that blocks these addresses (at least one; an empty block is a bad request). */
export function buildBlock(jids: string[]): XmlElement {
  return xml('iq', { type: 'set', id: newStanzaId() }, xml('block', { xmlns: NS_BLOCKING }, itemsOf(jids)));
}

/** Builds the iq set that unblocks these addresses; without any, it unblocks everyone. */
export function buildUnblock(jids?: string[]): XmlElement {
  return xml('iq', { type: 'set', id: newStanzaId() }, xml('unblock', { xmlns: NS_BLOCKING }, itemsOf(jids ?? [])));
}

/**
 * Reads the answer to `buildBlocklistGet`: the blocked addresses, normalized and without
 * duplicates or invalid entries. Undefined for anything but an iq result with a block list.
 */
export function parseBlocklist(iq: XmlElement): string[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const list = childOf(iq, 'blocklist', NS_BLOCKING);
  return list ? itemJids(list) : undefined;
}

/**
 * Reads a block or unblock push: an iq set from the user's own account (no `from`, or the bare
 * address) with one `<block>` or `<unblock>` child. A push from anyone else is forged and returns
 * undefined, as do a block without valid items, and an unblock whose items are all invalid (which
 * must not be mistaken for "unblock all"). The caller answers a valid push with an iq result.
 */
export function parseBlockPush(iq: XmlElement, ownBareJid: string): BlockPush | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'set' || !fromOwnAccount(iq.attrs.from, ownBareJid)) return undefined;
  const payloads = childrenOf(iq);
  if (payloads.length !== 1) return undefined;
  const [payload] = payloads;
  if (payload.attrs.xmlns !== NS_BLOCKING) return undefined;
  const jids = itemJids(payload);
  if (payload.name === 'block') return jids.length > 0 ? { block: jids } : undefined;
  if (payload.name !== 'unblock') return undefined;
  if (childrenOf(payload, 'item').length === 0) return { unblock: 'all' };
  return jids.length > 0 ? { unblock: jids } : undefined;
}
