/**
 * How the search index lies in storage: the searchable text of every conversation, in a fixed
 * number of records (meta values of the account), each holding the conversations whose peer
 * hashes to it. A new message rewrites one record of a few dozen conversations; a reload reads
 * all of them in a few reads; and since they live under the account, clearing or forgetting the
 * account's history removes them with it.
 */

/** The records the conversations are spread over: about 40 conversations each for a desk of 5,000. */
export const GROUPS = 128;
/** The format is in the name: a later format starts afresh beside this one. */
export const groupName = (group: number) => `search:1:${group}`;

/** A message as search stores it: key, time, text. */
export type StoredEntry = [key: string, time: number, text: string];
export interface StoredConversation {
  visitor?: { name?: string; email?: string };
  messages: StoredEntry[];
}
export type GroupRecord = Record<string, StoredConversation>;

/** What to write for one conversation. */
export interface GroupChange {
  peer: string;
  messages: StoredEntry[];
  visitor?: { name?: string; email?: string };
  /** News from the store replace what is stored; the first build only fills in what is missing. */
  replace: boolean;
}

/** The record a peer's conversation lies in (FNV-1a of the peer). */
export function groupOf(peer: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < peer.length; i++) hash = Math.imul(hash ^ peer.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % GROUPS;
}

/** `current` with `changes` applied, in order. Synchronous, as it runs inside a storage transaction. */
export function applyGroupChanges(current: unknown, changes: readonly GroupChange[]): GroupRecord {
  const record: GroupRecord = isGroupRecord(current) ? current : {};
  const positions = new Map<string, Map<string, number>>();
  for (const { peer, messages, visitor, replace } of changes) {
    const conversation = (record[peer] ??= { messages: [] });
    if (visitor && (replace || !conversation.visitor)) conversation.visitor = visitor;
    let at = positions.get(peer);
    if (!at) positions.set(peer, (at = new Map(conversation.messages.map(([key], i) => [key, i]))));
    for (const entry of messages) {
      const i = at.get(entry[0]);
      if (i === undefined) at.set(entry[0], conversation.messages.push(entry) - 1);
      else if (replace) conversation.messages[i] = entry;
    }
  }
  return record;
}

/** Anything else (a record from a broken write, another format) is started afresh. */
function isGroupRecord(value: unknown): value is GroupRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
