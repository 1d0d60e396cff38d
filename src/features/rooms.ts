/**
 * The chat's rooms (XEP-0045): one object per room JID, the room's stanzas routed to it, and the
 * session's life told to each — a new session rejoins every room we were in, a resumed stream
 * keeps them (the room never saw us go) but checks soon. Loaded with the first `chat.rooms()`.
 */
import { pageVisibility, type Visibility } from '../adapters/page-visibility.ts';
import type { TabLocks } from '../adapters/tab-locks.ts';
import type { Client } from '../client.ts';
import { ConfigError } from '../errors.ts';
import { childOf } from '../stanza/element.ts';
import { splitOccupant } from '../stanza/muc.ts';
import type { MessageStore } from '../storage/index.ts';
import { createRoom, type RoomControl } from './room.ts';
import { RoomError, type Rooms, type RoomsEvents } from './room-types.ts';
import { Emitter } from '../events.ts';

const NS_MAM = 'urn:xmpp:mam:2';

export interface RoomsDeps {
  client: Client;
  store: MessageStore;
  tabs: TabLocks;
  /** Calls `listener` once the initial presence of each new session has gone out: rooms are joined after it. */
  available: (listener: () => void) => unknown;
  /** Whether the current session's initial presence has gone out. */
  isAvailable: () => boolean;
  /** The page's visibility: coming back to the page checks that we are still in our rooms. */
  visibility?: Visibility;
}

const notYet = () => Promise.reject(new RoomError('feature-not-implemented', 'This is not available yet.'));

export function createRooms({ client, store, tabs, available, isAvailable, visibility = pageVisibility() }: RoomsDeps): Rooms {
  const rooms = new Map<string, RoomControl>();
  const events = new Emitter<RoomsEvents>();
  const canJoin = () => client.status === 'connected' && isAvailable();
  const each = (fn: (room: RoomControl) => void) => {
    for (const room of rooms.values()) fn(room);
  };

  client.on('stanza', (stanza) => {
    if (stanza.name !== 'presence' && stanza.name !== 'message') return;
    if (stanza.name === 'message' && childOf(stanza, 'result', NS_MAM)) return; // a room's archive: see room-archive.ts
    const room = splitOccupant(stanza.attrs.from)?.room;
    if (room) rooms.get(room)?.receive(stanza);
  });
  client.on('online', (info) => each((room) => (info.resumed ? room.checkSoon() : room.sessionLost())));
  client.on('status', ({ status }) => {
    if (status === 'disconnected') each((room) => room.sessionLost());
  });
  available(() => each((room) => room.sessionStarted()));
  visibility.onChange((hidden) => {
    if (!hidden) each((room) => room.checkSoon());
  });

  return {
    room(jid) {
      const parsed = splitOccupant(jid);
      if (!parsed || parsed.nick !== undefined) throw new ConfigError('bad-room', `“${jid}” is not a room address (name@service).`);
      let room = rooms.get(parsed.room);
      if (!room) rooms.set(parsed.room, (room = createRoom(parsed.room, { client, store, tabs, canJoin })));
      return room;
    },
    isRoom: (room) => rooms.has(room),
    bookmarks: () => Promise.resolve([]),
    saveBookmark: notYet,
    removeBookmark: notYet,
    decline: notYet,
    on: (type, listener) => events.on(type, listener),
    joined: () => [...rooms.values()].filter((room) => room.state === 'joined' || room.state === 'joining' || room.state === 'rejoining'),
  };
}
