/** What the widget left in the browser's storage, read without our store. */
import { DB_NAME, STORE_NAME } from '../../src/storage/index.ts';

/** The result of an IndexedDB request. */
function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the request.'));
  });
}

/** Runs one read on the widget's object store, opened and closed here; empty if it was never made. */
async function readStore<T>(read: (store: IDBObjectStore) => IDBRequest<T[]>): Promise<T[]> {
  const db = await settled(indexedDB.open(DB_NAME));
  try {
    if (!db.objectStoreNames.contains(STORE_NAME)) return [];
    return await settled(read(db.transaction(STORE_NAME).objectStore(STORE_NAME)));
  } finally {
    db.close();
  }
}

/**
 * Every value in the widget's IndexedDB database, read without our store; only `account`'s when
 * given (the database is shared by every test of this origin, and other tests keep other accounts).
 */
export function everyStoredValue(account?: string): Promise<unknown[]> {
  const range = account === undefined ? undefined : IDBKeyRange.bound([account], [account, []]);
  return readStore<unknown>((store) => store.getAll(range));
}

/** Every key in the widget's IndexedDB database (arrays, the account first). */
export function everyStoredKey(): Promise<IDBValidKey[]> {
  return readStore((store) => store.getAllKeys());
}

/** The localStorage and sessionStorage entries whose name or value mentions `text`. */
export function webStorageMentioning(text: string): string[] {
  const found: string[] = [];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i)!;
      if (name.includes(text) || storage.getItem(name)?.includes(text)) found.push(name);
    }
  }
  return found;
}
