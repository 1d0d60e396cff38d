/**
 * What another agent did to a conversation this agent had — a claim race lost, a reassignment —
 * kept per conversation until the agent dismisses it, so it is seen plainly rather than missed.
 */
import type { Desk, DeskConversation } from '../../src/desk.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/** A notice in words: its catalog key and the names to fill in. */
export interface DeskNotice {
  key: MessageKey;
  params: Record<string, string>;
}

export class DeskNotices {
  readonly #notices = new Map<string, DeskNotice>();
  /** The conversations assigned to this agent when last looked at. */
  #mine: Set<string>;

  constructor(private readonly desk: Pick<Desk, 'agent' | 'conversations' | 'conversation'>) {
    this.#mine = this.#assignedToMe();
  }

  get(peer: string): DeskNotice | undefined {
    return this.#notices.get(peer);
  }

  /** Forgets the notice of `peer`; true if there was one. */
  dismiss(peer: string): boolean {
    return this.#notices.delete(peer);
  }

  /** After this agent's claim settled: if another agent owns `peer`, says who won. */
  claimed(peer: string): boolean {
    const { assignee } = this.desk.conversation(peer);
    if (!assignee || assignee === this.desk.agent) return false;
    this.#notices.set(peer, { key: 'desk.claim-lost', params: { name: assignee } });
    return true;
  }

  /** The desk changed: a conversation taken from this agent by someone else gets a notice. */
  changed(peers: readonly string[]): void {
    const mine = this.#assignedToMe();
    for (const peer of peers) {
      const state = this.desk.conversation(peer);
      if (this.#mine.has(peer) && !mine.has(peer) && state.by !== this.desk.agent) this.#notices.set(peer, takenNotice(state));
    }
    this.#mine = mine;
  }

  #assignedToMe(): Set<string> {
    const mine = new Set<string>();
    for (const [peer, c] of this.desk.conversations) if (c.assignee === this.desk.agent) mine.add(peer);
    return mine;
  }
}

function takenNotice({ assignee, by }: DeskConversation): DeskNotice {
  if (!assignee) return by ? { key: 'desk.unassigned-by', params: { by } } : { key: 'desk.unassigned-now', params: {} };
  return by && by !== assignee
    ? { key: 'desk.taken', params: { name: assignee, by } }
    : { key: 'desk.taken-over', params: { name: assignee } };
}
