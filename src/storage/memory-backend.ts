/** The in-memory backend: what the store falls back to when IndexedDB fails, and a test double. */
import type { Backend, BackendTransaction, StorageKey } from './types.ts';

const DELETED = Symbol('deleted');
type Slot = unknown;

const encode = (key: StorageKey) => JSON.stringify(key);
/** The start every encoded key under `prefix` has: `["a","b"` + `,`. */
const encodePrefix = (prefix: StorageKey) => `${encode(prefix).slice(0, -1)},`;

/**
 * Records in a Map, copied in and out like IndexedDB does, one transaction at a time, committed
 * only when its work succeeds. With `readThrough`, keys this backend has never written are read
 * from there: after a quota error the history already saved stays readable while new records
 * live in memory.
 */
export function createMemoryBackend(readThrough?: Backend): Backend {
  const records = new Map<string, Slot>();
  const clearedPrefixes: string[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  let under = readThrough;

  const isCleared = (id: string) => clearedPrefixes.some((prefix) => id.startsWith(prefix));

  // Reads that fall through are gathered into one transaction of the backend underneath.
  let waiting: { key: StorageKey; resolve: (value: unknown) => void }[] = [];
  function readUnder(key: StorageKey): Promise<unknown> {
    if (!under) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      if (waiting.push({ key, resolve }) === 1) queueMicrotask(readWaiting);
    });
  }
  function readWaiting() {
    const batch = waiting;
    waiting = [];
    const from = under;
    if (!from) return batch.forEach(({ resolve }) => resolve(undefined));
    from
      .transaction('readonly', (tx) => Promise.all(batch.map(({ key }) => tx.get(key))))
      .then(
        (values) => batch.forEach(({ resolve }, i) => resolve(values[i])),
        () => {
          // The store has already reported the failure that made it fall back to memory; what
          // can no longer be read stays unread for the rest of the session.
          under = undefined;
          batch.forEach(({ resolve }) => resolve(undefined));
        },
      );
  }

  async function committedGet(id: string, key: StorageKey): Promise<unknown> {
    if (records.has(id)) {
      const slot = records.get(id);
      return slot === DELETED ? undefined : slot;
    }
    return isCleared(id) ? undefined : readUnder(key);
  }

  function transaction<T>(mode: 'readonly' | 'readwrite', work: (tx: BackendTransaction) => Promise<T>): Promise<T> {
    const run = tail.then(async () => {
      const writes = new Map<string, Slot>();
      const cleared: string[] = [];
      const writable = () => {
        if (mode === 'readonly') throw new DOMException('The transaction is read-only.', 'ReadOnlyError');
      };
      const pending = (id: string) => writes.has(id) || cleared.some((prefix) => id.startsWith(prefix));
      const tx: BackendTransaction = {
        async get(key) {
          const id = encode(key);
          const slot = pending(id) ? writes.get(id) : await committedGet(id, key);
          return slot === DELETED || slot === undefined ? undefined : structuredClone(slot);
        },
        async first(prefix) {
          const start = encodePrefix(prefix);
          for (const [id, slot] of writes)
            if (id.startsWith(start) && slot !== DELETED) return { key: JSON.parse(id) as StorageKey, value: structuredClone(slot) };
          if (cleared.some((p) => start.startsWith(p))) return undefined;
          for (const [id, slot] of records)
            if (id.startsWith(start) && slot !== DELETED && !writes.has(id))
              return { key: JSON.parse(id) as StorageKey, value: structuredClone(slot) };
          if (!under || isCleared(start)) return undefined;
          const found = await under.transaction('readonly', (inner) => inner.first(prefix));
          return found && !records.has(encode(found.key)) && !pending(encode(found.key)) ? found : undefined;
        },
        async all(prefix) {
          const start = encodePrefix(prefix);
          const found = new Map<string, Slot>();
          for (const [id, slot] of writes) if (id.startsWith(start)) found.set(id, slot);
          for (const [id, slot] of records) if (id.startsWith(start) && !pending(id)) found.set(id, slot);
          if (under && !isCleared(start) && !cleared.some((p) => start.startsWith(p))) {
            const below = await under.transaction('readonly', (inner) => inner.all(prefix));
            for (const { key, value } of below) {
              const id = encode(key);
              if (!found.has(id) && !pending(id) && !records.has(id) && !isCleared(id)) found.set(id, value);
            }
          }
          return [...found]
            .filter(([, slot]) => slot !== DELETED)
            .map(([id, slot]) => ({ key: JSON.parse(id) as StorageKey, value: structuredClone(slot) }));
        },
        put(key, value) {
          writable();
          writes.set(encode(key), structuredClone(value));
        },
        delete(key) {
          writable();
          writes.set(encode(key), DELETED);
        },
        deletePrefix(prefix) {
          writable();
          const start = encodePrefix(prefix);
          for (const id of [...writes.keys()]) if (id.startsWith(start)) writes.delete(id);
          cleared.push(start);
        },
      };
      const value = await work(tx);
      for (const start of cleared) {
        for (const id of [...records.keys()]) if (id.startsWith(start)) records.delete(id);
        clearedPrefixes.push(start);
      }
      for (const [id, slot] of writes) records.set(id, slot);
      return value;
    });
    // The next transaction waits for this one however it ends; its caller gets the outcome.
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  return { transaction };
}
