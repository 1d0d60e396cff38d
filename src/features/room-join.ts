/**
 * Joining a room (XEP-0045 §7.2) and staying joined: the join presence once a session may send
 * it, our own presence (status 110) that says we are in, creating the room when it did not exist
 * (status 201: an instant room, §10.1.2), refusals in words, and joining again after a lost session.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { buildDiscoInfoGet, parseDiscoFeatures } from '../stanza/disco.ts';
import { buildInstantRoom, buildJoin, type OccupantPresence } from '../stanza/muc.ts';
import type { MessageStore } from '../storage/index.ts';
import { roomError } from './room-errors.ts';
import type { OccupantList } from './room-occupants.ts';
import type { JoinOptions, RoomError, RoomState } from './room-types.ts';

const NS_MAM = 'urn:xmpp:mam:2';
/** How long a room may take to let us in before we say it did not answer. */
const JOIN_TIMEOUT_MS = 20_000;

export interface RoomJoinDeps {
  client: Client;
  store: MessageStore;
  room: string;
  occupants: OccupantList;
  state: () => RoomState;
  setState: (state: RoomState, failure?: RoomError) => void;
  canJoin: () => boolean;
  /** We are in; `usesArchive` when the room's history comes from its archive. */
  joined: (usesArchive: boolean) => void;
  report: (error: unknown) => void;
}

export interface RoomJoin {
  /** Our nickname in the room (as the room gave it, once in). */
  readonly nick: string | undefined;
  readonly occupantId: string | undefined;
  /** The room's password we join with, if any (an invitation passes it on). */
  readonly password: string | undefined;
  /** We mean to be in the room (joined, joining, or to rejoin). */
  readonly wanted: boolean;
  join(nick: string, options?: JoinOptions): Promise<void>;
  /** Sends the join if we mean to be in and a session may. */
  attempt(): void;
  /** We are no longer in, but mean to be: join again (at once, unless `now` is false). */
  again(now?: boolean): void;
  selfPresence(presence: OccupantPresence): void;
  renamed(nick: string): void;
  refused(error: RoomError): void;
  removed(error: RoomError): void;
  /** We leave: nothing more is attempted, and a join under way is given up. */
  cancel(): void;
}

export function createRoomJoin(deps: RoomJoinDeps): RoomJoin {
  const { client, store, room, occupants, state, setState } = deps;
  let wanted: { nick: string; password?: string } | undefined;
  let nick: string | undefined;
  let occupantId: string | undefined;
  let waiting: { resolve: () => void; reject: (error: RoomError) => void }[] = [];
  let attemptNo = 0;
  let sending = false;
  let usesArchive = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settle = (failure?: RoomError) => {
    clearTimeout(timer);
    sending = false;
    const all = waiting;
    waiting = [];
    for (const w of all)
      if (failure) w.reject(failure);
      else w.resolve();
  };
  const fail = (failure: RoomError, keepWanted = false) => {
    if (!keepWanted) wanted = undefined;
    attemptNo += 1;
    occupants.clear();
    setState('failed', failure);
    settle(failure);
  };

  /** Whether the room keeps an archive (XEP-0313); a room that does not exist yet has no history to replay. */
  async function hasArchive(): Promise<boolean> {
    try {
      return parseDiscoFeatures(await client.iq(buildDiscoInfoGet(room)))?.includes(NS_MAM) ?? false;
    } catch (error) {
      return error instanceof StanzaError && error.condition === 'item-not-found';
    }
  }

  async function send(attempt: number): Promise<void> {
    const archived = await hasArchive();
    if (attempt !== attemptNo || !wanted) return;
    usesArchive = archived;
    // Without an archive, the room replays what we missed: since the newest message we hold.
    const newest = archived ? undefined : (await store.newestPage(room, 1)).messages[0];
    const history = archived ? { maxstanzas: 0 } : newest ? { since: new Date(newest.time).toISOString() } : undefined;
    client.send(buildJoin({ room, nick: wanted.nick, password: wanted.password, history }));
    timer = setTimeout(() => {
      if (attempt !== attemptNo) return;
      // Someone waits on join(): they hear of it. A rejoin of our own goes on trying.
      if (waiting.length) return fail(roomError('timeout'), true);
      attemptNo += 1;
      sending = false;
      join.attempt();
    }, JOIN_TIMEOUT_MS);
  }

  async function enter(presence: OccupantPresence): Promise<void> {
    // A room we created stays locked until its owner configures it: we take the defaults.
    if (presence.codes.includes(201)) await client.iq(buildInstantRoom(room)).catch(deps.report);
    setState('joined');
    settle();
    deps.joined(usesArchive);
  }

  const join: RoomJoin = {
    get nick() {
      return nick;
    },
    get occupantId() {
      return occupantId;
    },
    get password() {
      return wanted?.password;
    },
    get wanted() {
      return wanted !== undefined;
    },
    join(name, options = {}) {
      const trimmed = name.trim();
      if (!trimmed) return Promise.reject(roomError('jid-malformed'));
      if (wanted?.nick === trimmed && state() === 'joined') return Promise.resolve();
      wanted = { nick: trimmed, ...(options.password !== undefined ? { password: options.password } : {}) };
      if (state() !== 'rejoining') setState('joining');
      const done = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      sending = false;
      attemptNo += 1;
      join.attempt();
      return done;
    },
    attempt() {
      if (!wanted || sending || !deps.canJoin()) return;
      sending = true;
      void send(attemptNo).catch((error: unknown) => {
        sending = false;
        deps.report(error);
      });
    },
    again(now = true) {
      attemptNo += 1;
      clearTimeout(timer);
      sending = false;
      occupants.clear();
      setState('rejoining');
      if (now) join.attempt();
    },
    selfPresence(presence) {
      occupantId = presence.occupantId;
      nick = presence.nick; // the room may have changed it (status 210)
      if (!sending || state() === 'joined') return;
      clearTimeout(timer);
      void enter(presence);
    },
    renamed(name) {
      nick = name;
      if (wanted) wanted.nick = name;
    },
    refused(error) {
      if (sending) fail(error);
      else deps.report(error);
    },
    removed: (error) => fail(error),
    cancel() {
      wanted = undefined;
      attemptNo += 1;
      settle(roomError('left'));
    },
  };
  return join;
}
