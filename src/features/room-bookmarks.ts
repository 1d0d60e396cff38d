/**
 * The account's room bookmarks: PEP Native Bookmarks (XEP-0402) where the account says it keeps
 * them in step with the older storage (`urn:xmpp:bookmarks:1#compat`, §5.3), so clients of either
 * kind see the same list; otherwise private XML storage (XEP-0048), which some servers also
 * publish to PEP (XEP-0411). Changes made on other devices come as PEP notifications to both
 * nodes (the client advertises `+notify` for them, features/disco.ts). Read once per session; the
 * last list is kept with the history, for the time before that.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import {
  BOOKMARK_NODE_OPTIONS,
  NS_BOOKMARKS,
  NS_STORAGE,
  buildBookmarkPublish,
  buildPrivateGet,
  buildPrivateSet,
  privateStorageOf,
  readBookmarkItem,
  readStorage,
} from '../stanza/bookmarks.ts';
import { buildConfigure, buildItemsGet, buildRetract, parseItems, parsePubsubEvent } from '../stanza/desk-pubsub.ts';
import type { XmlElement } from '../stanza/element.ts';
import { bareJid } from '../stanza/jid.ts';
import type { MessageStore } from '../storage/index.ts';
import type { RoomBookmark } from './room-types.ts';

const META = 'room-bookmarks';

export interface BookmarksDeps {
  client: Client;
  store: MessageStore;
  account: () => string;
  /** Whether the account keeps XEP-0402 bookmarks in step with XEP-0048 (asked once its features are known). */
  native: () => Promise<boolean>;
  /** The list changed: read, changed here, or changed on another device. */
  changed: (list: RoomBookmark[]) => void;
  report: (error: unknown) => void;
}

export interface Bookmarks {
  /** This session's list (read from the server once per session); offline, the last one known. */
  list(): Promise<RoomBookmark[]>;
  /** The last list known, without asking the server. */
  readonly known: readonly RoomBookmark[];
  save(bookmark: RoomBookmark): Promise<void>;
  remove(jid: string): Promise<void>;
  /** A PEP notification about our bookmarks; the bookmarks it added, or undefined when it was none. */
  receive(stanza: XmlElement): RoomBookmark[] | undefined;
}

export function createBookmarks({ client, store, account, native, changed, report }: BookmarksDeps): Bookmarks {
  let known: RoomBookmark[] = [];
  let session = -1;
  let reading: Promise<RoomBookmark[]> | undefined;
  /** Which kind this account keeps, once asked: with XEP-0402, the XEP-0048 copy's notifications are only echoes. */
  let nativeMode: boolean | undefined;
  const isNative = async () => (nativeMode = await native());
  void store.getMeta<RoomBookmark[]>(META).then((kept) => {
    if (kept && session === -1) known = kept;
  }, report);

  const set = (next: RoomBookmark[]) => {
    known = next;
    void store.setMeta(META, next).catch(report);
    changed(next);
  };

  /** A node or storage that was never written is an empty list. */
  const orNone = (error: unknown): undefined => {
    if (error instanceof StanzaError && error.condition === 'item-not-found') return undefined;
    throw error;
  };

  async function read(): Promise<RoomBookmark[]> {
    if (await isNative()) {
      const answer = await client.iq(buildItemsGet(NS_BOOKMARKS)).catch(orNone);
      const items = answer ? (parseItems(answer, NS_BOOKMARKS) ?? []) : [];
      return items.map((item) => readBookmarkItem(item.id, item.payload)).filter((b): b is RoomBookmark => !!b);
    }
    const answer = await client.iq(buildPrivateGet()).catch(orNone);
    return readStorage(answer && privateStorageOf(answer));
  }

  /** Rewrites the whole private XML storage with `change` applied to what the server holds now. */
  async function rewrite(change: (list: RoomBookmark[]) => RoomBookmark[]): Promise<RoomBookmark[]> {
    const answer = await client.iq(buildPrivateGet()).catch(orNone);
    const storage = answer && privateStorageOf(answer);
    const next = change(readStorage(storage));
    await client.iq(buildPrivateSet(next, storage));
    return next;
  }

  async function publish(bookmark: RoomBookmark): Promise<void> {
    try {
      await client.iq(buildBookmarkPublish(bookmark));
    } catch (error) {
      // A node made otherwise (by another client) fails the publish options (XEP-0060 §7.1.5): set them, then publish.
      if (!(error instanceof StanzaError) || (error.condition !== 'conflict' && error.condition !== 'precondition-not-met')) throw error;
      await client.iq(buildConfigure(NS_BOOKMARKS, BOOKMARK_NODE_OPTIONS));
      await client.iq(buildBookmarkPublish(bookmark));
    }
  }

  const without = (list: readonly RoomBookmark[], jid: string) => list.filter((b) => b.jid !== jid);

  return {
    get known() {
      return known;
    },
    list() {
      if (client.status !== 'connected') return Promise.resolve(known);
      if (session !== client.epoch || !reading) {
        session = client.epoch;
        reading = read().then((list) => {
          set(list);
          return list;
        });
        reading.catch(() => {
          reading = undefined; // asked again next time
        });
      }
      // Once read, changes made since (here or by notification) are in `known`.
      return reading.then(() => known);
    },
    async save(bookmark) {
      if (await isNative()) {
        await publish(bookmark);
        set([...without(known, bookmark.jid), bookmark]);
      } else set(await rewrite((list) => [...without(list, bookmark.jid), bookmark]));
    },
    async remove(jid) {
      if (await isNative()) {
        await client.iq(buildRetract(NS_BOOKMARKS, jid)).catch(orNone);
        set(without(known, jid));
      } else set(await rewrite((list) => without(list, jid)));
    },
    receive(stanza) {
      const event = parsePubsubEvent(stanza);
      const own = account();
      if (!event || (stanza.attrs.from !== undefined && bareJid(stanza.attrs.from) !== own)) return undefined;
      if (event.node === NS_BOOKMARKS) {
        const added = event.items.map((i) => readBookmarkItem(i.id, i.payload)).filter((b): b is RoomBookmark => !!b);
        const gone = new Set([...event.retracted, ...added.map((b) => b.jid)]);
        set([...known.filter((b) => !gone.has(b.jid)), ...added]);
        return added;
      }
      if (event.node === NS_STORAGE && nativeMode === false) {
        const list = readStorage(event.items[0]?.payload);
        const before = new Set(known.map((b) => b.jid));
        set(list);
        return list.filter((b) => !before.has(b.jid));
      }
      return undefined;
    },
  };
}
