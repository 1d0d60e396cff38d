import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { RoomError, type Room } from '../../src/index.ts';
import { loadValue, saveValue } from '../controllers/local-values.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-room.ts';
import { t } from '../i18n/i18n.ts';
import { PARTS, exportparts } from '../parts.ts';
import '../composer/composer.ts';
import '../message-list/message-list.ts';
import { joinForm } from './join-form.ts';
import './occupant-list.ts';
import { refusalOf } from './refusals.ts';
import { ROOM_NICK_KEY } from './room-nick.ts';
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
 * @fires xmpp-chat-error - The room's messages could not be read or sent; detail `{ code, message }`.
 */
export class XmppChatRoomView extends LitElement {
  static override styles = roomViewStyles;
  static override properties = {
    room: { attribute: false },
    lang: {},
    nick: {},
    heading: {},
    online: { type: Boolean },
    ask: { state: true },
    busy: { state: true },
    invalid: { state: true },
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
  declare private ask?: 'nick' | 'password';
  declare private busy: boolean;
  declare private invalid: boolean;
  declare private peopleOpen: boolean;
  declare private revision: number;
  #messages?: RoomMessages;
  #off: Array<() => void> = [];
  /** The nickname and password of the last join, for another try; the password is never stored. */
  #tried?: { nick: string; password?: string };
  #occupantsQueued?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.lang = 'en';
    this.online = false;
    this.busy = this.invalid = this.peopleOpen = false;
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
      this.#tried = undefined;
      this.ask = undefined;
      if (this.room) this.#attach(this.room);
    }
    this.#joinOnce();
  }

  /** Once online, joins under the site's or the remembered nickname, or asks for one. */
  #joinOnce(): void {
    const { room } = this;
    if (!room || !this.online || this.ask || this.busy || room.state !== 'idle' || this.#tried) return;
    const nick = this.nick?.trim() || loadValue(ROOM_NICK_KEY);
    if (nick) void this.#join(nick);
    else this.ask = 'nick';
  }

  override render() {
    const { room, lang } = this;
    const header = html`<header part="room-header" class="header">
        <div class="titles">
          <h2 part="room-name" class="name" dir="auto">${this.heading || room?.jid.split('@')[0]}</h2>
          ${room?.subject ? html`<p part="room-subject" class="subject" dir="auto">${room.subject}</p>` : nothing}
        </div>
        ${
          room
            ? html`<button part="occupants-button" class="people" type="button" aria-expanded=${String(this.peopleOpen)}
                aria-controls="occupants" @click=${this.#togglePeople}>${t(lang, 'room.people', { count: room.occupants.size })}</button>`
            : nothing
        }
        <slot name="actions"></slot>
      </header>
      <slot name="status"></slot>`;
    if (!room) return header;
    const messages = this.#messages!;
    const self = room.nick ? room.occupants.get(room.nick) : undefined;
    const writable = (room.state === 'joined' || room.state === 'rejoining') && self?.role !== 'visitor';
    return html`${header}
      ${this.#renderNotice(room)}
      <div class="body ${this.peopleOpen ? 'people-open' : ''}">
        <xmpp-chat-message-list exportparts=${exportparts(PARTS.messageList)} lang=${lang} .messages=${messages.messages}
          .hasOlder=${messages.hasOlder} .loadingOlder=${messages.loadingOlder}
          @xmpp-chat-load-older=${() => void messages.loadOlder()}></xmpp-chat-message-list>
        <xmpp-chat-occupant-list id="occupants" exportparts="occupant-list, occupant, occupant-role" lang=${lang}
          .occupants=${room.occupants} .revision=${this.revision}></xmpp-chat-occupant-list>
      </div>
      ${
        this.ask
          ? joinForm(
              {
                lang,
                ask: this.ask,
                nick: this.#tried?.nick ?? this.nick ?? loadValue(ROOM_NICK_KEY) ?? '',
                invalid: this.invalid,
                busy: this.busy,
              },
              this.#answered,
            )
          : html`<xmpp-chat-composer exportparts=${exportparts(PARTS.composer)} lang=${lang} .draftKey=${room.jid} ?disabled=${!writable}
              @xmpp-chat-send=${(e: CustomEvent<{ body: string }>) => this.#send(e.detail.body)}></xmpp-chat-composer>`
      }`;
  }

  /** Joining (aloud only the first time; a rejoin after a lost connection is quiet), or why we are not in. */
  #renderNotice(room: Room) {
    const { lang } = this;
    if (room.state === 'joining' || room.state === 'rejoining')
      return html`<p part="room-notice" class="notice" role="status">${t(lang, room.state === 'joining' ? 'room.joining' : 'room.rejoining')}</p>`;
    if (room.state !== 'failed') return html`<p class="notice" role="status"></p>`;
    const { way, hint } = refusalOf(room.error?.condition);
    return html`<div part="room-error" class="error" role="alert">
      <p><span dir="auto">${room.error?.message ?? t(lang, 'room.refused')}</span> ${hint ? t(lang, hint) : nothing}</p>
      ${
        (way === 'retry' || way === 'rejoin') && this.#tried
          ? html`<button part="join-button" type="button" ?disabled=${this.busy} @click=${() => this.#retry()}>
              ${t(lang, way === 'retry' ? 'room.try-again' : 'room.join-again')}</button>`
          : nothing
      }
    </div>`;
  }

  #attach(room: Room): void {
    const update = () => this.requestUpdate();
    this.#messages = new RoomMessages(room, update, (error) => this.#report(error));
    const messages = this.#messages;
    this.#off = [
      room.on('state', update),
      room.on('subject', update),
      room.on('messages', (change) => messages.apply(change)),
      room.on('occupants', () => {
        this.#occupantsQueued ??= setTimeout(() => {
          this.#occupantsQueued = undefined;
          this.revision++;
        }, OCCUPANTS_SPACING_MS);
      }),
      room.on('error', () => this.#refused()),
    ];
    void messages.load();
  }

  #detach(): void {
    for (const off of this.#off.splice(0)) off();
    clearTimeout(this.#occupantsQueued);
    this.#occupantsQueued = undefined;
  }

  async #join(nick: string, password?: string): Promise<void> {
    const room = this.room!;
    this.#tried = { nick, password };
    this.busy = true;
    try {
      await room.join(nick, password === undefined ? undefined : { password });
      if (this.room !== room) return;
      this.ask = undefined;
      // The site's own nickname is its to give each time; one the visitor chose is kept for the site.
      if (nick !== this.nick?.trim()) saveValue(ROOM_NICK_KEY, nick);
    } catch (error) {
      if (!(error instanceof RoomError)) this.#report(error as Error);
    } finally {
      this.busy = false;
      this.#refused();
    }
  }

  /** After a refusal or a removal, the form the way forward needs (the nickname again, or the password). */
  #refused(): void {
    const room = this.room;
    if (room?.state !== 'failed') return this.requestUpdate();
    const { way } = refusalOf(room.error?.condition);
    this.ask = way === 'nick' || way === 'password' ? way : undefined;
  }

  #answered = (value: string): void => {
    this.invalid = this.ask === 'nick' && value === '';
    if (this.invalid) return;
    if (this.ask === 'nick') void this.#join(value, this.#tried?.password);
    else void this.#join(this.#tried?.nick ?? '', value);
  };

  #togglePeople = (): void => {
    this.peopleOpen = !this.peopleOpen;
  };

  #retry(): void {
    const tried = this.#tried;
    if (tried) void this.#join(tried.nick, tried.password);
  }

  #send(body: string): void {
    this.room?.send(body).catch((error: Error) => this.#report(error));
  }

  #report(error: Error): void {
    emit(this, 'xmpp-chat-error', { code: (error as { condition?: string }).condition ?? 'error', message: error.message });
  }
}

if (!customElements.get('xmpp-chat-room-view')) customElements.define('xmpp-chat-room-view', XmppChatRoomView);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-room-view': XmppChatRoomView;
  }
}
