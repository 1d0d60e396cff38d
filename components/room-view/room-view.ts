import { LitElement, html, type PropertyValues } from 'lit';
import type { Room } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-room.ts';
import { PARTS, exportparts } from '../parts.ts';
import '../composer/composer.ts';
import { joinForm, roomNotice } from './join-form.ts';
import { roomBody, roomHeader } from './room-layout.ts';
import type { RoomManage } from './room-manage.ts';
import { RoomJoin } from './room-join.ts';
import { RoomMessages } from './room-messages.ts';
import { roomViewStyles } from './room-view.styles.ts';

/** Occupant changes coalesce into one render per this many ms: a flood of presence does not freeze the page. */
const OCCUPANTS_SPACING_MS = 100;

/**
 * One group chat room: its name and subject, its messages with each sender's nickname, who is
 * there, and the composer. It joins once `online` under `nick`, or under the nickname the visitor
 * gives once (remembered for the site); a refusal is said in words with a way forward.
 *
 * @summary A room (XEP-0045): messages, occupants and the composer, with the join in words.
 * @csspart room-header - The room's name, its subject and the button that shows who is there.
 * @csspart room-name - The room's name.
 * @csspart room-subject - The room's subject.
 * @csspart occupants-button - Shows and hides who is in the room, with how many they are.
 * @csspart occupant-list - The list of who is in the room.
 * @csspart occupant - One person in the room.
 * @csspart occupant-role - Their standing in words (Owner, Admin, Moderator, Member, Can only read).
 * @csspart room-notice - Joining, or quietly joining again after a lost connection.
 * @csspart room-error - Why we are not in the room, and what to do.
 * @csspart join-form - Asks for a nickname, or for the room's password.
 * @csspart nick-input - The nickname field.
 * @csspart room-password-input - The room password field.
 * @csspart join-button - Joins with what the form holds, or tries again.
 * @csspart mention - A message that names us, highlighted.
 * @csspart subject-edit-button - With `manage`, for moderators: changes the subject.
 * @csspart subject-input - The subject being changed.
 * @csspart room-tools - With `manage`: invite, bookmark, the owner's settings, leave.
 * @csspart invite-button - Opens the invitation form.
 * @csspart invite-input - The address to invite.
 * @csspart bookmark-button - Keeps the room in the bookmarks, or forgets it (pressed while kept).
 * @csspart leave-button - Leaves the room.
 * @csspart room-settings-button - Owners: opens the room's settings.
 * @csspart room-settings - The owner's settings form: name, persistent, members only, public, password.
 * @csspart occupant-menu-button - With `manage`: the button by each person for what we may do with them.
 * @csspart occupant-menu - What we may do with one person: private message, kick, voice, moderator, ban.
 * @csspart room-action-error - Why the room refused what we asked, in words.
 * @fires xmpp-chat-error - The room's messages could not be read or sent; detail `{ code, message }`.
 * @fires xmpp-chat-seen - The newest message is on screen (the room may be marked read).
 * @fires xmpp-chat-private-message - With `manage`: open the private conversation with `{ room, nick }`.
 * @fires xmpp-chat-room-bookmark - With `manage`: keep the room in the bookmarks or forget it: `{ room, bookmarked }`.
 * @fires xmpp-chat-room-leave - With `manage`: leave the room: `{ room }`.
 */
export class XmppChatRoomView extends LitElement {
  static override styles = roomViewStyles;
  static override properties = {
    room: { attribute: false },
    lang: {},
    nick: {},
    heading: {},
    online: { type: Boolean },
    manage: { type: Boolean },
    bookmarked: { type: Boolean },
    peopleOpen: { state: true },
    revision: { state: true },
  };

  declare room?: Room;
  declare lang: string;
  /** The nickname the site gave (`nick`); without it the visitor is asked once. */
  declare nick?: string;
  /** The room's name; the local part of its address by default. */
  declare heading?: string;
  /** Connected: the room may be joined. */
  declare online: boolean;
  /** Full mode: the subject, invitations, bookmark, leaving, settings and moderation, as far as we may (their code loads when set). */
  declare manage: boolean;
  /** With `manage`: the room is in the account's bookmarks. */
  declare bookmarked: boolean;
  declare private peopleOpen: boolean;
  declare private revision: number;
  #messages?: RoomMessages;
  #off: Array<() => void> = [];
  readonly #join = new RoomJoin(this, (error) => this.#report(error));
  #occupantsQueued?: ReturnType<typeof setTimeout>;
  #manage?: RoomManage | Promise<unknown>;

  constructor() {
    super();
    this.lang = 'en';
    this.online = this.manage = this.bookmarked = false;
    this.peopleOpen = false;
    this.revision = 0;
  }

  /** Focuses the composer, or the join form's field while it asks. */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('.join input, xmpp-chat-composer')?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detach();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.room && !this.#off.length) this.#attach(this.room);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room')) {
      this.#detach();
      this.#join.reset();
      if (this.#manage && !(this.#manage instanceof Promise)) this.#manage.reset();
      if (this.room) this.#attach(this.room);
    }
    this.#join.joinOnce();
    // Full mode's tools load with the first room that needs them; the one-tag room never does.
    if (this.manage) this.#manage ??= import('./room-manage.ts').then((m) => this.#managed(new m.RoomManage(this)), this.#report);
  }

  override render() {
    const { room, lang } = this;
    const manage = this.manage && this.#manage && !(this.#manage instanceof Promise) ? this.#manage : undefined;
    const header = roomHeader({ room, lang, heading: this.heading, peopleOpen: this.peopleOpen, togglePeople: this.#togglePeople, manage });
    if (!room) return header;
    const messages = this.#messages!;
    const join = this.#join;
    const self = room.nick ? room.occupants.get(room.nick) : undefined;
    const writable = (room.state === 'joined' || room.state === 'rejoining') && self?.role !== 'visitor';
    return html`${header}
      ${roomNotice(room, lang, join)}
      ${roomBody({ room, lang, messages, revision: this.revision, peopleOpen: this.peopleOpen, manage, seen: this.#seen })}
      ${
        join.ask
          ? joinForm({ lang, ask: join.ask, nick: join.prefill, invalid: join.invalid, busy: join.busy }, join.answered)
          : html`<xmpp-chat-composer exportparts=${exportparts(PARTS.composer)} lang=${lang} .draftKey=${room.jid} ?disabled=${!writable}
              @xmpp-chat-send=${(e: CustomEvent<{ body: string }>) => this.#send(e.detail.body)}></xmpp-chat-composer>`
      }`;
  }

  #attach(room: Room): void {
    const update = () => this.requestUpdate();
    this.#messages = new RoomMessages(room, update, (error) => this.#report(error));
    const messages = this.#messages;
    this.#off = [
      room.on('state', (state) => {
        if (state === 'joined') void messages.load();
        update();
      }),
      room.on('subject', update),
      room.on('info', update),
      room.on('messages', (change) => messages.apply(change)),
      room.on('occupants', () => {
        this.#occupantsQueued ??= setTimeout(() => {
          this.#occupantsQueued = undefined;
          this.revision++;
        }, OCCUPANTS_SPACING_MS);
      }),
      room.on('error', () => this.#join.refused()),
    ];
    void messages.load();
  }

  #detach(): void {
    for (const off of this.#off.splice(0)) off();
    clearTimeout(this.#occupantsQueued);
    this.#occupantsQueued = undefined;
  }

  /** The list's event stays inside this shadow root (internal events are not composed): told again from here. */
  #seen = (event: Event): void => {
    event.stopPropagation();
    emit(this, 'xmpp-chat-seen', {});
  };

  #togglePeople = (): void => {
    this.peopleOpen = !this.peopleOpen;
  };

  #send(body: string): void {
    this.room?.send(body).catch((error: Error) => this.#report(error));
  }

  #managed(manage: RoomManage): void {
    this.#manage = manage;
    this.requestUpdate();
  }

  #report = (error: Error): void => {
    emit(this, 'xmpp-chat-error', { code: (error as { condition?: string }).condition ?? 'error', message: error.message });
  };
}

if (!customElements.get('xmpp-chat-room-view')) customElements.define('xmpp-chat-room-view', XmppChatRoomView);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-room-view': XmppChatRoomView;
  }
}
