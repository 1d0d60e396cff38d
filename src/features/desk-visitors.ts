/**
 * What visitors' messages do to the desk: a message newer than a conversation's resolution opens
 * it again, and a rating is recorded on it. Messages are read from the agent's history as they
 * are stored (live, copied or caught up from the archive), and the newest ones of each resolved
 * conversation once more after the desk's state was fetched, for those stored before it was known.
 */
import type { DeskConversation, DeskRating } from '../stanza/desk.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';

/** How many of a resolved conversation's newest messages are looked at after a fetch. */
const REVIEWED_MESSAGES = 20;

export type VisitorHistory = Pick<MessageStore, 'on' | 'newestPage'>;

export interface VisitorWatchDeps {
  store: VisitorHistory;
  /** The conversation's state as known here; undefined until the state was fetched. */
  current: (peer: string) => DeskConversation | undefined;
  reopen: (peer: string, time: number) => void;
  record: (peer: string, rating: DeskRating) => void;
}

/**
 * Whether a message came after the resolution. Archive and offline stamps may count whole seconds
 * only (XEP-0082 allows it; Prosody's do): such a message in the second of the resolution may
 * have come after it, and counts as newer, as a question left unseen is worse than a needless reopen.
 */
export const after = (time: number, resolvedAt = 0): boolean =>
  time % 1000 === 0 ? time >= resolvedAt - (resolvedAt % 1000) : time > resolvedAt;

const sameRating = (a: DeskRating | undefined, b: DeskRating) => a?.score === b.score && a.at === b.at && a.comment === b.comment;

export interface VisitorWatch {
  /** Looks at the newest stored messages of these conversations. */
  review(peers: readonly string[]): Promise<void>;
  close(): void;
}

export function watchVisitors({ store, current, reopen, record }: VisitorWatchDeps): VisitorWatch {
  const consider = (peer: string, message: StoredMessage) => {
    const c = current(peer);
    if (!c || message.direction !== 'in') return;
    const { rating } = message;
    // The answer to the desk's question after a resolution is no new request.
    if (rating) {
      if (!sameRating(c.rating, rating) && rating.at >= (c.rating?.at ?? 0)) record(peer, rating);
    } else if (c.status === 'resolved' && after(message.time, c.resolvedAt)) reopen(peer, message.time);
  };

  const off = store.on('change', ({ peer, added, origin }) => {
    // Another tab of this agent has a desk of its own that hears its own writes.
    if (origin !== 'local') return;
    for (const message of added) consider(peer, message);
  });

  return {
    async review(peers) {
      for (const peer of peers) {
        const { messages } = await store.newestPage(peer, REVIEWED_MESSAGES);
        for (const message of messages) consider(peer, message);
      }
    },
    close: off,
  };
}
