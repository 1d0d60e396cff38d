/** Tells the other tabs of this page's origin which conversations a committed write changed. */
import type { ConversationSummary, StoredMessage } from './types.ts';

/** What one committed write did to one conversation. */
export interface ConversationChange {
  peer: string;
  added: StoredMessage[];
  updated: StoredMessage[];
  /** The conversation's summary after the write, when the write changed it. */
  summary?: ConversationSummary;
}

export interface TabSync {
  post(changes: ConversationChange[]): void;
  close(): void;
}

export const channelNameFor = (account: string) => `xmpp-chat:${account}`;

export interface TabSyncDeps {
  /** The channel's name: the tabs of one history share one (see channelNameFor). */
  name: string;
  /** Takes in the changes another tab committed. */
  receive: (changes: ConversationChange[]) => void;
}

/**
 * A BroadcastChannel carrying the changes of each committed batch. Other tabs only learn that
 * the records changed; the records themselves were already written in one transaction.
 * Without BroadcastChannel (very old browsers) tabs simply do not hear of each other.
 */
export function createTabSync({ name, receive }: TabSyncDeps): TabSync {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<{ changes?: ConversationChange[] }>) => {
    if (Array.isArray(event.data?.changes)) receive(event.data.changes);
  };
  let open = true;
  return {
    // A store closed while its last writes commit has no one left to tell.
    post: (changes) => {
      if (open) channel.postMessage({ changes });
    },
    close: () => {
      open = false;
      channel.close();
    },
  };
}
