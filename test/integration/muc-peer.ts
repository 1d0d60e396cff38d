/**
 * The third-party room occupant of the room tests (slixmpp, test/runner/muc-peer.py), driven
 * through the runner's `muc-peer-*` commands, and the helpers the room suites share.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { RoomError, type Chat, type Room } from '../../src/index.ts';
import { eventually } from './chat-helpers.ts';
import { DOMAIN, type AnyServerName } from './servers.ts';

/** What the occupant reports, one object per thing that happened (see muc-peer.py). */
export interface PeerEvent {
  event: string;
  nick?: string;
  body?: string;
  role?: string;
  type?: string;
  codes?: number[];
  subject?: string;
  room?: string;
  kind?: string;
  from?: string;
  id?: string;
  stanzaId?: string;
  why?: string;
}

export interface PeerOptions {
  /** The occupant's account (its password is `pass-<account>`); `dave` unless given. */
  account?: string;
  /** The room's password, set when the occupant creates the room. */
  roomPassword?: string;
}

const started: string[] = [];

export const peer = {
  /** Starts an occupant that joins `room` (creating it if needed) as `nick`; resolves with its id once in. */
  async start(server: AnyServerName, room: string, nick: string, { account = 'dave', roomPassword }: PeerOptions = {}): Promise<string> {
    const answer = await executeServerCommand<PeerEvent & { id: string }, Record<string, string | undefined>>('muc-peer-start', {
      server,
      jid: `${account}@${DOMAIN}`,
      password: `pass-${account}`,
      room,
      nick,
      roomPassword,
    });
    started.push(answer.id);
    if (answer.event !== 'joined') throw new Error(`the peer could not join ${room}: ${answer.why}`);
    return answer.id;
  },
  say: (id: string, body: string) => executeServerCommand('muc-peer-say', { id, body }),
  /** Any other order muc-peer.py reads (an invitation, a private message). */
  order: (id: string, order: Record<string, string>) => executeServerCommand('muc-peer-order', { id, order }),
  events: async (id: string) => (await executeServerCommand<PeerEvent[], { id: string }>('muc-peer-events', { id })) ?? [],
  /** How many times the occupant heard `body` said in the room. */
  async heard(id: string, body: string): Promise<number> {
    return (await peer.events(id)).filter((e) => e.event === 'message' && e.body === body).length;
  },
  /** The first event matching `match`, waited for. */
  saw: (id: string, match: (e: PeerEvent) => boolean, what: string): Promise<PeerEvent> =>
    eventually(async () => (await peer.events(id)).find(match), what),
  /** Stops every occupant started since the last call. */
  stopAll: () => Promise.all(started.splice(0).map((id) => executeServerCommand('muc-peer-stop', { id }))),
};

export const unique = () => Math.random().toString(36).slice(2, 10);

/** Connects `chat` and joins `jid` as `nick`. */
export async function joined(chat: Chat, jid: string, nick: string): Promise<Room> {
  await chat.connect();
  const room = (await chat.rooms()).room(jid);
  await room.join(nick);
  return room;
}

/** The RoomError `promise` rejects with (failing the test if it does not). */
export async function refusal(promise: Promise<unknown>): Promise<RoomError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(RoomError);
  return error as RoomError;
}
