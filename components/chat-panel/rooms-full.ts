/**
 * Full mode's rooms, loaded as their own chunk when the account has rooms or the agent opens the
 * rooms UI: the bookmarks, the invitations waiting, which rooms have an unread mention, the open
 * room or the join form, and what the room list, the join form and the room view ask for.
 */
import { RoomError, type RoomBookmark, type RoomInvitation, type Rooms } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { loadValue, saveValue } from '../controllers/local-values.ts';
import type { XmppChatEvents } from '../events.ts';
import { roomRows, type RoomRow } from '../room-list/room-rows.ts';
import type { ChatPanel } from './chat-panel.ts';
import { markHasRooms } from './rooms-entry.ts';

/** The join form while shown: busy joining, or the last refusal. */
export interface JoinState {
  busy: boolean;
  room?: string;
  error?: { condition: string; message: string };
}

export class FullRooms {
  bookmarks: RoomBookmark[] = [];
  invitations: RoomInvitation[] = [];
  /** Rooms with an unread message that names us. */
  readonly mentions = new Set<string>();
  /** The room shown in place of a conversation. */
  open?: string;
  /** The join form, while shown (in place of a conversation). */
  joining?: JoinState;
  /** Rooms opened in this session, also those that refused us. */
  readonly #opened = new Set<string>();
  readonly #off: Array<() => void>;

  constructor(
    readonly panel: ChatPanel,
    readonly session: ChatSession,
    readonly rooms: Rooms,
  ) {
    const update = () => panel.requestUpdate();
    this.#off = [
      rooms.on('bookmarks', (bookmarks) => this.#bookmarked(bookmarks)),
      rooms.on('invitation', (invitation) => {
        this.invitations = [...this.invitations.filter((i) => i.room !== invitation.room), invitation];
        update();
      }),
      rooms.on('rooms', update),
      session.chat.on('messages', ({ peer, added }) => {
        if (!this.isRoom(peer) || !added.some((m) => m.mentionsMe && m.direction === 'in' && m.state !== 'read')) return;
        this.mentions.add(peer);
        update();
      }),
    ];
    rooms.bookmarks().then((bookmarks) => this.#bookmarked(bookmarks), this.fail);
    this.#findMentions().catch(this.fail);
  }

  close(): void {
    for (const off of this.#off.splice(0)) off();
  }

  readonly fail = (error: Error): void => this.session.fail(error);

  isRoom(jid: string): boolean {
    return this.rooms.isRoom(jid) || this.bookmarks.some((b) => b.jid === jid);
  }

  rows(): RoomRow[] {
    const rooms = [...new Set([...this.#opened, ...this.rooms.joined().map((r) => r.jid)])].map((jid) => this.rooms.room(jid));
    const { bookmarks, mentions, session } = this;
    return roomRows({ bookmarks, rooms, conversations: session.conversations, mentions, lang: this.panel.lang });
  }

  bookmarkOf(jid: string): RoomBookmark | undefined {
    return this.bookmarks.find((b) => b.jid === jid);
  }

  /** The nickname to join under: the bookmark's, the one used last, or the account's name. */
  nickFor(jid?: string): string {
    const account = (this.session.chat.client.jid ?? this.session.config.jid ?? '').split('@')[0];
    return (jid && this.bookmarkOf(jid)?.nick) || loadValue(this.#nickKey) || account;
  }

  /** Shows a room in place of the conversation; the room view joins it if need be. */
  show(jid: string | undefined): void {
    this.open = jid;
    this.joining = undefined;
    if (jid) {
      this.#opened.add(jid);
      this.panel.view = 'conversation';
    }
    this.panel.requestUpdate();
  }

  showJoinForm(): void {
    this.open = undefined;
    this.joining = { busy: false };
    this.panel.view = 'conversation';
    this.panel.requestUpdate();
  }

  async join({ room: jid, nick, password, bookmark, autojoin }: XmppChatEvents['xmpp-chat-join-room']): Promise<void> {
    saveValue(this.#nickKey, nick);
    const room = this.rooms.room(jid);
    this.#opened.add(jid);
    this.joining = { busy: true, room: jid };
    this.panel.requestUpdate();
    try {
      if (room.state !== 'joined' || room.nick !== nick) await room.join(nick, password === undefined ? undefined : { password });
    } catch (error) {
      if (!(error instanceof RoomError)) throw error;
      this.joining = { busy: false, room: jid, error: { condition: error.condition, message: error.message } };
      return this.panel.requestUpdate();
    }
    markHasRooms(this.session);
    if (bookmark) await this.rooms.saveBookmark({ jid, nick, autojoin, ...(password ? { password } : {}) }).catch(this.fail);
    this.show(jid);
  }

  /** Keeps the room in the bookmarks (under the nickname we have there), or forgets it. */
  async setBookmarked(jid: string, bookmarked: boolean): Promise<void> {
    const kept = this.bookmarkOf(jid);
    if (bookmarked) {
      const bookmark = { jid, autojoin: kept?.autojoin ?? false, nick: this.rooms.room(jid).nick ?? this.nickFor(jid), name: kept?.name };
      await this.rooms.saveBookmark(bookmark);
      this.#bookmarked([...this.bookmarks.filter((b) => b.jid !== jid), bookmark]);
      markHasRooms(this.session);
    } else {
      await this.rooms.removeBookmark(jid);
      this.#bookmarked(this.bookmarks.filter((b) => b.jid !== jid));
    }
  }

  /** Leaves the room; a bookmark that joins on sign-in no longer does. */
  async leave(jid: string): Promise<void> {
    await this.rooms.room(jid).leave();
    this.#opened.delete(jid);
    if (this.open === jid) this.show(undefined);
    const kept = this.bookmarkOf(jid);
    if (!kept?.autojoin) return;
    const bookmark = { ...kept, autojoin: false };
    await this.rooms.saveBookmark(bookmark);
    this.#bookmarked([...this.bookmarks.filter((b) => b.jid !== jid), bookmark]);
  }

  /** Accepting joins under the nickname used last (and the password the invitation gave); declining tells the inviter. */
  answer(invitation: RoomInvitation, accept: boolean): void {
    this.invitations = this.invitations.filter((i) => i !== invitation);
    if (!accept) return void this.rooms.decline(invitation).catch(this.fail);
    const room = this.rooms.room(invitation.room);
    const nick = this.nickFor(invitation.room);
    markHasRooms(this.session);
    // A refusal shows in the room view, with its way forward (another nickname, the password).
    room.join(nick, invitation.password ? { password: invitation.password } : undefined).catch((error: Error) => {
      if (!(error instanceof RoomError)) this.fail(error);
    });
    this.show(invitation.room);
  }

  /** The room's messages were seen: they no longer count as unread, nor does its mention. */
  seen(jid: string): void {
    if (!this.panel.active) return;
    this.mentions.delete(jid);
    this.session.chat.store.markRead(jid).catch(this.fail);
  }

  get #nickKey(): string {
    return `xmpp-chat:room-nick:${(this.session.chat.client.jid ?? this.session.config.jid ?? '').split('/')[0]}`;
  }

  #bookmarked(bookmarks: RoomBookmark[]): void {
    this.bookmarks = bookmarks;
    if (bookmarks.length) markHasRooms(this.session);
    this.panel.requestUpdate();
    this.#findMentions().catch(this.fail);
  }

  /** After a reload: the rooms whose unread messages include one that names us. */
  async #findMentions(): Promise<void> {
    for (const summary of this.session.conversations) {
      if (summary.unread === 0 || this.mentions.has(summary.peer) || !this.isRoom(summary.peer)) continue;
      const page = await this.rooms.room(summary.peer).newestPage(Math.min(summary.unread, 50));
      if (page.messages.some((m) => m.mentionsMe && m.direction === 'in' && m.state !== 'read')) this.mentions.add(summary.peer);
    }
    this.panel.requestUpdate();
  }
}
