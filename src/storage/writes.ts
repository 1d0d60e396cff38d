/**
 * One batch of writes applied in one transaction: it reads the id, index and bucket records it
 * touches and writes them back, so two tabs writing at once never store a message twice.
 */
import { insertMessage, locate, newIndex, StagedRecords } from './buckets.ts';
import type { ConversationChange } from './tab-sync.ts';
import {
  bucketKey,
  conversationKey,
  idKey,
  summariesKey,
  type BackendTransaction,
  type ConversationIndex,
  type ConversationSummary,
  type IdRecord,
  type MessagePatch,
  type StorageKey,
  type StoredMessage,
} from './types.ts';

/** The fields `update()` sets or, given undefined, removes. */
const PATCHED = [
  'state',
  'body',
  'error',
  'corrected',
  'archiveId',
  'reactions',
  'retracted',
  'moderatedBy',
  'file',
  'replyTo',
  'payload',
] as const;

export type WriteOp =
  | { kind: 'add'; messages: StoredMessage[] }
  | { kind: 'update'; peer: string; key: string; patch: MessagePatch }
  | { kind: 'read'; peer: string }
  | { kind: 'put'; key: StorageKey; value: unknown }
  /** Read-modify-write of one record inside the batch's transaction: atomic across tabs. */
  | { kind: 'modify'; key: StorageKey; change: (current: unknown) => unknown }
  | { kind: 'clear' };

export interface WriteOutcome {
  results: unknown[];
  changes: ConversationChange[];
}

/** Every id a message can be found by: its key, its ids and its archive id. */
const idsOf = (m: Pick<StoredMessage, 'key' | 'ids' | 'archiveId'>) => [
  ...new Set([m.key, ...m.ids, ...(m.archiveId ? [m.archiveId] : [])]),
];

export async function applyWrites(tx: BackendTransaction, account: string, ops: WriteOp[]): Promise<WriteOutcome> {
  const records = new StagedRecords(tx);
  let indexes = new Map<string, ConversationIndex | undefined>();
  const touched = new Set<string>();
  const changes = new Map<string, ConversationChange>();
  const changeOf = (peer: string) => {
    let change = changes.get(peer);
    if (!change) changes.set(peer, (change = { peer, added: [], updated: [] }));
    return change;
  };
  async function indexOf(peer: string, create: boolean): Promise<ConversationIndex | undefined> {
    let index = indexes.has(peer) ? indexes.get(peer) : await records.get<ConversationIndex>(conversationKey(account, peer));
    if (!index && create) index = newIndex(peer);
    indexes.set(peer, index);
    return index;
  }

  await prefetch(records, account, ops);

  async function add(messages: StoredMessage[]): Promise<StoredMessage[]> {
    const added: StoredMessage[] = [];
    for (const input of messages) {
      const message: StoredMessage = { ...input, ids: [...new Set([...input.ids, ...(input.archiveId ? [input.archiveId] : [])])] };
      const ids = idsOf(message);
      const known = await Promise.all(ids.map((id) => records.get(idKey(account, id, message.peer))));
      if (known.some((record) => record !== undefined)) continue;
      const index = (await indexOf(message.peer, true))!;
      await insertMessage(records, account, index, message);
      for (const id of ids) records.put(idKey(account, id, message.peer), { key: message.key, time: message.time } satisfies IdRecord);
      summarize(index.summary, message);
      touched.add(message.peer);
      added.push(message);
      changeOf(message.peer).added.push(message);
    }
    return added;
  }

  async function update(peer: string, key: string, patch: MessagePatch): Promise<StoredMessage | undefined> {
    const index = await indexOf(peer, false);
    const record = await records.get<IdRecord>(idKey(account, key, peer));
    const found = index && record?.key === key ? await locate(records, account, index, key, record.time) : undefined;
    if (!index || !found) return undefined;
    const message = found.list[found.at];
    const wasUnread = message.direction === 'in' && message.state !== 'read';
    const before = idsOf(message);
    for (const field of PATCHED) {
      if (!(field in patch)) continue;
      if (patch[field] === undefined) delete message[field];
      else Object.assign(message, { [field]: patch[field] });
    }
    message.ids = [...new Set([...message.ids, ...(patch.ids ?? []), ...(message.archiveId ? [message.archiveId] : [])])];
    for (const id of idsOf(message).filter((id) => !before.includes(id))) {
      // An id another message is already known by keeps pointing there.
      if (!(await records.get(idKey(account, id, peer))))
        records.put(idKey(account, id, peer), { key, time: message.time } satisfies IdRecord);
    }
    const { summary, buckets } = index;
    if (wasUnread && message.state === 'read') summary.unread = Math.max(0, summary.unread - 1);
    if (found.i === buckets.length - 1 && found.at === found.list.length - 1) summary.lastBody = message.body;
    records.put(bucketKey(account, peer, buckets[found.i].n), found.list);
    touched.add(peer);
    changeOf(peer).updated.push(message);
    return message;
  }

  const results: unknown[] = [];
  for (const op of ops) {
    if (op.kind === 'add') results.push(await add(op.messages));
    else if (op.kind === 'update') results.push(await update(op.peer, op.key, op.patch));
    else if (op.kind === 'put') {
      records.put(op.key, op.value);
      results.push(undefined);
    } else if (op.kind === 'modify') {
      const next = op.change(await records.get(op.key));
      records.put(op.key, next);
      results.push(next);
    } else if (op.kind === 'read') {
      const index = await indexOf(op.peer, false);
      if (index && index.summary.unread > 0) {
        index.summary.unread = 0;
        touched.add(op.peer);
        changeOf(op.peer);
      }
      results.push(undefined);
    } else {
      records.deletePrefix([account]);
      indexes = new Map();
      touched.clear();
      changes.clear();
      results.push(undefined);
    }
  }

  // Only the conversations touched are written: each one's summary is in its index record.
  for (const peer of touched) {
    const index = indexes.get(peer)!;
    records.put(conversationKey(account, peer), index);
    changeOf(peer).summary = { ...index.summary };
  }
  // The one record of all summaries that earlier versions kept, rewritten whole on each write.
  if (touched.size > 0 && (await records.get(summariesKey(account))) !== undefined) tx.delete(summariesKey(account));
  records.commit();
  return { results, changes: [...changes.values()] };
}

/** Issues the reads a batch needs at once, so they run in parallel inside the transaction. */
async function prefetch(records: StagedRecords, account: string, ops: WriteOp[]): Promise<void> {
  const reads: Promise<unknown>[] = [];
  const peers = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'add') {
      for (const m of op.messages) {
        peers.add(m.peer);
        for (const id of idsOf(m)) reads.push(records.get(idKey(account, id, m.peer)));
      }
    } else if (op.kind === 'update') {
      peers.add(op.peer);
      reads.push(records.get(idKey(account, op.key, op.peer)));
    }
  }
  // Most messages are the newest of their conversation: read each last bucket with its index.
  const lastBuckets = [...peers].map(async (peer) => {
    const index = await records.get<ConversationIndex>(conversationKey(account, peer));
    const last = index?.buckets[index.buckets.length - 1];
    if (last) await records.get(bucketKey(account, peer, last.n));
  });
  await Promise.all([...reads, ...lastBuckets, records.get(summariesKey(account))]);
}

function summarize(summary: ConversationSummary, message: StoredMessage): void {
  summary.count++;
  if (message.direction === 'in' && message.state !== 'read') summary.unread++;
  const newest = summary.count === 1 || message.time >= summary.lastTime;
  if (newest) {
    summary.lastTime = message.time;
    summary.lastBody = message.body;
    summary.lastDirection = message.direction;
  }
  // The newest context, or any at all when older history brings the first one.
  if (message.direction === 'in' && message.context && (newest || !summary.context)) summary.context = message.context;
}
