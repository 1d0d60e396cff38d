import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Upload } from '../controllers/uploads.ts';
import { emit, type XmppChatEvents } from '../events.ts';
import '../i18n/catalog-compose.ts';
import { t } from '../i18n/i18n.ts';
import { formatSize } from '../message-list/file-size.ts';
import { styles } from './upload-tray.styles.ts';

type TrayEvent = 'xmpp-chat-upload-cancel' | 'xmpp-chat-upload-retry' | 'xmpp-chat-upload-dismiss';

/**
 * @summary The files being sent in the conversation (see controllers/uploads.ts): each with its
 * name, size, progress and a Cancel button; a failed one says why, once, for screen readers too,
 * and offers Retry (when trying again can help) and Dismiss. Renders nothing without uploads.
 *
 * Load it with the first upload: `import('./upload-tray/upload-tray.ts')`.
 *
 * @csspart upload-tray - The list.
 * @csspart upload - One file; also `upload-failed` when it failed.
 * @csspart upload-progress - Its progress bar (indeterminate while the file is checked).
 * @csspart upload-error - Why it failed.
 * @csspart upload-button - The Cancel, Retry and Dismiss buttons.
 * @cssproperty --xmpp-chat-accent - Progress and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Sizes and the buttons' edges (#475569).
 * @cssproperty --xmpp-chat-danger - Why an upload failed (#dc2626).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - The line above the tray (#e2e8f0).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-upload-cancel - `{ id }`: stop this upload.
 * @fires xmpp-chat-upload-retry - `{ id }`: try this failed upload again.
 * @fires xmpp-chat-upload-dismiss - `{ id }`: forget this failed upload.
 */
export class XmppChatUploadTray extends LitElement {
  static override styles = styles;
  static override properties = { lang: {}, items: { attribute: false } };

  declare lang: string;
  declare items: readonly Upload[];
  /** The row whose first button takes the focus after the next update. */
  #focus?: string;

  constructor() {
    super();
    this.lang = 'en';
    this.items = [];
  }

  override render() {
    if (!this.items.length) return nothing;
    return html`<ul part="upload-tray" aria-label=${t(this.lang, 'upload.label')}>
      ${repeat(
        this.items,
        (item) => item.id,
        (item) => this.#row(item),
      )}
    </ul>`;
  }

  #row(item: Upload) {
    const { lang } = this;
    const { id, name, stage } = item;
    const failed = stage === 'failed';
    const button = (type: TrayEvent, key: 'upload.cancel' | 'upload.retry' | 'upload.dismiss') =>
      html`<button part="upload-button" type="button" aria-describedby="name-${id}" @click=${() => this.#act(type, id)}>${t(lang, key)}</button>`;
    return html`<li part=${failed ? 'upload upload-failed' : 'upload'} data-id=${id}>
      <span class="facts"><span class="name" id="name-${id}" dir="auto" title=${name}>${name}</span>
        <span class="size">${formatSize(item.size, lang)}</span></span>
      <span class="actions">${
        failed
          ? [
              item.retryable ? button('xmpp-chat-upload-retry', 'upload.retry') : nothing,
              button('xmpp-chat-upload-dismiss', 'upload.dismiss'),
            ]
          : stage === 'sending'
            ? nothing
            : button('xmpp-chat-upload-cancel', 'upload.cancel')
      }</span>
      ${
        failed
          ? html`<p part="upload-error" role="alert">${this.#why(item)}</p>`
          : html`<progress part="upload-progress" aria-label=${t(lang, 'upload.progress', { name })} max=${Math.max(1, item.size)}
              value=${stage === 'preparing' ? nothing : item.sent}></progress>`
      }
    </li>`;
  }

  #why({ name, size, failure }: Upload): string {
    const { lang } = this;
    if (failure?.condition === 'no-service') return t(lang, 'upload.no-service', { name });
    if (failure?.condition === 'too-large' && failure.limit !== undefined)
      return t(lang, 'upload.too-large', { name, size: formatSize(size, lang), limit: formatSize(failure.limit, lang) });
    return t(lang, 'upload.failed', { name, message: failure?.message ?? failure?.condition ?? '' });
  }

  /** Fires the event; then the focus goes to the row's new button (retry) or to a neighbour's (the row goes). */
  #act(type: TrayEvent, id: string): void {
    const index = this.items.findIndex((item) => item.id === id);
    this.#focus = type === 'xmpp-chat-upload-retry' ? id : (this.items[index + 1] ?? this.items[index - 1])?.id;
    emit(this, type, { id } satisfies XmppChatEvents[TrayEvent]);
  }

  protected override updated(): void {
    if (this.#focus === undefined) return;
    const button = this.renderRoot.querySelector<HTMLElement>(`[data-id="${this.#focus}"] [part~="upload-button"]`);
    this.#focus = undefined;
    button?.focus();
  }
}

if (!customElements.get('xmpp-chat-upload-tray')) customElements.define('xmpp-chat-upload-tray', XmppChatUploadTray);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-upload-tray': XmppChatUploadTray;
  }
}
