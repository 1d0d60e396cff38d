/**
 * Full mode's buttons in the panel's header — back to the list on a narrow screen, log out, and
 * log out and forget this device (and what that forgets) — loaded with full mode, so a visitor's widget never carries them.
 */
import { html, nothing } from 'lit';
import type { Avatars } from '../../src/index.ts';
import '../avatar/avatar-editor.ts';
import { forgetDrafts } from '../composer/drafts.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import type { SessionLifecycle } from '../controllers/session-lifecycle.ts';
import { t } from '../i18n/i18n.ts';
import type { ChatPanel } from './chat-panel.ts';

/** Back from a conversation to the contacts (hidden where both are side by side). */
export function renderBackButton(panel: ChatPanel) {
  return html`<button class="icon back" @click=${() => {
    panel.view = 'contacts';
  }} aria-label=${t(panel.lang, 'panel.back')}>
    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M15 5l-7 7 7 7" stroke="currentColor" stroke-width="2" fill="none"/></svg></button>`;
}

const editing = new WeakSet<ChatPanel>();

/** Our picture in the header: a button that opens the editor to change it (XEP-0084). */
export function renderPictureButton(panel: ChatPanel, avatars: Avatars, jid: string, name: string) {
  const open = editing.has(panel);
  const toggle = () => {
    if (open) editing.delete(panel);
    else editing.add(panel);
    panel.requestUpdate();
  };
  return html`<span class="picture-anchor">
    <button class="icon picture-button" aria-expanded=${open ? 'true' : 'false'} title=${t(panel.lang, 'panel.picture')} @click=${toggle}>
      <xmpp-chat-avatar exportparts="avatar" class="picture" .avatars=${avatars} jid=${jid} name=${name} decorative></xmpp-chat-avatar>
      <span class="picture-label">${t(panel.lang, 'panel.picture')}</span>
    </button>
    ${
      open
        ? html`<div class="picture-editor" role="dialog" aria-label=${t(panel.lang, 'panel.picture')}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && toggle()}>
            <xmpp-chat-avatar-editor exportparts="avatar-editor, avatar-button, avatar" .avatars=${avatars} jid=${jid} name=${name}
              lang=${panel.lang}></xmpp-chat-avatar-editor>
          </div>`
        : nothing
    }
  </span>`;
}

/** Log out, and log out and forget this device. */
export function renderAccountButtons(panel: ChatPanel) {
  return html`<button class="text" @click=${() => panel.logout()}>${t(panel.lang, 'panel.logout')}</button>
    <button class="text" part="forget-button" @click=${() => panel.forget()}>${t(panel.lang, 'panel.forget')}</button>`;
}

/**
 * Logs out and deletes what this device keeps of the account — its history, archive position,
 * unsent messages and cached contacts (the store), and the drafts of its conversations. The
 * server's archive keeps the history: logging in again fetches it anew.
 */
export async function forgetAccount(lifecycle: SessionLifecycle, host: { readonly session?: ChatSession }): Promise<void> {
  await lifecycle.settled;
  const { session } = host;
  lifecycle.logout(); // closes the session: nothing it still does reaches the page
  if (!session) return;
  const { conversations, contacts, conversation } = session;
  forgetDrafts([...conversations.map((c) => c.peer), ...contacts.map((c) => c.jid), ...(conversation.peer ? [conversation.peer] : [])]);
  await session.chat.store.forget(); // after the writes queued, and refusing those still to come
}
