/**
 * The search index's start, in the background: it reads the saved index back, then indexes the
 * conversations it lacks messages of, a record's worth of conversations per step, saved in one
 * transaction per step. What is saved is how far it got: a conversation with as many messages
 * indexed as stored is done, so a reload mid-way goes on where it stopped.
 */
import type { MessageStore } from './message-store.ts';
import type { InvertedIndex } from './search-inverted.ts';
import { GROUPS, groupName, groupOf, type GroupChange, type StoredConversation, type StoredEntry } from './search-records.ts';
import type { ConversationSummary } from './types.ts';

export interface SearchProgress {
  /** Reading the saved index, indexing history not in it yet, or done (and following new messages). */
  phase: 'loading' | 'building' | 'ready';
  /** Records read, or conversations indexed, so far… */
  done: number;
  /** …of this many. */
  total: number;
}

export interface BuildDeps {
  store: MessageStore;
  pause: () => Promise<void>;
  /** True once the index was closed or cleared: the build stops at its next step. */
  stopped: () => boolean;
  index: () => InvertedIndex;
  /** Adds what is not indexed yet; newer news from the store stay as they are. */
  indexConversation: (peer: string, stored: StoredConversation) => void;
  save: (changes: GroupChange[]) => Promise<void>;
  onProgress: (progress: SearchProgress) => void;
}

/** Messages read from the history per page. */
const PAGE = 500;

/** Work runs this long before the page gets a turn. */
const SLICE_MS = 10;

export async function buildIndex(deps: BuildDeps): Promise<void> {
  const { store, stopped, onProgress } = deps;
  let since = performance.now();
  const pause = async () => {
    if (performance.now() - since < SLICE_MS) return;
    await deps.pause();
    since = performance.now();
  };
  const reads = Array.from({ length: GROUPS }, (_, group) => store.getMeta<unknown>(groupName(group)));
  for (let group = 0; group < GROUPS; group++) {
    const record = await reads[group];
    if (stopped()) return;
    for (const [peer, stored] of Object.entries(typeof record === 'object' && record !== null ? record : {})) {
      if (isStoredConversation(stored)) deps.indexConversation(peer, stored);
      await pause();
      if (stopped()) return;
    }
    onProgress({ phase: 'loading', done: group + 1, total: GROUPS });
  }

  const missing = (await store.conversations()).filter((summary) => lacks(deps.index(), summary));
  const steps = new Map<number, ConversationSummary[]>();
  for (const summary of missing.sort((a, b) => (a.peer < b.peer ? -1 : 1))) {
    const group = groupOf(summary.peer);
    const list = steps.get(group);
    if (list) list.push(summary);
    else steps.set(group, [summary]);
  }
  let done = 0;
  onProgress({ phase: 'building', done, total: missing.length });
  for (const summaries of steps.values()) {
    if (stopped()) return;
    const conversations = await Promise.all(summaries.map((summary) => readConversation(store, summary)));
    if (stopped()) return;
    const changes = conversations.map((stored, i): GroupChange => ({ peer: summaries[i].peer, ...stored, replace: false }));
    for (const change of changes) {
      deps.indexConversation(change.peer, change);
      await pause();
      if (stopped()) return;
    }
    await deps.save(changes);
    done += summaries.length;
    onProgress({ phase: 'building', done, total: missing.length });
  }
  if (!stopped()) onProgress({ phase: 'ready', done, total: missing.length });
}

const visitorOf = (summary: ConversationSummary) =>
  summary.context?.name || summary.context?.email ? { name: summary.context.name, email: summary.context.email } : undefined;

function lacks(index: InvertedIndex, summary: ConversationSummary): boolean {
  return index.count(summary.peer) < summary.count || (visitorOf(summary) !== undefined && !index.hasVisitor(summary.peer));
}

/** A conversation's messages, from the newest page back to the first. */
async function readConversation(store: MessageStore, summary: ConversationSummary): Promise<StoredConversation> {
  const messages: StoredEntry[] = [];
  let page = await store.newestPage(summary.peer, PAGE);
  for (;;) {
    for (const m of page.messages) messages.push([m.key, m.time, m.body]);
    if (!page.cursor) break;
    page = await store.olderPage(summary.peer, page.cursor, PAGE);
  }
  const visitor = visitorOf(summary);
  return visitor ? { visitor, messages } : { messages };
}

function isStoredConversation(value: unknown): value is StoredConversation {
  const messages = (value as StoredConversation | null)?.messages;
  return Array.isArray(messages) && messages.every((m) => Array.isArray(m) && typeof m[0] === 'string' && typeof m[2] === 'string');
}
