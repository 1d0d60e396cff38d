/**
 * Full mode: the office hours editor as the desk shows it, with the hours the account has
 * published (read once per chat session), publishing what the agent saves. Loaded with full
 * mode's chunk: `import { renderOfficeHoursEditor } from '../office-hours-editor/render.ts'`.
 */
import { html, nothing } from 'lit';
import { bareJid } from '../../src/index.ts';
import { createOfficeHours, type OfficeHours } from '../../src/desk.ts';
import type { ChatPanel } from '../chat-panel/chat-panel.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { t } from '../i18n/i18n.ts';
import { PARTS, exportparts } from '../parts.ts';
import './office-hours-editor.ts';

interface EditorState {
  /** The published hours: undefined while being read, null when none. */
  hours?: OfficeHours | null;
  busy: boolean;
  note: string;
}

const states = new WeakMap<ChatSession, EditorState>();

function stateOf(panel: ChatPanel, session: ChatSession): EditorState {
  let state = states.get(session);
  if (state) return state;
  const created: EditorState = { busy: false, note: '' };
  states.set(session, (state = created));
  const account = bareJid(session.chat.client.jid ?? '');
  if (!account) created.hours = null;
  else {
    void createOfficeHours({ client: session.chat.client })
      .read(account)
      .then(
        (hours) => (created.hours = hours ?? null),
        (error: Error) => {
          created.hours = null; // the editor starts from a default week; the agent hears why
          session.fail(error);
        },
      )
      .finally(() => panel.requestUpdate());
  }
  return state;
}

/** The editor, once the published hours are read (nothing before: the form would start from the wrong week). */
export function renderOfficeHoursEditor(panel: ChatPanel, session: ChatSession) {
  if (session.status !== 'connected') return nothing;
  const state = stateOf(panel, session);
  if (state.hours === undefined) return nothing;
  const save = (hours: OfficeHours) => {
    state.busy = true;
    state.note = '';
    panel.requestUpdate();
    void createOfficeHours({ client: session.chat.client })
      .publish(hours)
      .then(
        () => {
          state.hours = hours;
          state.note = t(panel.lang, 'hours.saved');
        },
        (error: Error) => session.fail(error),
      )
      .finally(() => {
        state.busy = false;
        panel.requestUpdate();
      });
  };
  return html`<xmpp-chat-office-hours-editor exportparts=${exportparts(PARTS.officeHoursEditor)} lang=${panel.lang}
    .hours=${state.hours ?? undefined} ?busy=${state.busy} note=${state.note}
    @xmpp-chat-save-hours=${(e: CustomEvent<{ hours: OfficeHours }>) => save(e.detail.hours)}></xmpp-chat-office-hours-editor>`;
}
