/** What the widget left in the browser's storage, read without our store. */
import { DB_NAME, STORE_NAME } from '../../src/storage/index.ts';

/**
 * Every value in the widget's IndexedDB database, read without our store; only `account`'s when
 * given (the database is shared by every test of this origin, and other tests keep other accounts).
 */
export async function everyStoredValue(account?: string): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the request.'));
  });
  try {
    if (!db.objectStoreNames.contains(STORE_NAME)) return [];
    return await new Promise<unknown[]>((resolve, reject) => {
      const range = account === undefined ? undefined : IDBKeyRange.bound([account], [account, []]);
      const request = db.transaction(STORE_NAME).objectStore(STORE_NAME).getAll(range);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the request.'));
    });
  } finally {
    db.close();
  }
}

/** Every key in the widget's IndexedDB database (arrays, the account first). */
export async function everyStoredKey(): Promise<IDBValidKey[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the request.'));
  });
  try {
    if (!db.objectStoreNames.contains(STORE_NAME)) return [];
    return await new Promise<IDBValidKey[]>((resolve, reject) => {
      const request = db.transaction(STORE_NAME).objectStore(STORE_NAME).getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the request.'));
    });
  } finally {
    db.close();
  }
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
