/**
 * One room (XEP-0045): joining under a nickname, the occupants, messages through the chat's store
 * and an outbox of the room's own, the room's archive, and staying in it — rejoined after a lost
 * session, and checked with self-pings (XEP-0410) while the session lasts. Joining itself is
 * room-join.ts; rooms.ts routes the room's stanzas here.
 */
import type { TabLocks } from '../adapters/tab-locks.ts';
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import type { XmlElement } from '../stanza/element.ts';
import { newStanzaId } from '../stanza/message.ts';
import { noticeCodes } from '../stanza/muc-admin.ts';
import { buildLeave, buildRoomMessage, parseOccupantPresence, parseRoomError, parseRoomMessage, removalOf } from '../stanza/muc.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import { createOutbox } from './outbox.ts';
import { createRoomAdmin } from './room-admin.ts';
import { createRoomArchive, roomPages } from './room-archive.ts';
import { roomError } from './room-errors.ts';
import { createRoomInfo, createRoomSubject } from './room-info.ts';
import { createRoomIntake } from './room-intake.ts';
import { createRoomJoin } from './room-join.ts';
import { createOccupantList } from './room-occupants.ts';
import { createSelfPing } from './room-ping.ts';
import type { RoomError, Room, RoomEvents, RoomState } from './room-types.ts';

export interface RoomDeps {
  client: Client;
  store: MessageStore;
  /** This page among the site's tabs: whose pending messages are whose (see outbox.ts). */
  tabs: TabLocks;
  /** A session is up and our initial presence has gone out: a join may be sent. */
  canJoin: () => boolean;
  /** Sends a private message (type chat) to an occupant's address, kept as the conversation with it. */
  sendPrivate: (to: string, body: string) => Promise<StoredMessage>;
}

/** A room as rooms.ts drives it. */
export interface RoomControl extends Room {
  /** A presence or message from the room. */
  receive(stanza: XmlElement): void;
  /** A new session may join rooms: we join again if we were in. */
  sessionStarted(): void;
  /** The session is gone (a new one began, or we are offline): we are no longer in the room. */
  sessionLost(): void;
  /** Checks soon that we are still in (the stream resumed, the page became visible). */
  checkSoon(): void;
}

export function createRoom(jid: string, { client, store, tabs, canJoin, sendPrivate }: RoomDeps): RoomControl {
  const events = new Emitter<RoomEvents>();
  const report = (failure: unknown) => events.emit('error', failure as Error);
  let state: RoomState = 'idle';
  let error: RoomError | undefined;
  const subject = createRoomSubject(store, jid, (next) => events.emit('subject', next), report);
  const occupants = createOccupantList(() => events.emit('occupants', undefined));
  const setState = (next: RoomState, failure?: RoomError) => {
    error = failure;
    if (next !== 'joined') ping.stop();
    occupants.flush();
    if (next === state) return;
    state = next;
    events.emit('state', next);
    if (failure) events.emit('error', failure);
  };
  store.on('change', (change) => {
    if (change.peer === jid) events.emit('messages', change);
  });

  // Live messages wait while the archive is caught up, so each meets its archived copy after it.
  let gate: Promise<unknown> = Promise.resolve();
  const take = createRoomIntake({
    store,
    room: jid,
    nick: () => join.nick,
    occupantId: () => join.occupantId,
    mentioned: (message) => events.emit('mention', message),
  });
  const archive = createRoomArchive({ client, store, room: jid, take });
  const pages = roomPages({ client, store, room: jid, archive, report });

  const joinedListeners = new Set<() => void>();
  const outbox = createOutbox({
    client,
    store,
    tabs,
    meta: `room-outbox:${jid}`,
    build: (message) => buildRoomMessage(jid, message.body, message.key),
    buildCorrection: (_peer, _key, correction) => buildRoomMessage(jid, correction.body, correction.id),
    acked: async (_peer, key) => {
      const message = await store.get(jid, key);
      if (message?.state === 'pending') await store.update(jid, key, { state: 'sent' });
    },
    archived: (_peer, ids, since) => archive.find(ids, since),
    available: (listener) => joinedListeners.add(listener),
    ready: () => state === 'joined',
    onError: report,
  });

  const join = createRoomJoin({
    client,
    store,
    room: jid,
    occupants,
    state: () => state,
    setState,
    canJoin,
    report,
    joined: (usesArchive) => {
      ping.start();
      void info.read().catch(report);
      if (usesArchive) {
        const caughtUp = archive.catchUp();
        gate = Promise.all([gate, caughtUp.catch(report)]);
      }
      for (const listener of joinedListeners) listener();
    },
  });
  const info = createRoomInfo(client, jid, (read) => events.emit('info', read));
  // Subject, invitations, roles, affiliations, moderation, configuration and private messages.
  const { receive: answered, ...actions } = createRoomAdmin({ client, store, room: jid, features: () => info.features, join, sendPrivate });
  const ping = createSelfPing({ client, room: jid, nick: () => join.nick, lost: () => join.again() });

  function receivePresence(stanza: XmlElement): void {
    const refusal = parseRoomError(stanza);
    if (refusal) return join.refused(roomError(refusal.condition, refusal.text));
    const presence = parseOccupantPresence(stanza);
    if (!presence) return;
    const self = presence.codes.includes(110) || (presence.nick === join.nick && state === 'joined');
    occupants.apply(presence, self);
    if (!self) return;
    if (presence.type === 'available') return join.selfPresence(presence);
    if (presence.codes.includes(303) && presence.newNick) return join.renamed(presence.newNick);
    const removal = removalOf(presence);
    if (removal === 'shutdown' || (!removal && join.wanted)) return join.again();
    if (removal) join.removed(roomError(removal, presence.destroyed?.reason ?? presence.reason));
  }

  return {
    jid,
    get nick() {
      return join.nick;
    },
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    get subject() {
      return subject.current;
    },
    occupants: occupants.all,
    join: (nick, options) => join.join(nick, options),
    leave() {
      const nick = join.nick;
      const wasIn = state !== 'idle' && state !== 'failed';
      join.cancel();
      occupants.clear();
      setState('idle');
      if (wasIn && nick && client.status === 'connected') client.send(buildLeave(jid, nick));
      return Promise.resolve();
    },
    async send(body) {
      const key = newStanzaId();
      const message: StoredMessage = { key, peer: jid, direction: 'out', body, time: Date.now(), state: 'pending', ids: [key] };
      if (join.nick) message.nick = join.nick;
      await outbox.put(message);
      return message;
    },
    ...pages,
    on: (type, listener) => events.on(type, listener),
    receive(stanza) {
      if (stanza.name === 'presence') return receivePresence(stanza);
      const message = parseRoomMessage(stanza, jid);
      answered(stanza, message?.subject !== undefined);
      if (message?.subject !== undefined) subject.heard(message.subject);
      else if (noticeCodes(stanza).includes(104)) void info.read().catch(report);
      else if (stanza.attrs.type === 'groupchat') void gate.then(() => take(stanza)).catch(report);
    },
    sessionStarted: () => join.attempt(),
    sessionLost() {
      if (join.wanted) join.again(false);
      else if (state !== 'failed') setState('idle');
    },
    checkSoon: () => ping.soon(),
    get info() {
      return info.info;
    },
    get self() {
      return state === 'joined' ? occupants.all.get(join.nick ?? '') : undefined;
    },
    ...actions,
  };
}
