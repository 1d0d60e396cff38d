/**
 * Room mode's part of the panel: the room (from the core's rooms, whose code loads with the first
 * call) in the room view, with the panel's close button and status line. Loaded as its own chunk
 * with the room view, so a visitor's widget without a room never carries it.
 */
import { html, nothing } from 'lit';
import type { Room } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { t } from '../i18n/i18n.ts';
import { PARTS, exportparts } from '../parts.ts';
import { passOnParts } from '../pass-on-parts.ts';
import '../room-view/room-view.ts';
import { ROOM_PARTS } from '../room-view/room-parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import { renderStatus } from './chat-panel.views.ts';

const VIEW_PARTS = exportparts([...new Set([...ROOM_PARTS, ...PARTS.messageList, ...PARTS.composer])]);

/** Each session's room: asked for once; a session that could not get it says why in its status line. */
const rooms = new WeakMap<ChatSession, Room | Promise<void>>();

function roomOf(panel: ChatPanel, session: ChatSession): Room | undefined {
  const jid = panel.config.room;
  if (!jid) return undefined;
  const known = rooms.get(session);
  if (known && !(known instanceof Promise)) return known;
  if (!known) {
    const asked = session.chat.rooms().then(
      (all) => {
        rooms.set(session, all.room(jid));
        panel.requestUpdate();
      },
      (error: Error) => session.fail(error),
    );
    rooms.set(session, asked);
  }
  return undefined;
}

/** Passes the room view's parts on to the page, once room mode has loaded. */
export function addParts(panel: ChatPanel): void {
  passOnParts(panel, ROOM_PARTS);
}

export function renderRoom(panel: ChatPanel, session: ChatSession | undefined) {
  const { lang, config } = panel;
  const room = session ? roomOf(panel, session) : undefined;
  return html`<xmpp-chat-room-view exportparts=${VIEW_PARTS} lang=${lang} .room=${room} .nick=${config.nick?.trim() || undefined}
    .heading=${config.heading || config.room?.split('@')[0]} ?online=${session?.status === 'connected'}
    @xmpp-chat-seen=${() => markSeen(panel)}>
    <button slot="actions" class="icon" @click=${() => panel.closeRequested()} aria-label=${t(lang, 'panel.close')}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg></button>
    <div slot="status">${
      session
        ? renderStatus(panel, session)
        : panel.loginError
          ? html`<div part="status" class="status"><div role="alert" class="error">${panel.loginError}</div></div>`
          : nothing
    }</div>
  </xmpp-chat-room-view>`;
}

/**
 * The room's messages were seen (the newest on screen, or the panel shown): they no longer count
 * on the launcher's badge. Marked read on this device only; a room is not told who read what.
 */
export function markSeen(panel: ChatPanel): void {
  const { session, config } = panel;
  if (panel.active && session && config.room) session.chat.store.markRead(config.room).catch((error: Error) => session.fail(error));
}

/** The page's `send()` in room mode: to the room, once in it. */
export async function sendToRoom(session: ChatSession, body: string): Promise<void> {
  await rooms.get(session); // the room, or the wait for it
  const room = rooms.get(session);
  if (room && !(room instanceof Promise) && body.trim()) await room.send(body);
}
