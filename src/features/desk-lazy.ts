/**
 * The team desk as the core's public API offers it: `createDesk` answers at once, and the desk's
 * code (desk.ts and its parts) loads with the first desk created. The core's entry module is on
 * the visitor's path, so a desk exported from it directly would weigh on every visitor; this
 * stand-in is all they carry. Until the code is there the desk reads as empty (every conversation
 * open and unassigned, nobody else signed in), and changes wait for it.
 */
import { Emitter } from '../events.ts';
import { DeskError } from './desk-error.ts';
import type { Desk, DeskDeps, DeskEvents } from './desk.ts';

export const NS_DESK = 'urn:xmpp-chat:desk:0';

export function createDesk(deps: DeskDeps): Desk {
  // As stanza/desk.ts cleans names: one line, at most 64 characters.
  const agent = Array.from(deps.agent.replace(/\s+/g, ' ').trim()).slice(0, 64).join('');
  if (!agent) throw new DeskError('invalid', 'An agent needs a name.');
  const events = new Emitter<DeskEvents>();
  let desk: Desk | undefined;
  let closed = false;
  const loaded: Promise<Desk> = import('./desk.ts').then(({ createDesk: create }) => {
    desk = create(deps);
    for (const type of ['changed', 'teammates', 'error'] as const) desk.on(type, (detail) => events.emit(type, detail as never));
    if (closed) desk.close();
    // What was read as empty before may not be.
    else if (desk.conversations.size > 0) events.emit('changed', { peers: [...desk.conversations.keys()] });
    return desk;
  });
  loaded.catch((error: Error) => events.emit('error', error));
  const later =
    <A extends unknown[], R>(call: (d: Desk, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      call(await loaded, ...args);
  const now = (call: (d: Desk) => void) => (desk ? call(desk) : void loaded.then(call, () => undefined));

  return {
    agent,
    get conversations() {
      return desk?.conversations ?? new Map();
    },
    conversation: (peer) => desk?.conversation(peer) ?? { peer, status: 'open', labels: [], updated: 0 },
    notes: (peer) => desk?.notes(peer) ?? [],
    get teammates() {
      return desk?.teammates ?? [];
    },
    claim: later((d, peer) => d.claim(peer)),
    assign: later((d, peer, to, note) => d.assign(peer, to, note)),
    setStatus: later((d, peer, status) => d.setStatus(peer, status)),
    addNote: later((d, peer, text) => d.addNote(peer, text)),
    setLabels: later((d, peer, labels) => d.setLabels(peer, labels)),
    recordRating: later((d, peer, rating) => d.recordRating(peer, rating)),
    viewing: (peer) => now((d) => d.viewing(peer)),
    typing: (peer, typing) => now((d) => d.typing(peer, typing)),
    averageRating: () => desk?.averageRating(),
    on: (type, listener) => events.on(type, listener),
    close() {
      closed = true;
      desk?.close();
    },
  };
}
