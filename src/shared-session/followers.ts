/**
 * The lead's view of the tabs following its session: who said hello (by page, so that a page that
 * closes without a word takes its chats with it), and whether what arrives should go to the
 * channel at all.
 */
import type { TabLocks } from '../adapters/tab-locks.ts';

/** How long after announcing its session a lead relays what arrives, with no tab following yet. */
export const ANNOUNCED_RELAY_MS = 5000;

export class Followers {
  readonly #tabs = new Set<string>();
  /** The followers of each page. */
  readonly #pages = new Map<string, Set<string>>();
  /** When the lead last announced its session. */
  #announcedAt = -Infinity;

  constructor(
    private readonly locks: TabLocks,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.#tabs.size;
  }

  /** A chat of `page` follows. */
  hello(tab: string, page: string): void {
    if (this.#tabs.has(tab)) return;
    this.#tabs.add(tab);
    const ofPage = this.#pages.get(page) ?? new Set<string>();
    this.#pages.set(page, ofPage.add(tab));
    // A page that closes without a word (it crashed) takes its chats with it.
    this.locks.whenGone(page, () => {
      for (const gone of ofPage) this.#tabs.delete(gone);
      this.#pages.delete(page);
    });
  }

  bye(tab: string): void {
    this.#tabs.delete(tab);
  }

  announced(): void {
    this.#announcedAt = this.now();
  }

  /**
   * Whether tabs may follow: some said hello, or the session was just announced (a tab that waited
   * for a lead taking over follows from that announcement, and says hello only after it).
   */
  relaying(): boolean {
    return this.#tabs.size > 0 || this.now() - this.#announcedAt < ANNOUNCED_RELAY_MS;
  }
}
