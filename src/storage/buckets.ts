/**
 * How a conversation lies in its buckets: inserting in time order, splitting, finding a message,
 * and reading a page before a position. Each touches only the buckets it needs, so a long
 * conversation costs what a short one does.
 */
import {
  bucketKey,
  type BackendTransaction,
  type BucketInfo,
  type ConversationIndex,
  type Page,
  type StorageKey,
  type StoredMessage,
} from './types.ts';

/** Appends start a new bucket at this size. */
const BUCKET_SIZE = 100;
/** A bucket that grows past this by inserts in the middle is split in two. */
export const BUCKET_MAX = 200;

/** A transaction's records as one batch sees them: each read once, every write kept for commit. */
export class StagedRecords {
  readonly #tx: BackendTransaction;
  readonly #reads = new Map<string, Promise<unknown>>();
  readonly #writes = new Map<string, { key: StorageKey; value: unknown }>();

  constructor(tx: BackendTransaction) {
    this.#tx = tx;
  }

  get<T>(key: StorageKey): Promise<T | undefined> {
    const id = JSON.stringify(key);
    let read = this.#reads.get(id);
    if (!read) this.#reads.set(id, (read = this.#tx.get(key)));
    return read as Promise<T | undefined>;
  }

  /** Every record under `prefix`, read from the transaction as it is now (staged writes not included). */
  all(prefix: StorageKey): Promise<{ key: StorageKey; value: unknown }[]> {
    return this.#tx.all(prefix);
  }

  /** The first record under `prefix`, read from the transaction as it is now. */
  first(prefix: StorageKey): Promise<{ key: StorageKey; value: unknown } | undefined> {
    return this.#tx.first(prefix);
  }

  put(key: StorageKey, value: unknown): void {
    const id = JSON.stringify(key);
    this.#reads.set(id, Promise.resolve(value));
    this.#writes.set(id, { key, value });
  }

  /** Deletes every record under `prefix` now; staged writes and reads made before are forgotten. */
  deletePrefix(prefix: StorageKey): void {
    this.#tx.deletePrefix(prefix);
    this.#reads.clear();
    this.#writes.clear();
  }

  commit(): void {
    for (const { key, value } of this.#writes.values()) this.#tx.put(key, value);
  }
}

export function newIndex(peer: string): ConversationIndex {
  return { buckets: [], summary: { peer, lastTime: 0, lastBody: '', lastDirection: 'in', unread: 0, count: 0 } };
}

export async function loadBucket(records: StagedRecords, account: string, peer: string, n: number): Promise<StoredMessage[]> {
  return (await records.get<StoredMessage[]>(bucketKey(account, peer, n))) ?? [];
}

/** Inserts `message` after every message of the same or an earlier time, keeping buckets in bounds. */
export async function insertMessage(
  records: StagedRecords,
  account: string,
  index: ConversationIndex,
  message: StoredMessage,
): Promise<void> {
  const { buckets } = index;
  const { time } = message;
  let i = lastIndex(buckets, (b) => b.first <= time);
  if (i < 0 && (buckets.length === 0 || buckets[0].count >= BUCKET_SIZE)) {
    buckets.unshift(emptyBucket(buckets.length ? Math.min(...buckets.map((b) => b.n)) - 1 : 0));
    i = 0;
  } else if (i < 0) {
    i = 0;
  } else if (buckets[i].count >= BUCKET_SIZE && time >= buckets[i].last) {
    if (i === buckets.length - 1) buckets.push(emptyBucket(highest(buckets) + 1));
    if (buckets[i + 1].count < BUCKET_SIZE) i++;
  }
  const bucket = buckets[i];
  const list = await loadBucket(records, account, index.summary.peer, bucket.n);
  list.splice(upperBound(list, time), 0, message);
  store(records, account, index.summary.peer, bucket, list);
  if (list.length > BUCKET_MAX) {
    const upper = emptyBucket(highest(buckets) + 1);
    buckets.splice(i + 1, 0, upper);
    const tail = list.splice(list.length >> 1);
    store(records, account, index.summary.peer, bucket, list);
    store(records, account, index.summary.peer, upper, tail);
  }
}

export interface Location {
  i: number;
  list: StoredMessage[];
  at: number;
}

/** Finds a message by key in the bucket(s) its time points to, trying bucket `hint` first. */
export async function locate(
  records: StagedRecords,
  account: string,
  index: ConversationIndex,
  key: string,
  time: number,
  hint?: number,
): Promise<Location | undefined> {
  const { buckets } = index;
  const hinted = buckets.findIndex((b) => b.n === hint);
  const candidates = buckets.map((_, i) => i).filter((i) => i !== hinted && buckets[i].first <= time && time <= buckets[i].last);
  for (const i of hinted >= 0 ? [hinted, ...candidates] : candidates) {
    const list = await loadBucket(records, account, index.summary.peer, buckets[i].n);
    const at = list.findIndex((m) => m.key === key);
    if (at >= 0) return { i, list, at };
  }
  return undefined;
}

/** The page of up to `limit` messages just before position `end` of bucket `i`. */
export async function pageBefore(
  records: StagedRecords,
  account: string,
  index: ConversationIndex,
  i: number,
  end: number,
  limit: number,
): Promise<Page> {
  const { buckets } = index;
  const wanted: number[] = [];
  let j = i;
  for (let need = limit; j >= 0 && need > 0; j--) {
    wanted.unshift(j);
    need -= j === i ? end : buckets[j].count;
  }
  const lists = await Promise.all(wanted.map((k) => loadBucket(records, account, index.summary.peer, buckets[k].n)));
  const messages: StoredMessage[] = [];
  const from: number[] = [];
  lists.forEach((list, w) => {
    const part = wanted[w] === i ? list.slice(0, end) : list;
    messages.push(...part);
    from.push(...part.map(() => buckets[wanted[w]].n));
  });
  const start = Math.max(0, messages.length - limit);
  const page = messages.slice(start);
  const more = page.length > 0 && (start > 0 || j >= 0);
  return more ? { messages: page, cursor: encodeCursor(from[start], page[0]) } : { messages: page };
}

/** Where `message` lies as (bucket name, time, key): a hint, checked again when it is used. */
function encodeCursor(n: number, message: Pick<StoredMessage, 'time' | 'key'>): string {
  return JSON.stringify([n, message.time, message.key]);
}

/**
 * A cursor for the page before `message`, without knowing its bucket: for history that holds more
 * than the store does yet (a room's archive), so a page can say there is more before it.
 */
export const cursorBefore = (message: Pick<StoredMessage, 'time' | 'key'>): string => encodeCursor(Number.MIN_SAFE_INTEGER, message);

export function decodeCursor(cursor: string): { n: number; time: number; key: string } {
  const parsed: unknown = JSON.parse(cursor);
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number' || typeof parsed[1] !== 'number' || typeof parsed[2] !== 'string') {
    throw new TypeError(`${cursor} is not a cursor from a history page.`);
  }
  return { n: parsed[0], time: parsed[1], key: parsed[2] };
}

export function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** The first position whose message is later than `time`. */
function upperBound(list: StoredMessage[], time: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].time <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

const emptyBucket = (n: number): BucketInfo => ({ n, first: 0, last: 0, count: 0 });
const highest = (buckets: BucketInfo[]) => Math.max(...buckets.map((b) => b.n));

function store(records: StagedRecords, account: string, peer: string, bucket: BucketInfo, list: StoredMessage[]): void {
  bucket.first = list[0].time;
  bucket.last = list[list.length - 1].time;
  bucket.count = list.length;
  records.put(bucketKey(account, peer, bucket.n), list);
}
