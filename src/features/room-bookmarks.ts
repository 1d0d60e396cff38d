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
import { buildConfigure, buildItemsGet, buildRetract, parseItems, parsePubsubEvent, type PubsubEvent } from '../stanza/desk-pubsub.ts';
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
  /** Takes in a PEP notification about our bookmarks (true when it was one); `added` hears of bookmarks it added. */
  receive(stanza: XmlElement, added: (list: RoomBookmark[]) => void): boolean;
}

export function createBookmarks({ client, store, account, native, changed, report }: BookmarksDeps): Bookmarks {
  let known: RoomBookmark[] = [];
  let session = -1;
  let reading: Promise<RoomBookmark[]> | undefined;
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
    if (await native()) {
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

  const settled = () =>
    (reading ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  /** The bookmarks a notification adds, once applied to the list. */
  function apply(event: PubsubEvent): RoomBookmark[] {
    if (event.node === NS_BOOKMARKS) {
      const added = event.items.map((i) => readBookmarkItem(i.id, i.payload)).filter((b): b is RoomBookmark => !!b);
      const gone = new Set([...event.retracted, ...added.map((b) => b.jid)]);
      set([...known.filter((b) => !gone.has(b.jid)), ...added]);
      return added;
    }
    // The whole list in XEP-0048's form: the older clients' node, or (Prosody, #compat-pep) the server's
    // copy of the XEP-0402 one, whose own notification it has been seen to send alone.
    const list = readStorage(event.items[0]?.payload);
    const before = new Set(known.map((b) => b.jid));
    set(list);
    return list.filter((b) => !before.has(b.jid));
  }
  const without = (list: readonly RoomBookmark[], jid: string) => list.filter((b) => b.jid !== jid);
  /**
   * A rewrite read the whole storage and wrote it back changed: that is this session's list, and
   * reading it again is not needed (nor safe: a server that also publishes the storage to PEP may
   * answer the next read with the list from before, for a moment).
   */
  const wrote = (list: RoomBookmark[]) => {
    session = client.epoch;
    reading = Promise.resolve(list);
    set(list);
  };

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
      await settled(); // a read under way would otherwise undo this change when it lands
      if (await native()) {
        await publish(bookmark);
        set([...without(known, bookmark.jid), bookmark]);
      } else wrote(await rewrite((list) => [...without(list, bookmark.jid), bookmark]));
    },
    async remove(jid) {
      await settled();
      if (await native()) {
        await client.iq(buildRetract(NS_BOOKMARKS, jid)).catch(orNone);
        set(without(known, jid));
      } else wrote(await rewrite((list) => without(list, jid)));
    },
    receive(stanza, added) {
      const event = parsePubsubEvent(stanza);
      if (!event || (event.node !== NS_BOOKMARKS && event.node !== NS_STORAGE)) return false;
      if (stanza.attrs.from !== undefined && bareJid(stanza.attrs.from) !== account()) return false;
      // After this session's read: a notification that came while it was under way must not be undone by it.
      void settled()
        .then(() => apply(event))
        .then((list) => list.length && added(list), report);
      return true;
    },
  };
}
