/**
 * Search across every conversation of an account (the support desk's): visitor name, email and
 * message text. It answers from an inverted index in memory, kept from the store's changes; what
 * it indexes is saved beside the history (search-records.ts), so a reload reads it back instead
 * of reading all of the history again. Full mode only: the visitor's widget never loads it.
 */
import { Emitter } from '../events.ts';
import type { MessageStore, StorageChange } from './message-store.ts';
import { InvertedIndex } from './search-inverted.ts';
import { applyGroupChanges, GROUPS, groupName, groupOf, type GroupChange, type StoredConversation } from './search-records.ts';
import { queryTokens, snippet, type Snippet } from './search-text.ts';
import { buildIndex, type SearchProgress } from './search-build.ts';
import { StorageError, toStorageError, type StoredMessage } from './types.ts';

export type { Snippet, TextRange } from './search-text.ts';
export type { SearchProgress } from './search-build.ts';
export { fold, queryTokens, snippet, tokenize } from './search-text.ts';

export interface SearchHit {
  /** The conversation: the peer's bare JID. */
  peer: string;
  /** The message that matched; absent when the visitor's name or email did. */
  key?: string;
  /** The message's time; for the visitor's details, the conversation's newest message's. */
  time: number;
  /** A line of the text that matched; `matches` are offsets into `snippet.text`. */
  snippet: Snippet;
}

export interface SearchOptions {
  /** At most this many hits, newest first (20 by default). */
  limit?: number;
}

export interface SearchIndexEvents extends Record<string, unknown> {
  progress: SearchProgress;
  /** Saving or reading the index failed; search goes on answering from what it has. */
  error: StorageError;
}

export interface SearchIndexOptions {
  /**
   * How long news from the store wait before they are saved, so a burst of messages is one write
   * (1,000 ms by default). Nothing is lost if the page closes meanwhile: the next start indexes
   * again the conversations with fewer messages indexed than stored.
   */
  saveDelayMs?: number;
  /** Waits between two steps of the first build, so the page keeps responding; a zero timeout by default. */
  pause?: () => Promise<void>;
}

export interface SearchIndex {
  /** Hits for every word of `query` (each the start of a word, case and accents ignored), newest first. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** How far reading the saved index and indexing older history has got. */
  readonly progress: SearchProgress;
  /** Settles when the saved index is read and all stored history indexed. */
  ready(): Promise<void>;
  on<K extends keyof SearchIndexEvents>(type: K, listener: (detail: SearchIndexEvents[K]) => void): () => void;
  /** Stops following the store and indexing; writes already asked for still complete. */
  close(): void;
}

const DEFAULT_LIMIT = 20;

export function createSearchIndex(store: MessageStore, options: SearchIndexOptions = {}): SearchIndex {
  const events = new Emitter<SearchIndexEvents>();
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let index = new InvertedIndex();
  let closed = false;
  /** Raised by a clear, so a build that was under way stops and another starts. */
  let generation = 0;
  let progress: SearchProgress = { phase: 'loading', done: 0, total: GROUPS };

  const saveDelayMs = options.saveDelayMs ?? 1000;
  // Writes gather per record, then go as one store batch: one transaction.
  let pending = new Map<number, GroupChange[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Saves `changes` after the save delay, or (`now`, the build's steps) at the next microtask. */
  function save(changes: GroupChange[], now = true): Promise<void> {
    for (const change of changes) {
      const group = groupOf(change.peer);
      const list = pending.get(group);
      if (list) list.push(change);
      else pending.set(group, [change]);
    }
    if (now) return Promise.resolve().then(flush);
    timer ??= setTimeout(() => void flush(), saveDelayMs);
    return Promise.resolve();
  }
  let flushing: Promise<void> | undefined;
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return flushing ?? Promise.resolve();
    const batch = pending;
    pending = new Map();
    const writes = [...batch].map(([group, changes]) =>
      store.updateMeta(groupName(group), (current: unknown) => applyGroupChanges(current, changes)),
    );
    const done = Promise.all(writes).then(() => undefined, report);
    flushing = done;
    return done;
  }

  function report(error: unknown): void {
    // A forgotten account saves nothing more on purpose: the index lives on in memory only.
    if (error instanceof StorageError && error.condition === 'forgotten') return;
    events.emit('error', toStorageError(error));
  }

  function indexConversation(peer: string, stored: StoredConversation): void {
    if (stored.visitor && !index.hasVisitor(peer)) index.setVisitor(peer, stored.visitor.name, stored.visitor.email);
    for (const [key, time, text] of stored.messages) if (!index.has(peer, key)) index.setMessage(peer, key, time, text);
  }

  function follow(change: StorageChange): void {
    const entries = [...change.added, ...change.updated.filter((m) => !index.has(m.peer, m.key, m.body))].map(
      (m: StoredMessage): [string, number, string] => [m.key, m.time, m.body],
    );
    for (const [key, time, text] of entries) index.setMessage(change.peer, key, time, text);
    const context = change.added.filter((m) => m.direction === 'in' && (m.context?.name || m.context?.email)).at(-1)?.context;
    const visitor = context && { name: context.name, email: context.email };
    if (visitor) index.setVisitor(change.peer, visitor.name, visitor.email);
    // Another tab's store saved its own changes and its index saves theirs.
    if (change.origin === 'local' && (entries.length > 0 || visitor))
      void save([{ peer: change.peer, messages: entries, visitor, replace: true }], false);
  }

  const stops = [
    store.on('change', (change) => {
      if (closed) return;
      try {
        follow(change);
      } catch (error) {
        report(error);
      }
    }),
    store.on('cleared', () => {
      index = new InvertedIndex();
      pending = new Map();
      clearTimeout(timer);
      timer = undefined;
      generation++;
      start();
    }),
  ];

  let built: Promise<void> = Promise.resolve();
  function start(): void {
    const mine = generation;
    built = buildIndex({
      store,
      pause,
      stopped: () => closed || generation !== mine,
      index: () => index,
      indexConversation,
      save,
      onProgress: (next) => {
        progress = next;
        events.emit('progress', next);
      },
    }).catch(report);
  }
  start();

  return {
    search(query, { limit = DEFAULT_LIMIT } = {}) {
      // Run now, from what is indexed; a failure rejects rather than throws.
      return new Promise((resolve) => {
        const tokens = queryTokens(query);
        resolve(index.search(tokens, limit).map(({ text, ...hit }) => ({ ...hit, snippet: snippet(text, tokens) })));
      });
    },
    get progress() {
      return progress;
    },
    ready: () => built,
    on: (type, listener) => events.on(type, listener),
    close() {
      closed = true;
      for (const stop of stops) stop();
      void flush();
    },
  };
}
