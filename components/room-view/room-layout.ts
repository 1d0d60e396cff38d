/**
 * The room view's header — the room's name and subject (editable through `manage`), who is there,
 * the page's actions — and its body: the messages beside who is there.
 */
import { html, nothing } from 'lit';
import type { Room } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';
import '../message-list/message-list.ts';
import { PARTS, exportparts } from '../parts.ts';
import './occupant-list.ts';
import type { RoomManage } from './room-manage.ts';
import type { RoomMessages } from './room-messages.ts';

const LIST_PARTS = exportparts([...PARTS.messageList, 'mention']);

export interface HeaderState {
  room?: Room;
  lang: string;
  heading?: string;
  peopleOpen: boolean;
  togglePeople: () => void;
  /** Full mode's tools, once loaded. */
  manage?: RoomManage;
}

export function roomHeader({ room, lang, heading, peopleOpen, togglePeople, manage }: HeaderState) {
  const name = heading || room?.info?.name || room?.jid.split('@')[0];
  return html`<header part="room-header" class="header">
      <div class="titles">
        <h2 part="room-name" class="name" dir="auto">${name}</h2>
        ${
          manage && room
            ? manage.subject(room)
            : room?.subject
              ? html`<p part="room-subject" class="subject" dir="auto">${room.subject}</p>`
              : nothing
        }
      </div>
      ${
        room
          ? html`<button part="occupants-button" class="people" type="button" aria-expanded=${String(peopleOpen)}
              aria-controls="occupants" @click=${togglePeople}>${t(lang, 'room.people', { count: room.occupants.size })}</button>`
          : nothing
      }
      <slot name="actions"></slot>
    </header>
    ${manage && room ? manage.tools(room) : nothing}
    <slot name="status"></slot>`;
}

export interface BodyState {
  room: Room;
  lang: string;
  messages: RoomMessages;
  /** Bumped when occupants changed. */
  revision: number;
  peopleOpen: boolean;
  manage?: RoomManage;
  /** The list's `xmpp-chat-seen`, which is not composed: the view tells it again from itself. */
  seen: (event: Event) => void;
}

export function roomBody({ room, lang, messages, revision, peopleOpen, manage, seen }: BodyState) {
  return html`<div class="body ${peopleOpen ? 'people-open' : ''}">
    <xmpp-chat-message-list exportparts=${LIST_PARTS} lang=${lang} .messages=${messages.messages}
      .hasOlder=${messages.hasOlder} .loadingOlder=${messages.loadingOlder} actions=${manage?.actions(room).moderate ? 'moderate' : 'none'}
      @xmpp-chat-moderate=${(e: CustomEvent<{ key: string }>) => manage?.moderate(room, messages.messages, e.detail.key)}
      @xmpp-chat-load-older=${() => void messages.loadOlder()} @xmpp-chat-seen=${seen}></xmpp-chat-message-list>
    <xmpp-chat-occupant-list id="occupants" exportparts="occupant-list, occupant, occupant-role, occupant-menu-button" lang=${lang}
      .occupants=${room.occupants} .revision=${revision} ?menus=${!!manage}
      @xmpp-chat-occupant-menu=${(e: CustomEvent<{ nick: string }>) => manage?.openMenu(e.detail.nick)}></xmpp-chat-occupant-list>
  </div>`;
}
