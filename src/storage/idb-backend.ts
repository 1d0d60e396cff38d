/** The IndexedDB backend: one database of our own, `xmpp-chat`, with one key-value store, `kv`. */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError, type Backend, type BackendTransaction, type StorageKey } from './types.ts';

export const DB_NAME = 'xmpp-chat';
export const STORE_NAME = 'kv';

/** How long opening the database may take before we take it as blocked by another tab. */
const OPEN_TIMEOUT_MS = 5000;

let sharedStore: UseStore | undefined;

/** One connection per page, opened on first use (as idb-keyval's default store). */
function defaultUseStore(): UseStore {
  return (sharedStore ??= createStore(DB_NAME, STORE_NAME));
}

/**
 * A backend on an idb-keyval store. Failures to open reject with a StorageError ('unavailable',
 * or 'blocked' after `openTimeoutMs`); failures of a transaction reject with IndexedDB's own
 * error (a QuotaExceededError when the disk is full), after nothing of it was written.
 */
export function createIdbBackend(useStore: UseStore = defaultUseStore(), openTimeoutMs = OPEN_TIMEOUT_MS): Backend {
  let opened = false;
  return {
    transaction<T>(mode: 'readonly' | 'readwrite', work: (tx: BackendTransaction) => Promise<T>): Promise<T> {
      let started = false;
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const run = new Promise<T>((resolve) => {
        resolve(
          useStore(mode, (store) => {
            started = opened = true;
            clearTimeout(timer);
            // Too late: the caller has already gone on without the database.
            if (timedOut) throw new StorageError('blocked');
            return runWork(store, work);
          }),
        );
      }).catch((error: unknown) => {
        clearTimeout(timer);
        if (started) throw error;
        throw error instanceof StorageError ? error : new StorageError('unavailable', undefined, { cause: error });
      });
      if (opened) return run;
      const blocked = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new StorageError('blocked'));
        }, openTimeoutMs);
      });
      return Promise.race([run, blocked]);
    },
  };
}

async function runWork<T>(store: IDBObjectStore, work: (tx: BackendTransaction) => Promise<T>): Promise<T> {
  const transaction = store.transaction;
  // Settles (never rejects) when the transaction commits or aborts: null, or the reason.
  const finished = new Promise<DOMException | null>((resolve) => {
    transaction.oncomplete = () => resolve(null);
    transaction.onabort = () => resolve(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
  });
  let value: T;
  try {
    value = await work(adapt(store));
  } catch (error) {
    abort(transaction);
    throw error;
  }
  const failure = await finished;
  if (failure) throw failure;
  return value;
}

function adapt(store: IDBObjectStore): BackendTransaction {
  return {
    get: (key) => promisifyRequest(store.get(key)),
    async first(prefix) {
      const cursor = await promisifyRequest(store.openCursor(prefixRange(prefix)));
      return cursor ? { key: cursor.key as StorageKey, value: cursor.value } : undefined;
    },
    async all(prefix) {
      const range = prefixRange(prefix);
      const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
      return keys.map((key, i) => ({ key: key as StorageKey, value: values[i] as unknown }));
    },
    put: (key, value) => {
      store.put(value, key);
    },
    delete: (key) => {
      store.delete(key);
    },
    deletePrefix: (prefix) => {
      store.delete(prefixRange(prefix));
    },
  };
}

/** Every array key that starts with `prefix`: arrays sort after all other keys. */
const prefixRange = (prefix: StorageKey) => IDBKeyRange.bound(prefix, [...prefix, []]);

function abort(transaction: IDBTransaction): void {
  try {
    transaction.abort();
  } catch (error) {
    // InvalidStateError: it finished or is aborting by itself, so nothing of it is kept.
    if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
  }
}
