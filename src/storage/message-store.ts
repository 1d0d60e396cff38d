/** Chat history for one account: batched writes, paged reads, tab sync and a memory fallback. */
import { Emitter } from '../events.ts';
import { decodeCursor, lastIndex, loadBucket, locate, pageBefore, StagedRecords } from './buckets.ts';
import { createIdbBackend } from './idb-backend.ts';
import { channelNameFor, createTabSync, type ConversationChange } from './tab-sync.ts';
import {
  conversationKey,
  idKey,
  metaKey,
  rosterKey,
  StorageError,
  toStorageError,
  type Backend,
  type BackendTransaction,
  type ConversationIndex,
  type ConversationSummary,
  type IdRecord,
  type MessagePatch,
  type Page,
  type RosterCache,
  type StoredMessage,
} from './types.ts';
import { applyWrites, type WriteOp } from './writes.ts';

/** A conversation changed: by this store (`local`) or by the store of another tab (`tab`). */
export interface StorageChange extends ConversationChange {
  origin: 'local' | 'tab';
}

export interface MessageStoreEvents extends Record<string, unknown> {
  change: StorageChange;
  /** Emitted once, when saving stops working; the store then keeps this session's history in memory. */
  error: StorageError;
  /** This store removed the account's history (clear or forget); emitted before the changes of writes after it. */
  cleared: Record<string, never>;
}

export interface MessageStoreOptions {
  /** Where records live; IndexedDB by default. */
  backend?: Backend;
  /** The BroadcastChannel shared with other tabs; `xmpp-chat:<account>` by default. */
  channelName?: string;
  /** How long writes gather into one transaction; 0 (the default) means until the next task. */
  batchMs?: number;
  /**
   * The least time from one write transaction's start to the next one's (25 ms by default):
   * when messages pour in, each in a task of its own, the writes of those tasks share one
   * transaction rather than each paying for its own; a lone write still goes at once.
   */
  spacingMs?: number;
}

export interface MessageStore {
  readonly account: string;
  /** Backend transactions run so far, reads included. */
  readonly stats: { transactions: number };
  /** Stores the messages not stored yet under any of their ids; resolves with those it stored. */
  add(messages: StoredMessage[]): Promise<StoredMessage[]>;
  update(peer: string, key: string, patch: MessagePatch): Promise<StoredMessage | undefined>;
  get(peer: string, key: string): Promise<StoredMessage | undefined>;
  /** The message known by `id` (in the conversation with `peer`, if given). */
  findById(id: string, peer?: string): Promise<{ peer: string; key: string } | undefined>;
  newestPage(peer: string, limit?: number): Promise<Page>;
  olderPage(peer: string, cursor: string, limit?: number): Promise<Page>;
  /** Newest first. */
  conversations(): Promise<ConversationSummary[]>;
  markRead(peer: string): Promise<void>;
  getRoster(): Promise<RosterCache | undefined>;
  setRoster(roster: RosterCache): Promise<void>;
  getMeta<T = unknown>(name: string): Promise<T | undefined>;
  setMeta(name: string, value: unknown): Promise<void>;
  /**
   * Reads a value and writes what `change` makes of it in one transaction, so two tabs changing
   * it at once never lose each other's change; resolves with the new value. `change` must be
   * synchronous and may run again if storage falls back to memory.
   */
  updateMeta<T>(name: string, change: (current: T | undefined) => T): Promise<T>;
  /** Removes everything stored for this account. */
  clear(): Promise<void>;
  /**
   * Removes everything stored for this account and saves nothing more for it through this store:
   * later writes are refused, so work still under way (an acknowledgement, the outbox) cannot
   * bring any of it back. For "log out and forget this device".
   */
  forget(): Promise<void>;
  on<K extends keyof MessageStoreEvents>(type: K, listener: (detail: MessageStoreEvents[K]) => void): () => void;
  /** Stops listening to other tabs; writes already made still complete. */
  close(): void;
}

interface Queued {
  op: WriteOp;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** The in-memory backend, loaded on its first transaction: only a page whose storage fails needs it. */
function memoryBackend(readThrough?: Backend): Backend {
  let made: Promise<Backend> | undefined;
  return {
    async transaction(mode, work) {
      made ??= import('./memory-backend.ts').then(
        ({ createMemoryBackend }) => createMemoryBackend(readThrough),
        (error: unknown) => {
          made = undefined; // tried again on the next transaction
          throw error;
        },
      );
      return (await made).transaction(mode, work);
    },
  };
}

export function createMessageStore(account: string, options: MessageStoreOptions = {}): MessageStore {
  const events = new Emitter<MessageStoreEvents>();
  const stats = { transactions: 0 };
  const batchMs = options.batchMs ?? 0;
  const spacingMs = options.spacingMs ?? 25;
  let lastFlush = -Infinity;
  let backend = options.backend ?? createIdbBackend();
  let inMemory = false;
  /** The database given up on after a failed write: what it holds is still readable and removable. */
  let stranded: Backend | undefined;
  const sync = createTabSync({
    name: options.channelName ?? channelNameFor(account),
    receive: (changes) => {
      for (const change of changes) events.emit('change', { ...change, origin: 'tab' });
    },
  });

  /** Runs `work` on the backend; if storage fails, reports it once and runs it again in memory. */
  async function run<T>(mode: 'readonly' | 'readwrite', work: (tx: BackendTransaction) => Promise<T>): Promise<T> {
    const used = backend;
    stats.transactions++;
    try {
      return await used.transaction(mode, work);
    } catch (error) {
      if (used === backend) {
        // Memory does not fail for want of storage: that would be a bug, and the caller hears of it.
        if (inMemory) throw error;
        fallBack(error);
      }
      stats.transactions++;
      return backend.transaction(mode, work);
    }
  }

  function fallBack(error: unknown): void {
    const reason = toStorageError(error);
    // After a failed write what is saved can still be read; an unopenable database cannot.
    if (reason.condition === 'quota-exceeded' || reason.condition === 'failed') stranded = backend;
    backend = memoryBackend(stranded);
    inMemory = true;
    events.emit('error', reason);
  }

  let queue: Queued[] = [];
  let scheduled = false;
  /** Settles once every write queued so far is committed. */
  let settled: Promise<void> = Promise.resolve();

  let forgotten = false;

  function write<T>(op: WriteOp): Promise<T> {
    if (forgotten) return Promise.reject(new StorageError('forgotten'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ op, resolve: resolve as (result: unknown) => void, reject });
      if (scheduled) return;
      scheduled = true;
      const wait = () => Math.max(batchMs, lastFlush + spacingMs - performance.now());
      settled = settled.then(() => new Promise((wake) => setTimeout(wake, wait()))).then(flush);
    });
  }

  async function flush(): Promise<void> {
    scheduled = false;
    lastFlush = performance.now();
    const batch = queue;
    queue = [];
    try {
      const { results, changes } = await run('readwrite', (tx) =>
        applyWrites(
          tx,
          account,
          batch.map((q) => q.op),
        ),
      );
      if (batch.some((q) => q.op.kind === 'clear')) events.emit('cleared', {});
      for (const change of changes) events.emit('change', { ...change, origin: 'local' });
      if (changes.length > 0) sync.post(changes);
      if (stranded && batch.some((q) => q.op.kind === 'clear')) forget(stranded);
      batch.forEach((q, i) => q.resolve(results[i]));
    } catch (error) {
      batch.forEach((q) => q.reject(error));
    }
  }

  /** On logout the history must go from the disk too, even when the store no longer writes there. */
  function forget(from: Backend): void {
    from
      .transaction('readwrite', (tx) => {
        tx.deletePrefix([account]);
        return Promise.resolve();
      })
      .catch((error: unknown) => {
        events.emit(
          'error',
          new StorageError('failed', 'Chat history saved earlier could not be removed from this browser.', { cause: error }),
        );
      });
  }

  /** Reads after the writes queued so far, so a caller reads what it has just added. */
  async function read<T>(work: (records: StagedRecords) => Promise<T>): Promise<T> {
    await settled;
    return run('readonly', (tx) => work(new StagedRecords(tx)));
  }

  const indexOf = (records: StagedRecords, peer: string) => records.get<ConversationIndex>(conversationKey(account, peer));

  return {
    account,
    stats,
    add(messages) {
      const invalid = messages.find((m) => !m.key || !m.peer || !Number.isFinite(m.time) || !Array.isArray(m.ids));
      if (invalid)
        return Promise.reject(new TypeError(`A message to store needs a key, a peer, a time and ids: ${JSON.stringify(invalid)}`));
      if (messages.length === 0) return Promise.resolve([]);
      return write({ kind: 'add', messages: messages.map((m) => ({ ...m, ids: [...m.ids] })) });
    },
    update: (peer, key, patch) => write({ kind: 'update', peer, key, patch: { ...patch } }),
    get: (peer, key) =>
      read(async (records) => {
        const record = await records.get<IdRecord>(idKey(account, key, peer));
        const index = record?.key === key ? await indexOf(records, peer) : undefined;
        const found = index && record ? await locate(records, account, index, key, record.time) : undefined;
        return found?.list[found.at];
      }),
    findById: (id, peer) =>
      read(async (records) => {
        if (peer !== undefined) {
          const record = await records.get<IdRecord>(idKey(account, id, peer));
          return record && { peer, key: record.key };
        }
        const found = await records.first([account, 'id', id]);
        return found && { peer: String(found.key[3]), key: (found.value as IdRecord).key };
      }),
    newestPage: (peer, limit = 50) =>
      read(async (records) => {
        const index = await indexOf(records, peer);
        if (!index?.buckets.length) return { messages: [] };
        const last = index.buckets.length - 1;
        return pageBefore(records, account, index, last, index.buckets[last].count, Math.max(1, limit));
      }),
    olderPage: (peer, cursor, limit = 50) =>
      read(async (records) => {
        const { n, time, key } = decodeCursor(cursor);
        const index = await indexOf(records, peer);
        if (!index) return { messages: [] };
        const found = await locate(records, account, index, key, time, n);
        if (found) return pageBefore(records, account, index, found.i, found.at, Math.max(1, limit));
        // The message is gone (the history was cleared meanwhile): go on from its time.
        const i = lastIndex(index.buckets, (b) => b.first < time);
        if (i < 0) return { messages: [] };
        const list = await loadBucket(records, account, peer, index.buckets[i].n);
        return pageBefore(records, account, index, i, list.filter((m) => m.time < time).length, Math.max(1, limit));
      }),
    conversations: () =>
      read(async (records) => {
        const indexes = await records.all([account, 'conv']);
        return indexes.map(({ value }) => (value as ConversationIndex).summary).sort((a, b) => b.lastTime - a.lastTime);
      }),
    markRead: (peer) => write({ kind: 'read', peer }),
    getRoster: () => read((records) => records.get<RosterCache>(rosterKey(account))),
    setRoster: (roster) => write({ kind: 'put', key: rosterKey(account), value: roster }),
    getMeta: <T>(name: string) => read((records) => records.get<T>(metaKey(account, name))),
    setMeta: (name, value) => write({ kind: 'put', key: metaKey(account, name), value }),
    updateMeta: <T>(name: string, change: (current: T | undefined) => T) =>
      write<T>({ kind: 'modify', key: metaKey(account, name), change: change as (current: unknown) => unknown }),
    clear: () => write({ kind: 'clear' }),
    forget: () => {
      const cleared = write<void>({ kind: 'clear' }); // after what is queued already, in the same order
      forgotten = true;
      return cleared;
    },
    on: (type, listener) => events.on(type, listener),
    close: () => sync.close(),
  };
}
