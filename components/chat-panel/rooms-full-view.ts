/** Full mode's rooms in the panel: the room list in the sidebar, and the open room (or the join form) in place of a conversation. */
import { html } from 'lit';
import type { RoomInvitation } from '../../src/index.ts';
import type { XmppChatEvents } from '../events.ts';
import '../join-room-form/join-room-form.ts';
import { PARTS, exportparts } from '../parts.ts';
import { passOnParts } from '../pass-on-parts.ts';
import '../room-list/room-list.ts';
import { FULL_ROOM_PARTS, ROOM_PARTS } from '../room-view/room-parts.ts';
import '../room-view/room-view.ts';
import type { ChatPanel } from './chat-panel.ts';
import type { FullRooms } from './rooms-full.ts';

const LIST_PARTS = exportparts([
  'rooms',
  'rooms-heading',
  'room-row',
  'room-row-selected',
  'unread-count',
  'mention',
  'room-state',
  'join-room-button',
  'invitation',
  'invitation-accept',
  'invitation-decline',
]);
const FORM_PARTS = exportparts([
  'join-room-form',
  'room-address-input',
  'nick-input',
  'room-password-input',
  'bookmark-input',
  'autojoin-input',
  'join-button',
  'cancel-button',
  'join-room-error',
]);
const VIEW_PARTS = exportparts([...new Set([...ROOM_PARTS, ...FULL_ROOM_PARTS, ...PARTS.messageList, ...PARTS.composer])]);

/** Passes the rooms' parts on to the page, once their code has loaded. */
export function addParts(panel: ChatPanel): void {
  passOnParts(panel, [...new Set([...ROOM_PARTS, ...FULL_ROOM_PARTS])]);
}

/** The rooms group of the sidebar (slotted into the desk inbox). */
export function renderRoomList(ui: FullRooms) {
  const { panel } = ui;
  return html`<xmpp-chat-room-list slot="rooms" exportparts=${LIST_PARTS} lang=${panel.lang} .rooms=${ui.rows()} .invitations=${ui.invitations}
    .selected=${ui.open ?? ''}
    @xmpp-chat-select=${(e: CustomEvent<{ jid: string }>) => panel.select(e.detail.jid)}
    @xmpp-chat-join-room-open=${() => ui.showJoinForm()}
    @xmpp-chat-invitation-answer=${(e: CustomEvent<{ invitation: RoomInvitation; accept: boolean }>) =>
      ui.answer(e.detail.invitation, e.detail.accept)}></xmpp-chat-room-list>`;
}

/** The open room, or the join form; undefined when a conversation is shown instead. */
export function renderRoomPane(ui: FullRooms) {
  const { panel, session } = ui;
  const { lang } = panel;
  if (ui.joining) {
    const { busy, room, error } = ui.joining;
    return html`<section class="conversation room-pane"><xmpp-chat-join-room-form exportparts=${FORM_PARTS} lang=${lang} .nick=${ui.nickFor(room)}
      .room=${room ?? ''} ?busy=${busy} .error=${error}
      @xmpp-chat-join-room=${(e: CustomEvent<XmppChatEvents['xmpp-chat-join-room']>) => void ui.join(e.detail).catch(ui.fail)}
      @xmpp-chat-join-room-cancel=${() => ui.show(undefined)}></xmpp-chat-join-room-form></section>`;
  }
  if (!ui.open) return undefined;
  const jid = ui.open;
  const room = ui.rooms.room(jid);
  return html`<section class="conversation room-pane"><xmpp-chat-room-view exportparts=${VIEW_PARTS} lang=${lang} manage .room=${room}
    .nick=${ui.nickFor(jid)} .heading=${ui.bookmarkOf(jid)?.name} ?bookmarked=${!!ui.bookmarkOf(jid)} ?online=${session.status === 'connected'}
    @xmpp-chat-seen=${() => ui.seen(jid)}
    @xmpp-chat-private-message=${(e: CustomEvent<{ room: string; nick: string }>) => panel.select(`${e.detail.room}/${e.detail.nick}`)}
    @xmpp-chat-room-bookmark=${(e: CustomEvent<{ room: string; bookmarked: boolean }>) =>
      void ui.setBookmarked(e.detail.room, e.detail.bookmarked).catch(ui.fail)}
    @xmpp-chat-room-leave=${(e: CustomEvent<{ room: string }>) => void ui.leave(e.detail.room).catch(ui.fail)}></xmpp-chat-room-view></section>`;
}
