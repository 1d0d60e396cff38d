/**
 * For the desk views' tests: a `Desk` kept in memory, as one agent's device sees it. `remote()`
 * plays another agent's change arriving by PEP; `raceClaims` makes the next claim lose to a teammate.
 */
import type { Desk, DeskConversation, DeskNote, DeskRating, DeskStatus, Teammate } from '../../src/desk.ts';

/** Like the server's answer: after the caller's synchronous code. */
const later = <T>(run: () => T): Promise<T> => Promise.resolve().then(run);

type Listeners = {
  changed: Set<(d: { peers: string[] }) => void>;
  teammates: Set<(d: readonly Teammate[]) => void>;
  error: Set<(d: Error) => void>;
};

export class FakeDesk implements Desk {
  readonly conversations = new Map<string, DeskConversation>();
  readonly #notes = new Map<string, DeskNote[]>();
  teammates: Teammate[] = [];
  /** What this device told its teammates, latest last. */
  readonly told: Array<{ viewing?: string | undefined; typing?: [string, boolean] }> = [];
  /** The next claim is won by this teammate. */
  raceClaims?: string;
  /** The next change fails with this error. */
  failNext?: Error;
  closed = false;
  #listeners: Listeners = { changed: new Set(), teammates: new Set(), error: new Set() };
  #ids = 0;

  constructor(
    readonly agent = 'Ann',
    public now = 1_000_000,
  ) {}

  conversation(peer: string): DeskConversation {
    return this.conversations.get(peer) ?? { peer, status: 'open', labels: [], updated: 0 };
  }

  notes(peer: string): readonly DeskNote[] {
    return this.#notes.get(peer) ?? [];
  }

  claim(peer: string): Promise<void> {
    return later(() => {
      const winner = this.raceClaims;
      this.raceClaims = undefined;
      this.#change(peer, { assignee: winner ?? this.agent }, winner);
    });
  }

  assign(peer: string, agent: string | undefined, note?: string): Promise<void> {
    return later(() => {
      this.#change(peer, { assignee: agent });
      if (note) this.#note(peer, note, 'transfer');
    });
  }

  setStatus(peer: string, status: DeskStatus): Promise<void> {
    return later(() => this.#change(peer, { status, ...(status === 'resolved' ? { resolvedAt: this.now } : {}) }));
  }

  addNote(peer: string, text: string): Promise<DeskNote> {
    return later(() => {
      this.#fail();
      return this.#note(peer, text, 'note');
    });
  }

  setLabels(peer: string, labels: string[]): Promise<void> {
    return later(() => this.#change(peer, { labels }));
  }

  recordRating(peer: string, rating: DeskRating): Promise<void> {
    return later(() => this.#change(peer, { rating }));
  }

  viewing(peer: string | undefined): void {
    this.told.push({ viewing: peer });
  }

  typing(peer: string, typing: boolean): void {
    this.told.push({ typing: [peer, typing] });
  }

  averageRating(): { average: number; count: number } | undefined {
    const scores = [...this.conversations.values()].flatMap((c) => (c.rating ? [c.rating.score] : []));
    return scores.length ? { average: scores.reduce((a, b) => a + b, 0) / scores.length, count: scores.length } : undefined;
  }

  on(type: 'changed', listener: (detail: { peers: string[] }) => void): () => void;
  on(type: 'teammates', listener: (detail: readonly Teammate[]) => void): () => void;
  on(type: 'error', listener: (detail: Error) => void): () => void;
  on(type: keyof Listeners, listener: (detail: never) => void): () => void {
    const set = this.#listeners[type] as Set<unknown>;
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    this.closed = true;
  }

  /** Another agent's change, arriving as a PEP notification. */
  remote(peer: string, change: Partial<DeskConversation>, by: string): void {
    this.#change(peer, change, by);
  }

  setTeammates(teammates: Teammate[]): void {
    this.teammates = teammates;
    for (const listener of this.#listeners.teammates) listener(teammates);
  }

  #change(peer: string, change: Partial<DeskConversation>, by = this.agent): void {
    this.#fail();
    this.conversations.set(peer, { ...this.conversation(peer), ...change, peer, updated: ++this.now, by });
    for (const listener of this.#listeners.changed) listener({ peers: [peer] });
  }

  #note(peer: string, text: string, kind: DeskNote['kind']): DeskNote {
    const note: DeskNote = { id: `n${++this.#ids}`, peer, author: this.agent, text, at: ++this.now, kind };
    this.#notes.set(peer, [...this.notes(peer), note]);
    for (const listener of this.#listeners.changed) listener({ peers: [peer] });
    return note;
  }

  #fail(): void {
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
  }
}
