/** The team desk's public shape: what `createDesk` returns, the events it emits and what it needs. */
import type { Client } from '../client.ts';
import type { DeskConversation, DeskNote, DeskRating, DeskStatus, Teammate } from '../stanza/desk.ts';
import type { MessageStore } from '../storage/index.ts';

export interface DeskEvents extends Record<string, unknown> {
  /** Conversations' state or notes changed. */
  changed: { peers: string[] };
  /** The other signed-in agents changed, or what they have open. */
  teammates: readonly Teammate[];
  /** Fetching, pruning or a change made on the desk's own account (reopen, rating) failed. */
  error: Error;
}

export interface Desk {
  /** This device's agent name. */
  readonly agent: string;
  readonly conversations: ReadonlyMap<string, DeskConversation>;
  /** The stored state, or the default: open and unassigned. */
  conversation(peer: string): DeskConversation;
  /** Oldest first. */
  notes(peer: string): readonly DeskNote[];
  /** Other signed-in agents (other resources of the account). */
  readonly teammates: readonly Teammate[];
  claim(peer: string): Promise<void>;
  /** To a teammate, to nobody (undefined), or a transfer with a note. */
  assign(peer: string, agent: string | undefined, note?: string): Promise<void>;
  setStatus(peer: string, status: DeskStatus): Promise<void>;
  addNote(peer: string, text: string): Promise<DeskNote>;
  setLabels(peer: string, labels: string[]): Promise<void>;
  recordRating(peer: string, rating: DeskRating): Promise<void>;
  viewing(peer: string | undefined): void;
  typing(peer: string, typing: boolean): void;
  averageRating(): { average: number; count: number } | undefined;
  on<K extends keyof DeskEvents>(type: K, listener: (detail: DeskEvents[K]) => void): () => void;
  close(): void;
}

export interface DeskDeps {
  /** The connection of the shared support account. */
  client: Client;
  /** This agent's name, as teammates and visitors see it. */
  agent: string;
  /** The agent's history: visitors' messages reopen and rate conversations; its meta keeps the state for a reload. */
  store?: Pick<MessageStore, 'on' | 'newestPage' | 'getMeta' | 'setMeta'>;
  /** Asks the visitor for a rating (stanza/rating.ts), after this device resolved the conversation. */
  askRating?: (peer: string) => unknown;
  now?: () => number;
}
