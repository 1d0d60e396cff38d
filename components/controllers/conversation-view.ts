/**
 * The open conversation: the window of its messages loaded so far (newest page first, older pages
 * on demand from this device's history, then from the server's archive), kept in time order as
 * messages arrive or change.
 */
import type { Chat, StorageChange, StoredMessage } from '../../src/index.ts';

const PAGE = 50;

export class ConversationView {
  peer?: string;
  /** Oldest first. A new array after every change, so renderers can compare by identity. */
  messages: StoredMessage[] = [];
  loadingOlder = false;
  /** True when neither this device nor the archive has anything older. */
  historyStart = false;
  #cursor?: string;
  #archiveDone = false;
  #opening?: Promise<void>;

  constructor(
    private readonly chat: Chat,
    private readonly changed: () => void,
    private readonly useArchive = () => true,
  ) {}

  get hasOlder(): boolean {
    return !this.historyStart;
  }

  get peerTyping(): boolean {
    return !!this.peer && this.chat.chatStates.of(this.peer) === 'composing';
  }

  open(peer: string): Promise<void> {
    if (peer === this.peer && this.#opening) return this.#opening;
    this.peer = peer;
    this.messages = [];
    this.historyStart = false;
    this.#cursor = undefined;
    this.#opening = (async () => {
      const [page, start] = await Promise.all([this.chat.newestPage(peer, PAGE), this.chat.archive.reachedStart(peer)]);
      if (this.peer !== peer) return;
      this.messages = merge(page.messages, this.messages);
      this.#cursor = page.cursor;
      this.#archiveDone = start || !this.useArchive();
      this.historyStart = !page.cursor && this.#archiveDone;
      this.changed();
    })();
    return this.#opening;
  }

  /** Takes in stored changes of the open conversation. */
  apply(change: StorageChange): void {
    if (change.peer !== this.peer || (change.added.length === 0 && change.updated.length === 0)) return;
    const updated = new Map(change.updated.map((m) => [m.key, m]));
    const kept = this.messages.map((m) => updated.get(m.key) ?? m);
    this.messages = merge(kept, change.added);
    this.changed();
  }

  /** Loads the next older page: from this device while it has one, then from the archive. */
  async loadOlder(): Promise<void> {
    const peer = this.peer;
    if (!peer || this.loadingOlder || this.historyStart) return;
    this.loadingOlder = true;
    this.changed();
    try {
      if (this.#cursor) {
        const page = await this.chat.olderPage(peer, this.#cursor, PAGE);
        if (this.peer !== peer) return;
        this.#cursor = page.cursor;
        this.messages = merge(page.messages, this.messages);
      } else if (!this.#archiveDone && this.chat.client.status === 'connected') {
        const { complete } = await this.chat.archive.loadOlder(peer, this.messages[0]);
        this.#archiveDone = complete; // the fetched messages arrive through `apply`
      }
      this.historyStart = !this.#cursor && this.#archiveDone;
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  /** The newest message is on screen: tell the peer and clear the unread count. */
  markRead(): void {
    const last = this.messages.at(-1);
    if (this.peer && last && last.direction === 'in' && last.state !== 'read') void this.chat.messaging.markRead(this.peer);
  }
}

/** Both lists merged in time order, without duplicate keys (the later copy wins). */
function merge(a: StoredMessage[], b: StoredMessage[]): StoredMessage[] {
  if (b.length === 0) return a.slice();
  const byKey = new Map<string, StoredMessage>();
  for (const m of a) byKey.set(m.key, m);
  for (const m of b) byKey.set(m.key, m);
  const all = [...byKey.values()];
  // Mostly sorted already: a stable sort on time keeps arrival order for equal times.
  return all.sort((x, y) => x.time - y.time);
}
