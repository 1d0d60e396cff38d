import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import '../i18n/catalog-room.ts';
import '../i18n/catalog-rooms-full.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { refusalOf } from '../room-view/refusals.ts';
import { styles } from './join-room-form.styles.ts';

/** A room's address: name@service, without a nickname. */
const ROOM_JID = /^[^\s@/]+@[^\s@/]+$/;

/**
 * Joins a room, or creates it where the server allows: its address (or, with `service`, just a
 * name), the nickname (prefilled with the remembered one), the password when the room asks, and
 * whether to keep it in the bookmarks and join it on sign-in. A refusal is said in words with
 * what to do, and the field to fix is focused.
 *
 * @summary The form that joins or creates a room (full mode).
 * @csspart join-room-form - The form.
 * @csspart room-address-input - The room's address (or name).
 * @csspart nick-input - The nickname.
 * @csspart room-password-input - The room's password, once the room asked for one.
 * @csspart bookmark-input - "Keep it in my rooms".
 * @csspart autojoin-input - "Join it when I sign in".
 * @csspart join-button - Joins.
 * @csspart cancel-button - Closes the form.
 * @csspart join-room-error - What went wrong, and what to do.
 * @fires xmpp-chat-join-room - Join: `{ room, nick, password?, bookmark, autojoin }`.
 * @fires xmpp-chat-join-room-cancel - Closed without joining.
 */
export class XmppChatJoinRoomForm extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    nick: {},
    room: {},
    service: {},
    busy: { type: Boolean },
    error: { attribute: false },
    problem: { state: true },
  };

  declare lang: string;
  /** The nickname to prefill: the one used last. */
  declare nick: string;
  /** The room's address to prefill (after a refusal, or from an invitation). */
  declare room: string;
  /** The server's room service (such as conference.example.org), when known: a bare name is a room there. */
  declare service: string;
  declare busy: boolean;
  /** The room's refusal of the last try: `{ condition, message }`. */
  declare error: { condition: string; message: string } | undefined;
  /** A field left wrong: which, and what to say. */
  declare private problem: { field: 'room' | 'nick'; key: MessageKey } | undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.nick = this.room = this.service = '';
    this.busy = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // After a refusal, the field to fix.
    if (changed.has('error') && this.error) {
      const way = refusalOf(this.error.condition).way;
      this.renderRoot
        .querySelector<HTMLElement>(way === 'password' ? '#room-password' : way === 'nick' ? '#room-nick' : '#room-address')
        ?.focus();
    }
  }

  override render() {
    const { lang, error, problem } = this;
    const refusal = error ? refusalOf(error.condition) : undefined;
    const askPassword = refusal?.way === 'password';
    const invalid = (field: 'room' | 'nick') => (problem?.field === field ? 'true' : 'false');
    return html`<form part="join-room-form" aria-labelledby="join-title" @submit=${this.#submit} novalidate
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && emit(this, 'xmpp-chat-join-room-cancel', {})}>
      <h2 id="join-title">${t(lang, 'join.title')}</h2>
      <label for="room-address">${this.service ? t(lang, 'join.address-or-name', { service: this.service }) : t(lang, 'join.address')}</label>
      <input id="room-address" part="room-address-input" name="room" dir="ltr" autocomplete="off" spellcheck="false"
        placeholder="lobby@conference.example.org" .value=${this.room} aria-invalid=${invalid('room')}
        aria-describedby=${problem?.field === 'room' ? 'join-problem' : nothing} ?disabled=${this.busy} />
      <label for="room-nick">${t(lang, 'room.nick')}</label>
      <input id="room-nick" part="nick-input" name="nick" dir="auto" autocomplete="nickname" maxlength="64" .value=${this.nick}
        aria-invalid=${invalid('nick')} aria-describedby=${problem?.field === 'nick' ? 'join-problem' : nothing} ?disabled=${this.busy} />
      ${
        askPassword
          ? html`<label for="room-password">${t(lang, 'room.password')}</label>
            <input id="room-password" part="room-password-input" name="password" type="password" autocomplete="current-password" ?disabled=${this.busy} />`
          : nothing
      }
      <label class="check"><input part="bookmark-input" name="bookmark" type="checkbox" checked ?disabled=${this.busy} /> ${t(lang, 'join.bookmark')}</label>
      <label class="check"><input part="autojoin-input" name="autojoin" type="checkbox" ?disabled=${this.busy} /> ${t(lang, 'join.autojoin')}</label>
      ${problem ? html`<p id="join-problem" class="problem" role="alert">${t(lang, problem.key)}</p>` : nothing}
      ${
        error && !problem
          ? html`<p part="join-room-error" class="problem" role="alert"><span dir="auto">${error.message}</span> ${refusal?.hint ? t(lang, refusal.hint) : nothing}</p>`
          : nothing
      }
      <p class="status" role="status">${this.busy ? t(lang, 'room.joining') : ''}</p>
      <div class="buttons">
        <button part="join-button" class="primary" type="submit" ?disabled=${this.busy}>${t(lang, 'room.join')}</button>
        <button part="cancel-button" type="button" @click=${() => emit(this, 'xmpp-chat-join-room-cancel', {})}>${t(lang, 'room.cancel')}</button>
      </div>
    </form>`;
  }

  /** Focuses the address field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('#room-address')?.focus(options);
  }

  #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = (event.target as HTMLFormElement).elements;
    const value = (name: string) => (form.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const checked = (name: string) => !!(form.namedItem(name) as HTMLInputElement | null)?.checked;
    const room = this.#address(value('room').trim());
    const nick = value('nick').trim();
    this.problem = !room
      ? { field: 'room', key: 'join.address-invalid' }
      : !nick
        ? { field: 'nick', key: 'room.nick-required' }
        : undefined;
    if (this.problem) {
      const field = this.problem.field === 'room' ? '#room-address' : '#room-nick';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(field)?.focus());
      return;
    }
    const password = value('password');
    emit(this, 'xmpp-chat-join-room', {
      room: room!,
      nick,
      ...(password ? { password } : {}),
      bookmark: checked('bookmark'),
      autojoin: checked('autojoin'),
    });
  };

  /** The room's bare address: as typed, or a name made into one on `service`. */
  #address(typed: string): string | undefined {
    if (ROOM_JID.test(typed)) return typed.toLowerCase();
    if (!this.service || !typed || /[@/]/.test(typed)) return undefined;
    return `${typed.toLowerCase().replace(/\s+/g, '-')}@${this.service}`;
  }
}

if (!customElements.get('xmpp-chat-join-room-form')) customElements.define('xmpp-chat-join-room-form', XmppChatJoinRoomForm);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-join-room-form': XmppChatJoinRoomForm;
  }
}
