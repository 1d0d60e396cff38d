/**
 * Full mode's way into rooms, part of the full-mode chunk: the rooms' code (and the core's) loads
 * at once when the account is known to have rooms (it joined or bookmarked one on this device),
 * else once signed in and the page is idle, or when the agent opens the rooms UI. Until then the
 * sidebar shows the heading and the join button.
 */
import { html } from 'lit';
import type { ChatSession } from '../controllers/chat-session.ts';
import { t } from '../i18n/i18n.ts';
import type { ChatPanel } from './chat-panel.ts';
import type { FullRooms } from './rooms-full.ts';

type View = typeof import('./rooms-full-view.ts');
interface Loaded {
  session: ChatSession;
  ui?: FullRooms;
  view?: View;
  loading?: Promise<FullRooms>;
}
const loaded = new WeakMap<ChatPanel, Loaded>();

const accountOf = (session: ChatSession) => (session.chat.client.jid ?? session.config.jid ?? '').split('/')[0];
const flagKey = (session: ChatSession) => `xmpp-chat:has-rooms:${accountOf(session)}`;

/** Remembers on this device that the account has rooms: their code loads with the next sign-in. */
export function markHasRooms(session: ChatSession): void {
  try {
    localStorage.setItem(flagKey(session), '1');
  } catch (error) {
    console.debug('xmpp-chat: rooms are not remembered on this device', error); // storage off: loaded when asked for
  }
}

function hadRooms(session: ChatSession): boolean {
  try {
    return localStorage.getItem(flagKey(session)) === '1';
  } catch {
    return false; // storage off: nothing was remembered
  }
}

/** The panel's rooms, once loaded for its current session. */
function roomsOf(panel: ChatPanel): FullRooms | undefined {
  const entry = loaded.get(panel);
  return entry && entry.session === panel.session ? entry.ui : undefined;
}

const viewOf = (panel: ChatPanel): View => loaded.get(panel)!.view!;

/** Loads the rooms' code and the core's rooms for `session` (once). */
export function loadRooms(panel: ChatPanel, session: ChatSession): Promise<FullRooms> {
  let entry = loaded.get(panel);
  if (entry?.session !== session) {
    entry?.ui?.close();
    loaded.set(panel, (entry = { session }));
  }
  const current = entry;
  return (current.loading ??= Promise.all([import('./rooms-full.ts'), import('./rooms-full-view.ts'), session.chat.rooms()]).then(
    ([{ FullRooms: Made }, view, rooms]) => {
      view.addParts(panel);
      current.view = view; // before the rooms, which render with it
      current.ui = new Made(panel, session, rooms);
      panel.requestUpdate();
      return current.ui;
    },
    (error: Error) => {
      current.loading = undefined; // tried again next time
      throw error;
    },
  ));
}

const idleLoads = new WeakSet<ChatSession>();

/**
 * On a device that has not seen the account's rooms yet, the rooms load once signed in and the page
 * is idle: the account's bookmarks (joined on sign-in) and invitations are heard only once they have.
 */
function loadWhenIdle(panel: ChatPanel, session: ChatSession, fail: (error: Error) => void): void {
  if (idleLoads.has(session)) return;
  idleLoads.add(session);
  const load = () => void loadRooms(panel, session).catch(fail);
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 500);
}

/** The sidebar's rooms group: the list once loaded, else its heading and the join button (which loads it). */
export function renderRoomsGroup(panel: ChatPanel, session: ChatSession) {
  const ui = roomsOf(panel);
  if (ui) return viewOf(panel).renderRoomList(ui);
  const fail = (error: Error) => session.fail(error);
  if (hadRooms(session)) loadRooms(panel, session).catch(fail);
  else if (session.status === 'connected') loadWhenIdle(panel, session, fail);
  return html`<div slot="rooms" class="rooms-entry">
    <h2>${t(panel.lang, 'rooms.heading')}</h2>
    <button type="button" part="join-room-button" @click=${() => loadRooms(panel, session).then((loaded) => loaded.showJoinForm(), fail)}>
      ${t(panel.lang, 'rooms.join')}</button>
  </div>`;
}

/** The open room or the join form, in place of the conversation; undefined when neither is shown. */
export function renderRoomPane(panel: ChatPanel) {
  const ui = roomsOf(panel);
  return ui ? viewOf(panel).renderRoomPane(ui) : undefined;
}

/** Opens `jid` if it is one of our rooms (true); otherwise closes the room shown, for the conversation (false). */
export function selectRoom(panel: ChatPanel, jid: string): boolean {
  const ui = roomsOf(panel);
  if (!ui) return false;
  ui.show(ui.isRoom(jid) ? jid : undefined);
  return ui.isRoom(jid);
}

export const isRoom = (panel: ChatPanel, jid: string): boolean => !!roomsOf(panel)?.isRoom(jid);

/** The room on screen, if one is. */
export const openRoom = (panel: ChatPanel): string | undefined => roomsOf(panel)?.open;

/** A private conversation with an occupant (`room/nick`): sending goes through the room. */
export function privateSend(panel: ChatPanel, peer: string): ((body: string) => void) | undefined {
  const ui = roomsOf(panel);
  const slash = peer.indexOf('/');
  if (!ui || slash < 0 || !ui.isRoom(peer.slice(0, slash))) return undefined;
  return (body) =>
    void ui.rooms
      .room(peer.slice(0, slash))
      .sendPrivate(peer.slice(slash + 1), body)
      .catch(ui.fail);
}

/** A room's name, or "nick (in room)" for a private conversation with an occupant; undefined for anyone else. */
export function roomPeerName(panel: ChatPanel, peer: string): string | undefined {
  const ui = roomsOf(panel);
  if (!ui) return undefined;
  const [room, nick] = [peer.split('/')[0], peer.split('/').slice(1).join('/')];
  if (!ui.isRoom(room)) return undefined;
  const name = ui.bookmarkOf(room)?.name || ui.rooms.room(room).info?.name || room.split('@')[0];
  return nick ? t(panel.lang, 'room.private-name', { nick, room: name }) : name;
}
