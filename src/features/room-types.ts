/**
 * Group chat (XEP-0045): what a room looks like to the widget. The room code itself
 * (features/rooms.ts) loads only when a room is opened; components use these types through
 * src/index.ts.
 */
import { XmppChatError } from '../errors.ts';
import type { Page, StorageChange, StoredMessage } from '../storage/index.ts';

export type RoomRole = 'moderator' | 'participant' | 'visitor' | 'none';
export type RoomAffiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

/** Someone in the room, by the nickname the room knows them by. */
export interface Occupant {
  nick: string;
  role: RoomRole;
  affiliation: RoomAffiliation;
  /** Their real bare JID, where the room shows it (non-anonymous rooms, or to moderators). */
  jid?: string;
  /** XEP-0421 occupant id, where the room offers it: the same person across nickname changes. */
  occupantId?: string;
  /** Presence show (away, dnd…); undefined when simply available. */
  show?: string;
  /** This occupant is us. */
  self: boolean;
}

/**
 * - `idle`: not joined (yet, or after `leave()`);
 * - `joining`: the join presence is out;
 * - `joined`: in the room; history is being or has been caught up;
 * - `rejoining`: the session was lost or the room dropped us (self-ping); joining again on its own;
 * - `failed`: the room refused us; `error` says why and what to do.
 */
export type RoomState = 'idle' | 'joining' | 'joined' | 'rejoining' | 'failed';

/**
 * Why a room refused us (the XMPP error condition) and, in words, what to do:
 * `conflict` (nickname taken), `registration-required` (members only), `forbidden` (banned),
 * `not-authorized` (password), `item-not-found` (no such room, and we may not create it),
 * `service-unavailable` (room full), `not-allowed` (creating rooms not allowed), `jid-malformed`
 * (no or bad nickname), `kicked`, `banned`, `destroyed`, `timeout` (no answer).
 */
export class RoomError extends XmppChatError {
  override readonly name = 'RoomError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RoomEvents extends Record<string, unknown> {
  state: RoomState;
  /** Occupants joined, left or changed; read `room.occupants` for the whole list. */
  occupants: undefined;
  subject: string | undefined;
  /** Messages of this room were added or changed (peer = the room's JID). */
  messages: StorageChange;
  /** A refusal (state `failed`), a kick or ban, or something the user should hear about. */
  error: RoomError | Error;
}

export interface JoinOptions {
  /** The room's password, for password-protected rooms. */
  password?: string;
}

/** One room. Its messages are stored like a conversation's, with `peer` = the room's bare JID and `nick` = the sender. */
export interface Room {
  /** The room's bare JID, e.g. lobby@conference.example.org. */
  readonly jid: string;
  /** Our nickname in the room (the one the room gave us, once joined). */
  readonly nick: string | undefined;
  readonly state: RoomState;
  /** The last refusal or removal, while `state` is `failed`. */
  readonly error: RoomError | undefined;
  readonly subject: string | undefined;
  /** Everyone in the room by nickname, us included. */
  readonly occupants: ReadonlyMap<string, Occupant>;
  /** Joins (or rejoins after a refusal, e.g. under another nickname). Resolves once in the room; rejects with a RoomError. */
  join(nick: string, options?: JoinOptions): Promise<void>;
  /** Leaves the room; it is not rejoined after reconnections. */
  leave(): Promise<void>;
  /** Sends a message to the room; it is stored at once (pending) and sent exactly once, also across lost sessions. */
  send(body: string): Promise<StoredMessage>;
  newestPage(limit?: number): Promise<Page>;
  olderPage(cursor: string, limit?: number): Promise<Page>;
  on<K extends keyof RoomEvents>(type: K, listener: (detail: RoomEvents[K]) => void): () => void;
}

/** The rooms of a chat: opened by JID, kept joined across reconnections. */
export interface Rooms {
  /** The room with this JID (the same object for the same JID); nothing is sent until `join`. */
  room(jid: string): Room;
  /** Rooms we are in or joining. */
  joined(): Room[];
}
