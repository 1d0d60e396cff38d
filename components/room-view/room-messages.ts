/**
 * The room's messages loaded so far: the newest page when the room is shown, older pages when the
 * reader scrolls up, and what arrives or changes, kept in time order without duplicates.
 */
import type { Room, StorageChange, StoredMessage } from '../../src/index.ts';

const PAGE = 50;

export class RoomMessages {
  /** Oldest first; a new array after every change, so the list sees it. */
  messages: StoredMessage[] = [];
  loadingOlder = false;
  #cursor?: string;

  constructor(
    private readonly room: Room,
    private readonly changed: () => void,
    private readonly failed: (error: Error) => void,
  ) {}

  /** Older messages are stored on this device (the core fills the store from the room's archive). */
  get hasOlder(): boolean {
    return !!this.#cursor;
  }

  /** Reads the newest page: when shown, and again once joined (the room's archive has filled the store, and says whether it has older). */
  async load(): Promise<void> {
    try {
      const page = await this.room.newestPage(PAGE);
      this.messages = merge(page.messages, this.messages);
      // Kept once set: the reader may already have scrolled further back.
      this.#cursor ??= page.cursor;
      this.changed();
    } catch (error) {
      this.failed(error as Error);
    }
  }

  async loadOlder(): Promise<void> {
    const cursor = this.#cursor;
    if (!cursor || this.loadingOlder) return;
    this.loadingOlder = true;
    this.changed();
    try {
      const page = await this.room.olderPage(cursor, PAGE);
      this.#cursor = page.cursor;
      this.messages = merge(page.messages, this.messages);
    } catch (error) {
      this.failed(error as Error);
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  apply(change: StorageChange): void {
    if (change.added.length === 0 && change.updated.length === 0) return;
    const updated = new Map(change.updated.map((m) => [m.key, m]));
    this.messages = merge(
      this.messages.map((m) => updated.get(m.key) ?? m),
      change.added,
    );
    this.changed();
  }
}

/** Both lists merged in time order, without duplicate keys (the later copy wins). */
function merge(a: StoredMessage[], b: StoredMessage[]): StoredMessage[] {
  if (b.length === 0) return a.slice();
  const byKey = new Map<string, StoredMessage>();
  for (const m of a) byKey.set(m.key, m);
  for (const m of b) byKey.set(m.key, m);
  return [...byKey.values()].sort((x, y) => x.time - y.time);
}
