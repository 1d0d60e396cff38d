/**
 * The chat's rooms (XEP-0045): one object per room JID, the room's stanzas routed to it, and the
 * session's life told to each — a new session rejoins every room we were in, a resumed stream
 * keeps them (the room never saw us go) but checks soon. Bookmarks with autojoin are joined on
 * each sign-in, invitations are told once each. Loaded with the first `chat.rooms()`.
 */
import { pageVisibility, type Visibility } from '../adapters/page-visibility.ts';
import type { TabLocks } from '../adapters/tab-locks.ts';
import type { Client } from '../client.ts';
import { ConfigError } from '../errors.ts';
import { childOf, xml } from '../stanza/element.ts';
import { buildDecline } from '../stanza/invitation.ts';
import { splitOccupant } from '../stanza/muc.ts';
import type { MessageStore } from '../storage/index.ts';
import type { Disco } from './disco.ts';
import type { Messaging } from './messaging.ts';
import { createRoom, type RoomControl } from './room.ts';
import { createBookmarks } from './room-bookmarks.ts';
import { createInvitations } from './room-invitations.ts';
import { RoomError, type RoomBookmark, type Rooms, type RoomsEvents } from './room-types.ts';
import { Emitter } from '../events.ts';

const NS_MAM = 'urn:xmpp:mam:2';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
/** How long to wait before joining again a room that was still locked by its creator. */
const LOCKED_RETRY_MS = 1500;

export interface RoomsDeps {
  client: Client;
  store: MessageStore;
  tabs: TabLocks;
  /** Our bare JID: whose bookmarks, and the nickname a bookmark without one joins under. */
  account: () => string;
  /** Calls `listener` once the initial presence of each new session has gone out: rooms are joined after it. */
  available: (listener: () => void) => unknown;
  /** Whether the current session's initial presence has gone out. */
  isAvailable: () => boolean;
  /** What our server and account offer: XEP-0402 bookmarks kept in step with XEP-0048 (`urn:xmpp:bookmarks:1#compat`). */
  disco: Pick<Disco, 'ready' | 'has'>;
  /** The 1:1 messaging: private messages to occupants go through its outbox. */
  messaging: Pick<Messaging, 'send'>;
  /** Where failures in the background go (the chat's `error` event). */
  report: (error: unknown) => void;
  /** The page's visibility: coming back to the page checks that we are still in our rooms. */
  visibility?: Visibility;
}

export function createRooms(deps: RoomsDeps): Rooms {
  const { client, store, tabs, account, available, isAvailable, report, visibility = pageVisibility() } = deps;
  const rooms = new Map<string, RoomControl>();
  const events = new Emitter<RoomsEvents>();
  const canJoin = () => client.status === 'connected' && isAvailable();
  const each = (fn: (room: RoomControl) => void) => {
    for (const room of rooms.values()) fn(room);
  };
  // A private message carries the MUC user namespace (XEP-0045 §7.5), which keeps it with the occupant, never the room.
  const sendPrivate = (to: string, body: string) => deps.messaging.send(to, body, { payload: [xml('x', { xmlns: NS_MUC_USER })] });
  const bookmarks = createBookmarks({
    client,
    store,
    account,
    native: () => deps.disco.ready.then(() => deps.disco.has('urn:xmpp:bookmarks:1#compat')),
    changed: (list) => events.emit('bookmarks', list),
    report,
  });
  const invitations = createInvitations({ store, report, isIn: (jid) => api.joined().some((r) => r.jid === jid) });

  function room(jid: string): RoomControl {
    const parsed = splitOccupant(jid);
    if (!parsed || parsed.nick !== undefined) throw new ConfigError('bad-room', `“${jid}” is not a room address (name@service).`);
    let found = rooms.get(parsed.room);
    if (!found) {
      const created = createRoom(parsed.room, { client, store, tabs, canJoin, sendPrivate });
      rooms.set(parsed.room, (found = created));
      created.on('state', () => events.emit('rooms', undefined));
      created.on('mention', (message) => events.emit('mention', { room: created.jid, message }));
      events.emit('rooms', undefined);
    }
    return found;
  }

  /** Joins the bookmarks with autojoin that we are not in (a refusal is the room's `error`, and its state says so). */
  function autojoin(list: readonly RoomBookmark[]): void {
    const nick = account().split('@')[0];
    for (const bookmark of list.filter((b) => b.autojoin)) {
      const target = room(bookmark.jid);
      if (target.state !== 'idle' && target.state !== 'failed') continue;
      const options = bookmark.password ? { password: bookmark.password } : {};
      const attempt = (tries: number): Promise<void> =>
        target.join(bookmark.nick ?? nick, options).catch((error: unknown) => {
          // Another of our devices that joins the same new bookmark creates the room, which stays
          // locked until configured (XEP-0045 §10.1.1): for that moment it is "not found".
          if (tries > 0 && error instanceof RoomError && error.condition === 'item-not-found' && target.state === 'failed')
            return new Promise((r) => setTimeout(r, LOCKED_RETRY_MS)).then(() => attempt(tries - 1));
        });
      void attempt(2);
    }
  }
  const signedIn = () => void bookmarks.list().then(autojoin, report);

  client.on('stanza', (stanza) => {
    if (stanza.name !== 'presence' && stanza.name !== 'message') return;
    if (stanza.name === 'message' && childOf(stanza, 'result', NS_MAM)) return; // a room's archive: see room-archive.ts
    if (stanza.name === 'message') {
      if (bookmarks.receive(stanza, autojoin)) return;
      if (invitations.receive(stanza, (invitation) => events.emit('invitation', invitation))) return;
    }
    const target = splitOccupant(stanza.attrs.from)?.room;
    if (target) rooms.get(target)?.receive(stanza);
  });
  client.on('online', (info) => each((r) => (info.resumed ? r.checkSoon() : r.sessionLost())));
  client.on('status', ({ status }) => {
    if (status === 'disconnected') each((r) => r.sessionLost());
  });
  available(() => {
    each((r) => r.sessionStarted());
    signedIn();
  });
  visibility.onChange((hidden) => {
    if (!hidden) each((r) => r.checkSoon());
  });
  // Loaded during a session: its sign-in has already happened.
  if (canJoin()) signedIn();

  const api: Rooms = {
    room,
    isRoom: (jid) => rooms.has(jid) || bookmarks.known.some((b) => b.jid === jid),
    bookmarks: () => bookmarks.list(),
    saveBookmark: (bookmark) => bookmarks.save(bookmark),
    removeBookmark: (jid) => bookmarks.remove(jid),
    decline(invitation, reason) {
      if (client.status !== 'connected')
        return Promise.reject(new RoomError('offline', 'You are offline: the invitation could not be declined.'));
      client.send(buildDecline(invitation.room, invitation.from, reason));
      return Promise.resolve();
    },
    on: (type, listener) => events.on(type, listener),
    joined: () => [...rooms.values()].filter((r) => r.state === 'joined' || r.state === 'joining' || r.state === 'rejoining'),
  };
  return api;
}
