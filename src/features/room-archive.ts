/**
 * A room's archive (XEP-0313 queried at the room's JID): the newest page the first time a room is
 * joined on this device, then everything since the newest message we hold, after each (re)join;
 * older pages on request; and whether our pending messages reached the room (after a lost session).
 */
import type { Client } from '../client.ts';
import type { XmlElement } from '../stanza/element.ts';
import { buildMamQuery, parseMamFin, parseMamResult, type MamQuery } from '../stanza/mam.ts';
import { newStanzaId } from '../stanza/message.ts';
import { cursorBefore, decodeCursor, type MessageStore, type Page, type StoredMessage } from '../storage/index.ts';
import { findIn } from './archive-lookup.ts';

const PAGE = 100;
/** A gap longer than this many pages is not filled all at once: the newest are kept, older ones load on request. */
const MAX_CATCH_UP_PAGES = 20;

/** How an archived message is taken in. */
export interface ArchivedContext {
  archived: { id: string; stamp?: string };
  readHistory: boolean;
  olderThan?: { time: number; position: number };
}

export interface RoomArchiveDeps {
  client: Client;
  store: MessageStore;
  room: string;
  /** Stores one archived message (the forwarded `<message>`). */
  take: (message: XmlElement, ctx: ArchivedContext) => Promise<void>;
}

export interface RoomArchive {
  /** Fetches what the room archived since the newest message we hold (its newest page when we hold none). */
  catchUp(): Promise<void>;
  /** Fetches the page before the oldest message fetched so far; `complete` when the archive has no older ones. */
  loadOlder(oldest: Pick<StoredMessage, 'time' | 'archiveId'> | undefined, max?: number): Promise<{ count: number; complete: boolean }>;
  reachedStart(): Promise<boolean>;
  /** Which of these ids of our messages since `since` the room has archived. */
  find(ids: string[], since: number): Promise<Set<string>>;
}

export function createRoomArchive({ client, store, room, take }: RoomArchiveDeps): RoomArchive {
  const meta = (name: string) => `room-archive-${name}:${room}`;

  async function query(opts: Omit<MamQuery, 'queryId' | 'to'>, readHistory: boolean, olderThan?: number) {
    const queryId = newStanzaId();
    const taking: Promise<void>[] = [];
    const off = client.on('stanza', (stanza) => {
      const result = parseMamResult(stanza, queryId, room);
      if (!result) return;
      const position = taking.length + 1;
      const archived = { id: result.archiveId, ...(result.stamp ? { stamp: result.stamp } : {}) };
      taking.push(
        take(result.message, { archived, readHistory, ...(olderThan !== undefined ? { olderThan: { time: olderThan, position } } : {}) }),
      );
    });
    try {
      const fin = parseMamFin(await client.iq(buildMamQuery({ ...opts, queryId, to: room }))) ?? { complete: true };
      await Promise.all(taking);
      return fin;
    } finally {
      off();
    }
  }

  /** The room's archive id of the newest message we hold that has one. */
  async function newestArchived(): Promise<string | undefined> {
    const page = await store.newestPage(room, PAGE);
    return [...page.messages].reverse().find((m) => m.archiveId)?.archiveId;
  }

  return {
    async catchUp() {
      let after = await newestArchived();
      if (after === undefined) {
        const fin = await query({ before: true, max: PAGE }, true);
        if (fin.first) await store.setMeta(meta('oldest'), fin.first);
        if (fin.complete) await store.setMeta(meta('start'), true);
        return;
      }
      for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
        const fin = await query({ after, max: PAGE }, false);
        if (fin.complete || !fin.last) return;
        after = fin.last;
      }
    },
    async loadOlder(oldest, max = 50) {
      const before = (await store.getMeta<string>(meta('oldest'))) ?? oldest?.archiveId ?? true;
      const fin = await query({ before, max }, true, oldest?.time);
      if (fin.first) await store.setMeta(meta('oldest'), fin.first);
      if (fin.complete) await store.setMeta(meta('start'), true);
      return { count: fin.count ?? 0, complete: fin.complete };
    },
    reachedStart: async () => (await store.getMeta<boolean>(meta('start'))) === true,
    find: (ids, since) => findIn(client, { archive: room, to: room }, ids, since),
  };
}

/**
 * A room's history pages: the store's, with a cursor also when the store holds nothing older but
 * the room's archive may, whose older pages are fetched when the store runs out.
 */
export function roomPages(deps: { client: Client; store: MessageStore; room: string; archive: RoomArchive; report: (e: unknown) => void }) {
  const { client, store, room, archive } = deps;
  async function withArchiveCursor(page: Page): Promise<Page> {
    if (page.cursor || !page.messages.length || (await archive.reachedStart())) return page;
    return { ...page, cursor: cursorBefore(page.messages[0]) };
  }
  return {
    newestPage: async (limit?: number) => withArchiveCursor(await store.newestPage(room, limit)),
    async olderPage(cursor: string, limit = 50): Promise<Page> {
      const page = await store.olderPage(room, cursor, limit);
      if (page.messages.length >= limit || client.status !== 'connected' || (await archive.reachedStart())) return withArchiveCursor(page);
      const oldest = page.messages[0] ?? decodeCursor(cursor);
      await archive.loadOlder(oldest, limit - page.messages.length).catch(deps.report);
      return withArchiveCursor(await store.olderPage(room, cursor, limit));
    },
  };
}
