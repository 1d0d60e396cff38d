/** The widget's public events, fired from the panel for what its chat session does. */
import type { ChatSession } from '../controllers/chat-session.ts';
import type { WidgetError } from '../controllers/widget-error.ts';
import { emit } from '../events.ts';

export interface SessionHooks {
  changed(): void;
  connected(): void;
  failed(error: WidgetError): void;
}

/** Forwards the session's events as `xmpp-chat-*` events; returns the functions that stop it. */
export function forwardSessionEvents(target: HTMLElement, session: ChatSession, hooks: SessionHooks): Array<() => void> {
  return [
    session.on('change', () => hooks.changed()),
    session.on('connected', (jid) => {
      hooks.connected();
      emit(target, 'xmpp-chat-connected', { jid });
    }),
    session.on('disconnected', (reason) => emit(target, 'xmpp-chat-disconnected', { reason })),
    session.on('ready', () => emit(target, 'xmpp-chat-ready', {})),
    session.on('error', (error) => {
      emit(target, 'xmpp-chat-error', { code: error.code, message: error.message });
      hooks.failed(error);
    }),
    session.on('message', (m) => {
      const me = session.chat.client.jid?.split('/')[0] ?? '';
      const incoming = m.direction === 'in';
      emit(target, 'xmpp-chat-message', {
        from: incoming ? m.peer : me,
        to: incoming ? me : m.peer,
        body: m.body,
        id: m.key,
        direction: m.direction,
      });
    }),
  ];
}
