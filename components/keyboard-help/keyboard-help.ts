import { html, LitElement } from 'lit';
import { AGENT_KEYS } from '../controllers/agent-keys.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './keyboard-help.styles.ts';

/**
 * @summary The support agent's keyboard shortcuts, in a modal dialog: `show()` opens it, Escape
 * or its button closes it, and the focus goes back where it was.
 *
 * A modal `<dialog>` keeps the focus inside (the rest of the page is inert while it is open).
 *
 * @csspart keyboard-help - The dialog.
 * @csspart shortcut-key - A key, as shown.
 * @cssproperty --xmpp-chat-accent - Focus ring (#2563eb).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - The keys' edges (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 */
export class XmppChatKeyboardHelp extends LitElement {
  static override styles = styles;
  static override properties = { lang: {} };

  declare lang: string;
  #returnTo?: HTMLElement;

  constructor() {
    super();
    this.lang = 'en';
  }

  get open(): boolean {
    return !!this.renderRoot.querySelector('dialog')?.open;
  }

  async show(): Promise<void> {
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog')!;
    if (dialog.open) return;
    this.#returnTo = deepActiveElement();
    dialog.showModal();
    dialog.querySelector<HTMLElement>('.close')?.focus();
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    const { lang } = this;
    return html`<dialog part="keyboard-help" aria-labelledby="keys-title" @close=${this.#onClose}>
      <h2 id="keys-title">${t(lang, 'keys.title')}</h2>
      <p class="hint">${t(lang, 'keys.hint')}</p>
      <dl>
        ${AGENT_KEYS.map((k) => html`<div class="row"><dt><kbd part="shortcut-key">${k.key}</kbd></dt><dd>${t(lang, k.label)}</dd></div>`)}
      </dl>
      <form method="dialog"><button class="close" type="submit">${t(lang, 'panel.close')}</button></form>
    </dialog>`;
  }

  #onClose = (): void => {
    const to = this.#returnTo;
    this.#returnTo = undefined;
    if (to?.isConnected) to.focus();
  };
}

/** The focused element, inside shadow roots too. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

if (!customElements.get('xmpp-chat-keyboard-help')) customElements.define('xmpp-chat-keyboard-help', XmppChatKeyboardHelp);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-keyboard-help': XmppChatKeyboardHelp;
  }
}
