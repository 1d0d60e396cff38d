/**
 * Chat states (XEP-0085): what the peer is doing (composing, paused, active, inactive, gone), and
 * ours sent to peers that use them — composing at most every 10 s while typing, paused after
 * 5 s without typing, active when the draft is sent or cleared.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { buildChatState, type ChatState } from '../stanza/message-extensions.ts';
import type { Messaging } from './messaging.ts';

const REPEAT_MS = 10_000;
const PAUSE_MS = 5_000;

export interface ChatStatesEvents extends Record<string, unknown> {
  state: { peer: string; state: ChatState };
}

export interface ChatStates {
  /** The peer's last chat state. */
  of(peer: string): ChatState | undefined;
  /** Call on every edit of the draft: `typing` is false when the draft became empty. */
  typing(peer: string, typing: boolean): void;
  /** A message went to the peer: it carried `active`. */
  sent(peer: string): void;
  on<K extends keyof ChatStatesEvents>(type: K, listener: (detail: ChatStatesEvents[K]) => void): () => void;
}

export interface ChatStatesDeps {
  /** The connection our chat states are sent over. */
  client: Client;
  /** Tells the peers' chat states, from live, copied and archived messages. */
  messaging: Messaging;
  /** How often `composing` is sent again while typing goes on; 10 s by default. */
  repeatMs?: number;
  /** How long typing may stop before `paused` is sent; 5 s by default. */
  pauseMs?: number;
}

export function createChatStates({ client, messaging, repeatMs = REPEAT_MS, pauseMs = PAUSE_MS }: ChatStatesDeps): ChatStates {
  const events = new Emitter<ChatStatesEvents>();
  const theirs = new Map<string, ChatState>();
  /** Peers that have sent us a chat state: only they get ours (XEP-0085 §5.1). */
  const speaking = new Set<string>();
  const ours = new Map<string, { state: ChatState; at: number; pause?: ReturnType<typeof setTimeout> }>();

  messaging.on('chatState', ({ peer, state, live }) => {
    speaking.add(peer);
    // Only live states say what the peer is doing now; archived ones still say the peer uses them.
    if (!live || theirs.get(peer) === state) return;
    theirs.set(peer, state);
    events.emit('state', { peer, state });
  });

  function send(peer: string, state: ChatState): void {
    const previous = ours.get(peer);
    clearTimeout(previous?.pause);
    const now = Date.now();
    const repeat = state === 'composing' && previous?.state === 'composing' && now - previous.at < repeatMs;
    const entry = { state, at: repeat ? previous.at : now, pause: undefined as ReturnType<typeof setTimeout> | undefined };
    ours.set(peer, entry);
    if (state === 'composing') entry.pause = setTimeout(() => send(peer, 'paused'), pauseMs);
    if (repeat || previous?.state === state || !speaking.has(peer) || client.status !== 'connected') return;
    client.send(buildChatState(peer, state));
  }

  return {
    of: (peer) => theirs.get(peer),
    typing: (peer, typing) => send(peer, typing ? 'composing' : 'active'),
    sent(peer) {
      clearTimeout(ours.get(peer)?.pause);
      ours.set(peer, { state: 'active', at: Date.now() });
    },
    on: (type, listener) => events.on(type, listener),
  };
}
