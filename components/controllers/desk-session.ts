/**
 * Full mode's team desk as its views read it: the inbox rows and counts, who is on the open
 * conversation, and what changed under this agent's feet (a claim another agent won). It wraps
 * the core's `Desk` and tells it which conversation this agent has open.
 */
import type { ConversationSummary } from '../../src/index.ts';
import type { Desk, DeskConversation, DeskNote, DeskStatus } from '../../src/desk.ts';
import { buildInboxRows, countRows, inFilter, type InboxFilter, type InboxRow, type MadeRow } from '../desk-inbox/inbox-rows.ts';
import { DeskNotices, type DeskNotice } from './desk-notices.ts';

export type { DeskNotice };

/** What the desk needs of the chat session (a `ChatSession`). */
export interface DeskHost {
  readonly conversations: readonly ConversationSummary[];
  readonly contacts: readonly { jid: string }[];
  readonly conversation: { readonly peer?: string };
  changed(): void;
  fail(error: Error): void;
  on(type: 'change', listener: () => void): () => void;
}

export interface DeskSessionOptions {
  desk: Desk;
  host: DeskHost;
  /** A visitor's name: the one they gave, or a made-up one. */
  name: (peer: string, summary?: ConversationSummary) => string;
  /** Conversations that are no visitor's (rooms, say): left out of the inbox. */
  notVisitor?: (peer: string) => boolean;
}

export type InboxView = InboxFilter | 'contacts';

export class DeskSession {
  readonly desk: Desk;
  /** The view the agent chose, if any. */
  #chosen?: InboxView;
  readonly #options: DeskSessionOptions;
  readonly #notices: DeskNotices;
  #rows?: InboxRow[];
  /** The rows made last time, by peer: those whose conversation did not change are kept. */
  readonly #made = new Map<string, MadeRow>();
  #viewing?: string;
  /** The visitor this agent was last said to type to. */
  #typingTo?: string;
  readonly #off: Array<() => void>;

  constructor(options: DeskSessionOptions) {
    this.#options = options;
    const { desk, host } = options;
    this.desk = desk;
    this.#notices = new DeskNotices(desk);
    this.#off = [
      desk.on('changed', ({ peers }) => this.#deskChanged(peers)),
      desk.on('teammates', () => host.changed()),
      desk.on('error', (error) => host.fail(error)),
      host.on('change', () => this.#hostChanged()),
    ];
    this.#hostChanged();
  }

  /**
   * Which of the inbox's views the agent looks at: the one they chose; until they choose, the
   * contacts for an account that has some and no visitor's conversation yet (someone using full
   * mode as a chat client), else all open conversations.
   */
  get view(): InboxView {
    if (this.#chosen) return this.#chosen;
    return this.rows.length === 0 && this.#options.host.contacts.length > 0 ? 'contacts' : 'open';
  }

  set view(view: InboxView) {
    this.#chosen = view;
  }

  get agent(): string {
    return this.desk.agent;
  }

  /** The visitors' conversations, newest activity first (all views). */
  get rows(): InboxRow[] {
    if (this.#rows) return this.#rows;
    const { host, name } = this.#options;
    const contacts = new Set(host.contacts.map((c) => c.jid));
    return (this.#rows = buildInboxRows(
      {
        conversations: host.conversations,
        desk: this.desk.conversations,
        state: (peer) => this.desk.conversation(peer),
        isContact: (peer) => contacts.has(peer) || !!this.#options.notVisitor?.(peer),
        name,
      },
      this.#made,
    ));
  }

  counts(): Record<InboxFilter, number> {
    return countRows(this.rows, this.agent);
  }

  /** The rows of an inbox view (the contacts view has none). */
  shown(view: InboxView = this.view): InboxRow[] {
    return view === 'contacts' ? [] : this.rows.filter((row) => inFilter(row, view, this.agent));
  }

  /** A visitor's name: the one they gave, or a made-up one. */
  name(peer: string): string {
    return this.rows.find((row) => row.peer === peer)?.name ?? this.#options.name(peer);
  }

  state(peer: string): DeskConversation {
    return this.desk.conversation(peer);
  }

  notes(peer: string): readonly DeskNote[] {
    return this.desk.notes(peer);
  }

  notice(peer: string): DeskNotice | undefined {
    return this.#notices.get(peer);
  }

  dismissNotice(peer: string): void {
    if (this.#notices.dismiss(peer)) this.#options.host.changed();
  }

  /** Whom a conversation may go to: the signed-in teammates and anyone seen owning one, not this agent. */
  assignees(): string[] {
    const names = new Set(this.desk.teammates.map((t) => t.name));
    for (const c of this.desk.conversations.values()) if (c.assignee) names.add(c.assignee);
    names.delete(this.agent);
    return [...names].filter(Boolean).sort((a, b) => a.localeCompare(b));
  }

  /** The teammates who have `peer` open, and those typing to them. */
  teammatesOn(peer: string): { viewing: string[]; typing: string[] } {
    const mates = this.desk.teammates;
    const typing = mates.filter((t) => t.typingTo === peer).map((t) => t.name);
    const viewing = mates.filter((t) => t.viewing === peer && t.typingTo !== peer).map((t) => t.name);
    return { viewing, typing };
  }

  /** All labels in use, for suggestions. */
  labelsInUse(): string[] {
    const labels = new Set<string>();
    for (const c of this.desk.conversations.values()) for (const label of c.labels) labels.add(label);
    return [...labels].sort((a, b) => a.localeCompare(b));
  }

  /** Assigns `peer` to this agent; if another agent's claim wins, says so. */
  async claim(peer: string): Promise<void> {
    this.#notices.dismiss(peer);
    try {
      await this.desk.claim(peer);
    } catch (error) {
      // A claim that lost a race is told as such; any other failure as itself.
      if (!this.#notices.claimed(peer)) this.#options.host.fail(error as Error);
    }
    this.#notices.claimed(peer);
    this.#options.host.changed();
  }

  /** To a teammate, or to nobody; with a note, it is a transfer the next agent reads. */
  assign(peer: string, agent: string | undefined, note?: string): Promise<void> {
    this.#notices.dismiss(peer);
    return this.#run(this.desk.assign(peer, agent, note?.trim() || undefined));
  }

  /** Changes the status (the desk asks the visitor to rate a conversation this agent resolved). */
  setStatus(peer: string, status: DeskStatus): Promise<void> {
    return this.#run(this.desk.setStatus(peer, status));
  }

  addNote(peer: string, text: string): Promise<void> {
    return this.#run(this.desk.addNote(peer, text));
  }

  setLabels(peer: string, labels: string[]): Promise<void> {
    return this.#run(this.desk.setLabels(peer, labels));
  }

  typing(peer: string, typing: boolean): void {
    this.#typingTo = typing ? peer : undefined;
    this.desk.typing(peer, typing);
  }

  /** The conversation `step` rows after `peer` in the current view (wrapping), or the first one. */
  neighbour(peer: string | undefined, step: 1 | -1): string | undefined {
    const rows = this.shown(this.view === 'contacts' ? 'open' : this.view);
    if (rows.length === 0) return undefined;
    const at = rows.findIndex((row) => row.peer === peer);
    if (at < 0) return rows[step > 0 ? 0 : rows.length - 1].peer;
    return rows[(at + step + rows.length) % rows.length].peer;
  }

  /** The next unassigned conversation after `peer` (newest first, wrapping), not `peer` itself. */
  nextUnassigned(peer: string | undefined): string | undefined {
    const rows = this.shown('unassigned');
    const at = rows.findIndex((row) => row.peer === peer);
    const next = [...rows.slice(at + 1), ...rows.slice(0, Math.max(at, 0))];
    return next[0]?.peer;
  }

  close(): void {
    for (const off of this.#off.splice(0)) off();
    this.desk.close();
  }

  async #run(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.#options.host.fail(error as Error);
    }
  }

  #deskChanged(peers: string[]): void {
    this.#rows = undefined;
    for (const peer of peers) this.#made.delete(peer);
    this.#notices.changed(peers);
    this.#options.host.changed();
  }

  #hostChanged(): void {
    this.#rows = undefined;
    const peer = this.#options.host.conversation.peer;
    if (peer !== this.#viewing) {
      // Leaving a conversation with a draft is no longer typing to that visitor.
      if (this.#typingTo && this.#typingTo !== peer) this.typing(this.#typingTo, false);
      this.#viewing = peer;
      this.desk.viewing(peer);
    }
  }
}
