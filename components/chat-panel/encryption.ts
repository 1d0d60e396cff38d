/**
 * End-to-end encryption's part of the panel (`encryption="omemo"`): the mark on each message, the
 * header's button to the encryption view, the view in place of the conversation, and the notices
 * of a peer's new or changed device. Loaded as its own chunk only where encryption is on, so a
 * widget without it never carries this, its strings or the view.
 */
import { html, nothing } from 'lit';
import type { OmemoDeviceChange, StoredMessage } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import '../encryption-view/encryption-view.ts';
import '../i18n/catalog-encryption.ts';
import { t } from '../i18n/i18n.ts';
import { passOnParts } from '../pass-on-parts.ts';
import type { ChatPanel } from './chat-panel.ts';
import { peerName } from './chat-panel.views.ts';

/** The encryption view's parts, and the panel's own (button, notices): passed on once this loads. */
export const ENCRYPTION_PARTS = [
  'encryption-button',
  'encryption-notice',
  'encryption-view',
  'fingerprint',
  'qr-code',
  'device',
  'trust',
  'trust-button',
  'encryption-back',
] as const;

/** Each session's device news: those not yet dismissed, oldest first, and how many came. */
const news = new WeakMap<ChatSession, { list: OmemoDeviceChange[]; count: number }>();
/** The panels showing the encryption view, with whose conversation it is about. */
const viewing = new WeakMap<ChatPanel, string>();

/** Starts following `session`'s device news (once) and passes the parts on. */
export function attach(panel: ChatPanel, session: ChatSession | undefined): void {
  passOnParts(panel, ENCRYPTION_PARTS);
  if (!session || news.has(session)) return;
  const kept = { list: [] as OmemoDeviceChange[], count: 0 };
  news.set(session, kept);
  session.chat
    .omemo()
    .then((omemo) => {
      if (!omemo) return;
      // This device showing up in our own account's list is no news to its reader.
      const own = omemo.ownDevice();
      omemo.on('device', (change) => {
        own
          .then(({ deviceId }) => {
            if (change.deviceId === deviceId && change.jid === session.chat.client.jid?.split('/')[0]) return;
            kept.list.push(change);
            kept.count++;
            session.changed();
          })
          .catch((error: Error) => session.fail(error));
      });
    })
    .catch((error: Error) => session.fail(error));
}

const lock = (open: boolean) =>
  html`<svg aria-hidden="true" viewBox="0 0 16 16"><rect x="3" y="7" width="10" height="7" rx="1.5"></rect><path d=${open ? 'M5.5 7V5a2.5 2.5 0 0 1 5 0' : 'M5.5 7V5a2.5 2.5 0 0 1 5 0v2'}></path></svg>`;

/**
 * A message's mark in an encrypted conversation: a lock, told in words to screen readers; one
 * that went or came in plain text says so in words, and so do one that could not be encrypted and
 * one this device could not decrypt, with the lock in the danger colour. It uses the list's own
 * styles (those of the delivery state), so a widget without encryption carries none for it.
 */
export function mark(message: StoredMessage, lang: string) {
  if (message.encrypted && message.state === 'failed')
    return html`<span class="state failed" part="message-encryption message-unencrypted">${lock(true)}<strong>${t(lang, 'encryption.not-sent')}</strong></span>`;
  // Our own sentence for one this device could not decrypt (its body is the core's, in English).
  if (message.undecryptable)
    return html`<span class="state failed" part="message-encryption">${lock(false)}<strong>${t(
      lang,
      message.undecryptable === 'notForUs' ? 'encryption.not-for-us' : 'encryption.undecryptable',
    )}</strong></span>`;
  if (message.encrypted)
    return html`<span class="state" part="message-encryption">${lock(false)}<span class="sr">${t(lang, 'encryption.encrypted')}</span></span>`;
  return html`<span class="state failed" part="message-encryption message-unencrypted">${lock(true)}<strong>${t(lang, 'encryption.unencrypted')}</strong></span>`;
}

/** The header's button to the encryption view of `peer`'s conversation. */
export function renderHeaderButton(panel: ChatPanel, peer: string) {
  const label = t(panel.lang, 'encryption.button');
  const open = viewing.get(panel) === peer;
  return html`<button class="icon" part="encryption-button" aria-label=${label} title=${label} aria-pressed=${open ? 'true' : 'false'}
    @click=${() => {
      if (open) viewing.delete(panel);
      else viewing.set(panel, peer);
      panel.requestUpdate();
      // Into the view as it opens, so the keyboard and screen readers are where the reader went.
      if (!open) void panel.updateComplete.then(() => panel.renderRoot.querySelector<HTMLElement>('xmpp-chat-encryption-view')?.focus());
    }}><svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2">
    <rect x="5" y="11" width="14" height="9" rx="2"></rect><path d="M8 11V8a4 4 0 0 1 8 0v3"></path></svg></button>`;
}

/** The encryption view in place of the conversation, while the reader has it open. */
export function renderView(panel: ChatPanel, session: ChatSession) {
  const peer = viewing.get(panel);
  const open = panel.config.mode === 'full' ? session.conversation.peer : panel.config.to;
  if (!peer || peer !== open) return undefined;
  const close = () => {
    viewing.delete(panel);
    panel.requestUpdate();
    void panel.updateComplete.then(() => panel.renderRoot.querySelector<HTMLElement>('[part~="encryption-button"]')?.focus());
  };
  return html`<xmpp-chat-encryption-view class="conversation" exportparts=${ENCRYPTION_PARTS.join(', ')} lang=${panel.lang}
    .chat=${session.chat} .revision=${news.get(session)?.count ?? 0} peer=${peer} self=${session.chat.client.jid?.split('/')[0] ?? ''} peer-name=${peerName(panel, session, peer)}
    @xmpp-chat-encryption-close=${close}></xmpp-chat-encryption-view>`;
}

/** The device news of `peer` (and of our own account) in its conversation, in words, each dismissible. */
export function renderNotices(panel: ChatPanel, session: ChatSession, peer: string) {
  const list = news.get(session)?.list ?? [];
  const self = session.chat.client.jid?.split('/')[0];
  const shown = list.filter((change) => change.jid === peer || change.jid === self);
  if (!shown.length) return nothing;
  const { lang } = panel;
  return shown.map((change) => {
    const own = change.jid === self;
    const key = own ? `encryption.own-${change.change}-device` : `encryption.${change.change}-device`;
    const words = t(lang, key as 'encryption.new-device', { name: peerName(panel, session, peer), id: change.deviceId });
    return html`<div part="encryption-notice" class="status encryption-notice"><div role="status" class="line">${words}
      <button class="text" @click=${() => {
        list.splice(list.indexOf(change), 1);
        panel.requestUpdate();
      }}>${t(lang, 'encryption.dismiss')}</button></div></div>`;
  });
}
