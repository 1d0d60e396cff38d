/**
 * The team desk: several agents signed in to one support account share which conversations are
 * open, pending or resolved, who has each, labels, ratings and internal notes. The state lives on
 * the account itself, in two PEP nodes (stanza/desk.ts): every device of the account reads them on
 * each new session and hears of each change by notification, as it advertises `+notify` for them
 * (features/disco.ts).
 *
 * Which change wins. PubSub has no compare-and-set, so two agents claiming one conversation at
 * once both succeed in publishing. The server handles publishes one at a time: the item it holds
 * after the last one is the state, and it notifies every device in that same order. Each device
 * therefore applies notifications in the order they arrive, and never lets an older copy replace
 * a newer one: a fetch, or its own publish's answer, is applied to an item only when no
 * notification about that item came while it was under way. All devices end with the server's
 * last item. A change reads the item from the server first and changes that, so a change made on
 * another device a moment before is kept, not overwritten with an old copy.
 * Notes never change once published, each its own item, so two agents' notes never replace each other.
 */
import { createSerialQueue } from './serially.ts';
import { ConnectionError } from '../errors.ts';
import { Emitter } from '../events.ts';
import {
  buildNote,
  cleanLabels,
  cleanName,
  defaultConversation,
  DESK_LIMITS,
  NODE_AGENTS,
  NODE_CONVERSATIONS,
  NODE_NOTES,
  type DeskConversation,
  type DeskNote,
  type DeskRating,
  type DeskStatus,
} from '../stanza/desk.ts';
import { bareJid, parseJid } from '../stanza/jid.ts';
import { newStanzaId } from '../stanza/message.ts';
import type { Desk, DeskDeps, DeskEvents } from './desk-api.ts';
import { DeskError } from './desk-error.ts';
import { createPepNode, DESK_PUBLISH_OPTIONS } from './desk-pep.ts';
import { createDeskState } from './desk-state.ts';
import { createTeammates } from './desk-teammates.ts';
import { after, watchVisitors } from './desk-visitors.ts';

export { DeskError } from './desk-error.ts';
export type { DeskCondition } from './desk-error.ts';
export type { Desk, DeskDeps, DeskEvents } from './desk-api.ts';

const STATUSES: readonly DeskStatus[] = ['open', 'pending', 'resolved'];

const bareVisitor = (peer: string): string | undefined => {
  const jid = parseJid(peer);
  return jid?.local && !jid.resource ? bareJid(peer) : undefined;
};

function visitor(peer: string): string {
  const who = bareVisitor(peer);
  if (!who) throw new DeskError('invalid', `“${peer}” is not a visitor’s address.`);
  return who;
}

export function createDesk({ client, agent: name, store, askRating, now = Date.now }: DeskDeps): Desk {
  const agent = cleanName(name);
  if (!agent) throw new DeskError('invalid', 'An agent needs a name.');
  const events = new Emitter<DeskEvents>();
  const conversationsNode = createPepNode(client, NODE_CONVERSATIONS);
  const notesNode = createPepNode(client, NODE_NOTES);
  // A lost connection is the connection's news (the client's status), not the desk's.
  const fail = (error: Error) => {
    if (!(error instanceof ConnectionError)) events.emit('error', error);
  };
  const state = createDeskState({
    client,
    conversationsNode,
    notesNode,
    store,
    now,
    changed: (peers) => events.emit('changed', { peers }),
    fail,
  });
  // Only the newest item of each device matters there: a few kept are enough.
  const agentsNode = createPepNode(client, NODE_AGENTS, { ...DESK_PUBLISH_OPTIONS, 'pubsub#max_items': '10' });
  const teammates = createTeammates({ client, agent, agents: agentsNode, changed: (list) => events.emit('teammates', list), fail });
  /** Server round trips one at a time, in the order asked for. */
  const serially = createSerialQueue();

  /**
   * Reads the conversation from the server, lets `edit` change it (undefined: nothing to change)
   * and publishes the result; resolves with what was published.
   */
  const update = (peer: string, edit: (c: DeskConversation) => DeskConversation | undefined) =>
    serially(async () => {
      const current = await state.read(peer);
      const next = edit(current);
      if (next) await state.publish(next);
      return next;
    });
  const stamped = (c: DeskConversation): DeskConversation => ({ ...c, updated: Math.max(now(), c.updated + 1), by: agent });

  const publishNote = async (peer: string, text: string, kind: DeskNote['kind']): Promise<DeskNote> => {
    const clean = text.replace(/\r\n?/g, '\n').trim();
    if (kind === 'note' && clean === '') throw new DeskError('invalid', 'A note needs a text.');
    if (Array.from(clean).length > DESK_LIMITS.note)
      throw new DeskError('invalid', `A note can have at most ${DESK_LIMITS.note} characters.`);
    const note: DeskNote = { id: newStanzaId(), peer, author: agent, text: clean, at: now(), kind };
    await state.publishNote(note, buildNote(note));
    return note;
  };

  const assign = async (peer: string, to: string | undefined, note?: string) => {
    const who = visitor(peer);
    const assignee = cleanName(to);
    await update(who, (c) => (c.assignee === assignee ? undefined : stamped({ ...c, assignee })));
    if (note !== undefined) await publishNote(who, note, 'transfer');
  };

  const visitors =
    store &&
    watchVisitors({
      store,
      current: (peer) => (state.fetched ? state.get(peer) : undefined),
      // Every device hearing the message publishes the same item, so they agree whoever is last.
      reopen: (peer, time) =>
        void update(peer, (c) =>
          c.status === 'resolved' && after(time, c.resolvedAt)
            ? { ...c, status: 'open', resolvedAt: undefined, by: undefined, updated: Math.max(c.updated, Math.round(time)) }
            : undefined,
        ).catch(fail),
      record: (peer, rating) => void desk.recordRating(peer, rating).catch(fail),
    });
  const offFetched = state.onFetched(() => void visitors?.review(state.resolvedPeers()).catch(fail));

  const desk: Desk = {
    agent,
    get conversations() {
      return state.conversations;
    },
    conversation: (peer) => state.get(peer) ?? defaultConversation(peer),
    notes: (peer) => state.notes(peer),
    get teammates() {
      return teammates.list;
    },
    claim: (peer) => assign(peer, agent),
    assign,
    async setStatus(peer, status) {
      const who = visitor(peer);
      if (!STATUSES.includes(status)) throw new DeskError('invalid', `“${status}” is not a conversation status.`);
      const at = now();
      const next = await update(who, (c) =>
        c.status === status ? undefined : stamped({ ...c, status, resolvedAt: status === 'resolved' ? at : undefined }),
      );
      if (next && status === 'resolved') askRating?.(who);
    },
    addNote: (peer, text) => publishNote(visitor(peer), text, 'note'),
    async setLabels(peer, labels) {
      const clean = cleanLabels(labels);
      await update(visitor(peer), (c) => (c.labels.join('\n') === clean.join('\n') ? undefined : stamped({ ...c, labels: clean })));
    },
    async recordRating(peer, rating) {
      if (![1, 2, 3, 4, 5].includes(rating.score) || !Number.isFinite(rating.at))
        throw new DeskError('invalid', 'A rating is a score from 1 to 5.');
      const same = (r: DeskRating | undefined) => r?.score === rating.score && r.at === rating.at && r.comment === rating.comment;
      // Not an agent's change: the item depends only on the rating, so devices recording it at once agree.
      await update(visitor(peer), (c) =>
        same(c.rating) ? undefined : { ...c, rating, updated: Math.max(c.updated, Math.round(rating.at)) },
      );
    },
    // Told as the agent moves about: an address that is no visitor's tells nothing, and throws nothing.
    viewing: (peer) => teammates.viewing(peer === undefined ? undefined : bareVisitor(peer)),
    typing(peer, typing) {
      const who = bareVisitor(peer);
      if (who) teammates.typing(who, typing);
    },
    averageRating() {
      const scores = [...state.conversations.values()].flatMap((c) => (c.rating ? [c.rating.score] : []));
      if (scores.length === 0) return undefined;
      return { average: scores.reduce((a, b) => a + b, 0) / scores.length, count: scores.length };
    },
    on: (type, listener) => events.on(type, listener),
    close() {
      offFetched();
      visitors?.close();
      teammates.close();
      state.close();
    },
  };
  return desk;
}
