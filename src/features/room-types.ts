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
  /** The room's disco#info was read (after each join) or its configuration changed (status 104). */
  info: RoomInfo;
  /** A message of someone else's that names our nickname arrived live (not from the archive). */
  mention: StoredMessage;
}

export interface JoinOptions {
  /** The room's password, for password-protected rooms. */
  password?: string;
}

/** What the room says of itself (disco#info), once joined; features missing on a server are false. */
export interface RoomInfo {
  /** The room's name (muc#roomconfig_roomname), if set. */
  name?: string;
  /** The room offers message moderation (XEP-0425, urn:xmpp:message-moderate:0 or :1). */
  moderation: boolean;
  /** The room gives occupant ids (XEP-0421). */
  occupantId: boolean;
  membersOnly: boolean;
  passwordProtected: boolean;
  /** Everyone sees real JIDs (muc_nonanonymous). */
  nonAnonymous: boolean;
  persistent: boolean;
  public: boolean;
}

/** An owner's settings for a room (muc#roomconfig); omitted fields keep the room's value. */
export interface RoomConfig {
  name?: string;
  persistent?: boolean;
  membersOnly?: boolean;
  /** Listed in the service's room directory. */
  public?: boolean;
  /** An empty string removes the password. */
  password?: string;
}

/** A room kept in the account's bookmarks (XEP-0402; XEP-0048 private storage on servers without it). */
export interface RoomBookmark {
  /** The room's bare JID. */
  jid: string;
  name?: string;
  nick?: string;
  password?: string;
  /** Joined on every sign-in. */
  autojoin: boolean;
}

/** An invitation to a room: direct (XEP-0249) or mediated by the room (XEP-0045 §7.8.2). */
export interface RoomInvitation {
  room: string;
  /** Who invites (bare JID). */
  from: string;
  reason?: string;
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

  // --- Full mode. Each rejects with a RoomError (condition from the room, e.g. `forbidden`,
  // `not-allowed`, `feature-not-implemented`) when the room refuses; nothing changes locally then.
  /** What the room said of itself at the last join; undefined before. */
  readonly info: RoomInfo | undefined;
  /** Our own occupant entry while joined. */
  readonly self: Occupant | undefined;
  /** Changes the subject (moderators, or anyone where the room allows it). The subject is kept with the room's messages, so a reload shows it before joining. */
  setSubject(subject: string): Promise<void>;
  /** Invites someone: XEP-0249 direct invitation, plus a mediated one for members-only rooms (which also makes them a member where we may). */
  invite(jid: string, reason?: string): Promise<void>;
  /** Moderators: removes an occupant for now. */
  kick(nick: string, reason?: string): Promise<void>;
  /** Admins/owners: bans a bare JID (affiliation outcast). */
  ban(jid: string, reason?: string): Promise<void>;
  /** Moderators: gives (`participant`) or takes (`visitor`) voice, or makes a moderator. */
  setRole(nick: string, role: Exclude<RoomRole, 'none'>, reason?: string): Promise<void>;
  /** Admins/owners: sets a bare JID's affiliation (`none` removes it). */
  setAffiliation(jid: string, affiliation: RoomAffiliation, reason?: string): Promise<void>;
  /** Moderators, where `info.moderation`: retracts anyone's message for everyone (XEP-0425); the stored message becomes retracted, by whom said in `moderatedBy`. */
  moderate(message: StoredMessage, reason?: string): Promise<void>;
  /** Owners: changes the room's configuration. */
  configure(config: RoomConfig): Promise<void>;
  /** A private message to an occupant; kept as the conversation with `room/nick` (the peer is that full JID), never in the room's history. */
  sendPrivate(nick: string, body: string): Promise<StoredMessage>;
}

export interface RoomsEvents extends Record<string, unknown> {
  /** The bookmarks changed: loaded, changed here or on another device (PEP notification). */
  bookmarks: RoomBookmark[];
  /** Someone invites us (each invitation once; invitations from the archive are not repeated). */
  invitation: RoomInvitation;
  /** A room was opened, joined, left or changed state: read `joined()` again. */
  rooms: undefined;
  /** A live message in one of our rooms names our nickname (see `Room` event `mention`). */
  mention: { room: string; message: StoredMessage };
}

/** The rooms of a chat: opened by JID, kept joined across reconnections. */
export interface Rooms {
  /** The room with this JID (the same object for the same JID); nothing is sent until `join`. */
  room(jid: string): Room;
  /** Rooms we are in or joining. */
  joined(): Room[];
  /** Whether a JID is one of our rooms' (a room we opened or bookmarked): the UI tells rooms from people in the conversation list. */
  isRoom(jid: string): boolean;
  /** The account's room bookmarks, read once per session (kept until then from the last session). */
  bookmarks(): Promise<RoomBookmark[]>;
  /** Adds or replaces a bookmark (by JID). Bookmarks with `autojoin` are joined on every sign-in, under their nick. */
  saveBookmark(bookmark: RoomBookmark): Promise<void>;
  removeBookmark(jid: string): Promise<void>;
  /** Declines an invitation (tells the inviter through the room, XEP-0045 §7.8.2). Accepting is `room(inv.room).join(nick, { password })`. */
  decline(invitation: RoomInvitation, reason?: string): Promise<void>;
  on<K extends keyof RoomsEvents>(type: K, listener: (detail: RoomsEvents[K]) => void): () => void;
}
