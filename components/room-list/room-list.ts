import { LitElement, html, nothing } from 'lit';
import type { RoomInvitation } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import '../i18n/catalog-rooms-full.ts';
import { t } from '../i18n/i18n.ts';
import type { RoomRow } from './room-rows.ts';
import { styles } from './room-list.styles.ts';

/**
 * The rooms beside the 1:1 conversations in full mode: each bookmarked or joined room by name,
 * with its unread count, an @ when an unread message names us, and whether it is being joined or
 * was refused; the invitations waiting for an answer; and the button that joins or creates a room.
 *
 * @summary The account's rooms and invitations, in full mode's sidebar.
 * @csspart rooms - The whole group.
 * @csspart rooms-heading - "Rooms".
 * @csspart room-row - Each room; `room-row-selected` is added to the open one.
 * @csspart room-row-selected - The open room.
 * @csspart unread-count - A room's unread badge.
 * @csspart mention - The @ badge: an unread message names us.
 * @csspart room-state - Joining, or not joined (refused).
 * @csspart join-room-button - Opens the form that joins or creates a room.
 * @csspart invitation - An invitation: who invites, to which room, and why.
 * @csspart invitation-accept - Joins the room of an invitation.
 * @csspart invitation-decline - Declines an invitation.
 * @fires xmpp-chat-select - A room was chosen: `{ jid }`.
 * @fires xmpp-chat-join-room-open - The join button was pressed.
 * @fires xmpp-chat-invitation-answer - An invitation was accepted or declined: `{ invitation, accept }`.
 */
export class XmppChatRoomList extends LitElement {
  static override styles = styles;
  static override properties = {
    rooms: { attribute: false },
    invitations: { attribute: false },
    selected: {},
    lang: {},
  };

  declare rooms: RoomRow[];
  declare invitations: RoomInvitation[];
  /** The open room's JID. */
  declare selected: string;
  declare lang: string;

  constructor() {
    super();
    this.rooms = [];
    this.invitations = [];
    this.selected = '';
    this.lang = 'en';
  }

  override render() {
    const { lang } = this;
    return html`<section part="rooms" class="rooms" aria-labelledby="rooms-heading">
      <div class="head">
        <h2 id="rooms-heading" part="rooms-heading">${t(lang, 'rooms.heading')}</h2>
        <button part="join-room-button" type="button" @click=${() => emit(this, 'xmpp-chat-join-room-open', {})}>${t(lang, 'rooms.join')}</button>
      </div>
      ${this.invitations.length ? this.#renderInvitations() : nothing}
      ${
        this.rooms.length
          ? html`<ul aria-labelledby="rooms-heading">${this.rooms.map((row) => this.#renderRow(row))}</ul>`
          : html`<p class="empty">${t(lang, 'rooms.none')}</p>`
      }
    </section>`;
  }

  #renderRow(row: RoomRow) {
    const { lang } = this;
    const selected = row.jid === this.selected;
    const state =
      row.state === 'joining' || row.state === 'rejoining' ? 'rooms.joining' : row.state === 'failed' ? 'rooms.failed' : undefined;
    return html`<li>
      <button part=${selected ? 'room-row room-row-selected' : 'room-row'} class="row" type="button" aria-current=${selected ? 'true' : nothing}
        @click=${() => emit(this, 'xmpp-chat-select', { jid: row.jid })}>
        <span class="hash" aria-hidden="true">#</span>
        <span class="name" dir="auto">${row.label}</span>
        ${state ? html`<span part="room-state" class="state ${row.state}">${t(lang, state)}</span>` : nothing}
        ${row.mention ? html`<span part="mention" class="mention"><span aria-hidden="true">@</span><span class="sr-only">${t(lang, 'rooms.mention')}</span></span>` : nothing}
        ${
          row.unread > 0
            ? html`<span part="unread-count" class="badge"><span aria-hidden="true">${row.unread > 99 ? '99+' : row.unread}</span><span
                class="sr-only">${t(lang, 'rooms.unread', { count: row.unread })}</span></span>`
            : nothing
        }
      </button>
    </li>`;
  }

  #renderInvitations() {
    const { lang } = this;
    return html`<ul class="invitations" aria-label=${t(lang, 'rooms.invitations')}>
      ${this.invitations.map((invitation) => {
        const answer = (accept: boolean) => () => emit(this, 'xmpp-chat-invitation-answer', { invitation, accept });
        return html`<li part="invitation" class="invitation">
          <p dir="auto">${t(lang, 'rooms.invitation', { from: invitation.from, room: invitation.room.split('@')[0] })}</p>
          ${invitation.reason ? html`<p class="reason" dir="auto">${invitation.reason}</p>` : nothing}
          <div class="buttons">
            <button part="invitation-accept" class="primary" type="button" @click=${answer(true)}>${t(lang, 'rooms.accept')}</button>
            <button part="invitation-decline" type="button" @click=${answer(false)}>${t(lang, 'rooms.decline')}</button>
          </div>
        </li>`;
      })}
    </ul>`;
  }
}

if (!customElements.get('xmpp-chat-room-list')) customElements.define('xmpp-chat-room-list', XmppChatRoomList);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-room-list': XmppChatRoomList;
  }
}
