/**
 * The composer's bar above the field while a message is answered ("Replying to Ann" and a quote
 * of it) or corrected ("Editing your message"), with a button that leaves the reply or the
 * correction. Loaded with the first reply or correction, styles included, so that a visitor who
 * writes neither never loads it.
 */
import { css, html } from 'lit';
import { emit } from '../events.ts';
import '../i18n/catalog-compose.ts';
import { t } from '../i18n/i18n.ts';
import type { XmppChatComposer } from './composer.ts';

const styles = css`
  [part~='composer'] { flex-wrap: wrap; }
  .bar {
    flex: 1 0 100%;
    display: flex;
    align-items: center;
    gap: 8px;
    min-inline-size: 0;
    padding-block: 2px;
    padding-inline: 10px 0;
    border-inline-start: 3px solid var(--xmpp-chat-accent, #2563eb);
    font-size: 14px;
    line-height: 1.35;
  }
  .about { flex: 1 1 auto; display: grid; min-inline-size: 0; }
  .what { font-weight: 600; }
  .quote { color: var(--xmpp-chat-muted, #475569); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  [part~='preview-cancel'] {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 32px;
    block-size: 32px;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--xmpp-chat-muted, #475569);
    cursor: pointer;
  }
  [part~='preview-cancel']:hover { color: var(--xmpp-chat-text, #0f172a); }
  [part~='preview-cancel']:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
`;

/** The bar for the composer's `editing` or, without it, its `replyingTo`. */
export function renderReplyEditBar(composer: XmppChatComposer) {
  const root = composer.shadowRoot;
  const sheet = styles.styleSheet;
  if (sheet && root && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const { lang, editing, replyingTo } = composer;
  const cancel = (type: 'xmpp-chat-edit-cancel' | 'xmpp-chat-reply-cancel', label: string) =>
    html`<button part="preview-cancel" type="button" aria-label=${label} title=${label}
      @click=${() => {
        emit(composer, type, {});
        // The button goes with the bar: writing goes on in the field.
        composer.focus();
      }}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
    </button>`;
  if (editing)
    return html`<div part="edit-preview" class="bar">
      <span class="about" id="bar"><span class="what">${t(lang, 'composer.editing')}</span></span>
      ${cancel('xmpp-chat-edit-cancel', t(lang, 'composer.cancel-edit'))}
    </div>`;
  return html`<div part="reply-preview" class="bar">
    <span class="about" id="bar">
      <span class="what">${t(lang, 'composer.replying', { name: replyingTo?.name ?? '' })}</span>
      <span class="quote" dir="auto">${replyingTo?.quote}</span>
    </span>
    ${cancel('xmpp-chat-reply-cancel', t(lang, 'composer.cancel-reply'))}
  </div>`;
}
