/**
 * Message Archive Management (XEP-0313): after every new session, catch up from the last archive
 * id we hold, page by page until the archive says it is complete, so nothing that arrived while
 * we were away is missing; and load older history of a conversation on request.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import type { XmlElement } from '../stanza/element.ts';
import { buildMamQuery, parseMamFin, parseMamResult, type MamQuery } from '../stanza/mam.ts';
import { newStanzaId } from '../stanza/message.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import type { Messaging } from './messaging.ts';

const PAGE = 100;

export interface ArchiveEvents extends Record<string, unknown> {
  /** A catch-up finished: `count` messages were fetched. */
  caughtUp: { count: number };
  /** A catch-up failed (it runs again with the next session). */
  error: unknown;
}

export interface Archive {
  /**
   * Loads the page of history before the last one loaded, or before `oldest` (the oldest message
   * the caller holds) the first time; `complete` means the start of the history was reached.
   */
  loadOlder(peer: string, oldest?: StoredMessage, max?: number): Promise<{ count: number; complete: boolean }>;
  /** True once the archive has no older messages for this conversation. */
  reachedStart(peer: string): Promise<boolean>;
  /**
   * Fetches what was archived since the last message we hold. Run it after the initial presence
   * of each new session: a server may skip delivering stored offline messages to a client that
   * has already queried the archive. Failures go to the `error` event.
   */
  catchUp(): Promise<void>;
  /** True when the last catch-up failed: the archive may hold messages we do not. */
  readonly failed: boolean;
  /** The catch-up running now, if any. */
  readonly catchingUp: Promise<void> | undefined;
  on<K extends keyof ArchiveEvents>(type: K, listener: (detail: ArchiveEvents[K]) => void): () => void;
}

export interface ArchiveDeps {
  /** The connection the archive is queried over. */
  client: Client;
  /** Where fetched history goes, and where the archive positions are kept. */
  store: MessageStore;
  /** Takes in each archived message, and holds live ones while a catch-up runs. */
  messaging: Messaging;
  /** Our bare JID: whose archive this is. */
  account: () => string;
}

export function createArchive({ client, store, messaging, account }: ArchiveDeps): Archive {
  const events = new Emitter<ArchiveEvents>();
  let catchingUp: Promise<void> | undefined;
  let failed = false;
  // Archive ids belong to one account's archive: a history shared by several accounts (a site's
  // visitor, logged in anonymously each time) keeps a position per account.
  const meta = (name: string, peer?: string) => `archive-${name}:${account()}${peer ? `:${peer}` : ''}`;

  /** Runs one query; results are stored as they come, in archive order. */
  async function query(opts: Omit<MamQuery, 'queryId'>, readHistory = false, olderThan?: number) {
    const queryId = newStanzaId();
    const results: XmlElement[] = [];
    const ids: string[] = [];
    const ingests: Promise<void>[] = [];
    let failure: Error | undefined;
    const off = client.on('stanza', (stanza) => {
      const result = parseMamResult(stanza, queryId, account());
      if (!result) return;
      ids.push(result.archiveId);
      results.push(result.message);
      const position = results.length;
      ingests.push(
        messaging
          .ingest(result.message, {
            archived: { id: result.archiveId, stamp: result.stamp },
            readHistory,
            ...(olderThan !== undefined ? { olderThan: { time: olderThan, position } } : {}),
          })
          .catch((error: Error) => {
            failure ??= error;
          }),
      );
    });
    try {
      const fin = parseMamFin(await client.iq(buildMamQuery({ ...opts, queryId })));
      await Promise.all(ingests); // a page counts as done once it is stored
      if (failure) throw failure;
      return { fin: fin ?? { complete: true }, count: results.length, lastId: ids.at(-1) };
    } finally {
      off();
    }
  }

  async function catchUp(): Promise<void> {
    let after = await store.getMeta<string>(meta('last-id'));
    let count = 0;
    if (after === undefined) {
      // First session on this device: the newest page is enough to start from.
      const page = await query({ before: true, max: PAGE });
      count += page.count;
      if (page.fin.last ?? page.lastId) await store.setMeta(meta('last-id'), page.fin.last ?? page.lastId);
    } else {
      for (;;) {
        const page = await query({ after, max: PAGE });
        count += page.count;
        const last = page.fin.last ?? page.lastId;
        if (last) {
          after = last;
          await store.setMeta(meta('last-id'), last);
        }
        if (page.fin.complete || !last) break;
      }
    }
    events.emit('caughtUp', { count });
  }

  return {
    catchUp() {
      const run = catchUp();
      catchingUp = run;
      messaging.holdLive(run);
      failed = false;
      return run
        .catch((error: unknown) => {
          failed = true;
          events.emit('error', error);
        }) // the next session tries again
        .finally(() => {
          if (catchingUp === run) catchingUp = undefined;
        });
    },
    async loadOlder(peer, oldest, max = 50) {
      const before = (await store.getMeta<string>(meta('oldest', peer))) ?? oldest?.archiveId;
      const end = before || !oldest ? undefined : new Date(oldest.time).toISOString();
      const page = await query({ with: peer, before: before ?? true, end, max }, true, oldest?.time);
      if (page.fin.first) await store.setMeta(meta('oldest', peer), page.fin.first);
      if (page.fin.complete) await store.setMeta(meta('start', peer), true);
      return { count: page.count, complete: page.fin.complete };
    },
    reachedStart: async (peer) => (await store.getMeta<boolean>(meta('start', peer))) === true,
    get catchingUp() {
      return catchingUp;
    },
    get failed() {
      return failed;
    },
    on: (type, listener) => events.on(type, listener),
  };
}
