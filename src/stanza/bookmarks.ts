/**
 * Room bookmarks: PEP Native Bookmarks (XEP-0402, one item per room in `urn:xmpp:bookmarks:1`) and
 * the older private XML storage (XEP-0048 via XEP-0049, one `<storage>` with every room), which
 * some servers also publish to PEP node `storage:bookmarks` (XEP-0411). Pure functions;
 * features/room-bookmarks.ts uses them.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';
import { buildPublish } from './pep.ts';

export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
export const NS_STORAGE = 'storage:bookmarks';
const NS_PRIVATE = 'jabber:iq:private';

/** A room kept in the bookmarks (the same shape as `RoomBookmark` in features/room-types.ts). */
export interface Bookmark {
  jid: string;
  name?: string;
  nick?: string;
  password?: string;
  autojoin: boolean;
}

/** XEP-0402 §3: how the node is kept — only for us, every item kept, nothing re-sent on presence. */
export const BOOKMARK_NODE_OPTIONS = {
  'pubsub#persist_items': 'true',
  'pubsub#max_items': 'max',
  'pubsub#send_last_published_item': 'never',
  'pubsub#access_model': 'whitelist',
} as const;

const roomOf = (value: string | undefined): string | undefined => {
  const jid = value ? parseJid(value) : undefined;
  return jid?.local && jid.resource === undefined ? formatJid({ local: jid.local, domain: jid.domain }) : undefined;
};

/** Reads a `<conference>` of either kind; `jid` is the item id (XEP-0402) or the attribute (XEP-0048). */
function readConference(el: XmlElement, jid: string | undefined): Bookmark | undefined {
  const room = roomOf(jid);
  if (!room) return undefined;
  const nick = textOf(childOf(el, 'nick'));
  const password = textOf(childOf(el, 'password'));
  return {
    jid: room,
    ...(el.attrs.name ? { name: el.attrs.name } : {}),
    ...(nick ? { nick } : {}),
    ...(password ? { password } : {}),
    autojoin: el.attrs.autojoin === 'true' || el.attrs.autojoin === '1',
  };
}

const conferenceChildren = (bookmark: Bookmark) => [
  bookmark.nick ? xml('nick', {}, bookmark.nick) : undefined,
  bookmark.password ? xml('password', {}, bookmark.password) : undefined,
];

/** The XEP-0402 item payload of a bookmark (its item id is the room's JID). */
export const buildConference = (bookmark: Bookmark): XmlElement =>
  xml(
    'conference',
    { xmlns: NS_BOOKMARKS, name: bookmark.name, autojoin: bookmark.autojoin ? 'true' : 'false' },
    conferenceChildren(bookmark),
  );

/** Publishes (adds or replaces) one bookmark (XEP-0402 §3.2). */
export const buildBookmarkPublish = (bookmark: Bookmark): XmlElement =>
  buildPublish(NS_BOOKMARKS, bookmark.jid, buildConference(bookmark), BOOKMARK_NODE_OPTIONS);

/** A XEP-0402 item (`id` = room JID, payload `<conference>`) as a bookmark; undefined when it is not one. */
export function readBookmarkItem(id: string, payload: XmlElement | undefined): Bookmark | undefined {
  if (!payload || payload.name !== 'conference' || payload.attrs.xmlns !== NS_BOOKMARKS) return undefined;
  return readConference(payload, id);
}

/** Asks for the private XML bookmarks (XEP-0048 §3.2 over XEP-0049). */
export const buildPrivateGet = (): XmlElement =>
  xml('iq', { type: 'get', id: newStanzaId() }, xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE })));

/** The `<storage xmlns='storage:bookmarks'>` of a private XML answer; undefined for anything else. */
export function privateStorageOf(iq: XmlElement): XmlElement | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  return childOf(childOf(iq, 'query', NS_PRIVATE) ?? xml('none'), 'storage', NS_STORAGE);
}

/** The rooms of a XEP-0048 `<storage>` (from private XML or its PEP copy); other entries (URLs) are left out. */
export function readStorage(storage: XmlElement | undefined): Bookmark[] {
  if (!storage || storage.name !== 'storage' || storage.attrs.xmlns !== NS_STORAGE) return [];
  return childrenOf(storage, 'conference')
    .map((c) => readConference(c, c.attrs.jid))
    .filter((b): b is Bookmark => !!b);
}

/**
 * Stores these rooms as the private XML bookmarks, replacing the whole `<storage>`; entries of
 * `previous` that are not rooms (URL bookmarks) are kept as they were.
 */
export function buildPrivateSet(bookmarks: readonly Bookmark[], previous?: XmlElement): XmlElement {
  const others = previous ? childrenOf(previous).filter((c) => c.name !== 'conference') : [];
  const conferences = bookmarks.map((b) =>
    xml('conference', { jid: b.jid, name: b.name, autojoin: b.autojoin ? 'true' : 'false' }, conferenceChildren(b)),
  );
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE }, conferences, others)),
  );
}
