/**
 * Chimes (with the `sound` attribute) and, for agents who allowed them, desktop notifications for
 * new messages from the peer. Every tab of the site sees each message — received itself, or
 * stored by another tab — and the Alerts class lets exactly one of them alert; a tab where the
 * reader is looking at the conversation claims the message, so none does. The Alerts code loads
 * only where it may be needed: with `sound`, or in full mode. Alerts is a controller of the panel:
 * it stops, and closes its audio, when the panel leaves the page.
 */
import type { ChatSession } from '../controllers/chat-session.ts';
import type { Alerts } from '../controllers/alerts.ts';
import { t } from '../i18n/i18n.ts';
import type { ChatPanel } from './chat-panel.ts';
import { peerName } from './chat-panel.views.ts';

/** Older messages are history caught up at login, not news. */
const RECENT_MS = 60_000;

const wanted = (panel: ChatPanel) => !!panel.config.sound || panel.config.mode === 'full';
const alertsOf = new WeakMap<ChatPanel, Promise<Alerts>>();

/** The panel's Alerts, loaded on first use. */
function alerts(panel: ChatPanel): Promise<Alerts> {
  let loading = alertsOf.get(panel);
  if (!loading) {
    loading = import('../controllers/alerts.ts').then(
      ({ Alerts: Made }) =>
        new Made(panel, {
          sound: () => !!panel.config.sound,
          notifications: () => panel.config.mode === 'full',
          onActivate: (peer) => panel.select(peer),
          debug: (message, error) => {
            if (panel.config.debug) console.debug(`xmpp-chat: ${message}`, error ?? '');
          },
        }),
    );
    alertsOf.set(panel, loading);
  }
  return loading;
}

/** Alerts for the session's new incoming messages; returns the function that stops it. */
export function alertOnMessages(panel: ChatPanel, session: ChatSession): () => void {
  // Loaded before the first message needs it; in full mode with its views (not while signing in).
  if (panel.config.sound || panel.full) void alerts(panel);
  return session.chat.on('messages', ({ added }) => {
    if (!wanted(panel)) return;
    for (const message of added) {
      if (message.direction !== 'in' || message.state === 'read' || Date.now() - message.time > RECENT_MS) continue;
      // In a room, only a message that names us alerts; the room shown is the one on screen.
      if (panel.full?.isRoom(panel, message.peer) && !message.mentionsMe) continue;
      const open = panel.full?.openRoom(panel) ?? session.conversation.peer;
      const onScreen = !document.hidden && document.hasFocus() && panel.active && open === message.peer;
      const title = t(panel.lang, 'notifications.title', { name: peerName(panel, session, message.peer) });
      // An encrypted file's link holds its key, which no notification may show: the file's name instead.
      const body = message.file?.url.startsWith('aesgcm:') ? (message.file.name ?? '') : message.body;
      void alerts(panel).then((a) => a.incoming({ key: message.key, peer: message.peer, title, body }, { onScreen }));
    }
  });
}
