import { html, LitElement, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './composer.styles.ts';
import { loadDraft, saveDraft } from './drafts.ts';

/**
 * @summary Where the user writes a message: Enter sends, Shift+Enter starts a new line. The field
 * grows with its text up to about six lines, then scrolls. The draft of each conversation is kept
 * across reloads.
 *
 * @csspart composer - The form around the field and the button.
 * @csspart input - The text field.
 * @csspart send-button - The send button.
 * @cssproperty --xmpp-chat-accent - Send button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - The send button's icon (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Placeholder and the field's edge (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - The line above the composer (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-send - The user sends `{ body }`: trimmed, never empty.
 * @fires xmpp-chat-typing - `{ typing: true }` on each edit that leaves text, `{ typing: false }`
 * when the text becomes blank or is sent.
 */
export class XmppChatComposer extends LitElement {
  static override styles = styles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    lang: {},
    disabled: { type: Boolean, reflect: true },
    draftKey: { attribute: 'draft-key' },
    text: { state: true },
  };

  declare lang: string;
  declare disabled: boolean;
  /** The conversation the draft belongs to; drafts are not kept while it is empty. */
  declare draftKey: string;
  declare private text: string;
  /** Whether the last typing event said `true`, so that `false` is sent once per stretch of typing. */
  #typing = false;

  constructor() {
    super();
    this.lang = 'en';
    this.disabled = false;
    this.draftKey = '';
    this.text = '';
  }

  get #field(): HTMLTextAreaElement | null | undefined {
    return this.renderRoot?.querySelector('textarea');
  }

  /** Focuses the text field (once rendered). */
  override focus(options?: FocusOptions): void {
    if (this.#field) this.#field.focus(options);
    else void this.updateComplete.then(() => this.#field?.focus(options));
  }

  /** The text being written. */
  get value(): string {
    return this.text;
  }

  /** Puts `text` where the cursor is (replacing a selection), as if typed, and focuses the field. */
  insert(text: string): void {
    const field = this.#field;
    if (field) {
      field.focus();
      field.setRangeText(text, field.selectionStart, field.selectionEnd, 'end');
      this.#changed(field.value);
    } else {
      this.#changed(this.text + text);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The old draft needs no saving here: every edit has already stored it.
    if (changed.has('draftKey')) {
      this.text = this.draftKey ? loadDraft(this.draftKey) : '';
      this.#typing = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('text')) this.#fit();
  }

  override render() {
    const lang = this.lang;
    return html`<form part="composer" @submit=${this.#onSubmit}>
      <textarea part="input" rows="1" enterkeyhint="send" aria-label=${t(lang, 'composer.label')}
        placeholder=${t(lang, 'composer.placeholder')} .value=${live(this.text)} ?disabled=${this.disabled}
        @input=${this.#onInput} @keydown=${this.#onKeyDown} @focus=${this.#fit}></textarea>
      <button part="send-button" type="submit" ?disabled=${this.disabled}>
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10.2 15 12 3.4 13.8z" />
        </svg>
        <span class="sr-only">${t(lang, 'composer.send')}</span>
      </button>
    </form>`;
  }

  #onInput(event: InputEvent): void {
    this.#changed((event.target as HTMLTextAreaElement).value);
  }

  #changed(text: string): void {
    this.text = text;
    // Stored on every edit, so a reload or a crash at any moment keeps what was written.
    if (this.draftKey) saveDraft(this.draftKey, this.text);
    if (this.text.trim() !== '') {
      this.#typing = true;
      emit(this, 'xmpp-chat-typing', { typing: true });
    } else if (this.#typing) {
      this.#typing = false;
      emit(this, 'xmpp-chat-typing', { typing: false });
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    // Enter that confirms an IME composition must not send; Safari reports it as keyCode 229
    // after compositionend, with isComposing already false.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#send();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.#send();
    // After a click on the button, writing goes on in the field.
    this.#field?.focus();
  }

  #send(): void {
    const body = this.text.trim();
    if (this.disabled || body === '') return;
    this.text = '';
    if (this.draftKey) saveDraft(this.draftKey, '');
    this.#typing = false;
    emit(this, 'xmpp-chat-send', { body });
    emit(this, 'xmpp-chat-typing', { typing: false });
  }

  /** Grows the field to its text; its CSS max-block-size caps it at about six lines. */
  readonly #fit = (): void => {
    const field = this.#field;
    if (!field) return;
    field.style.blockSize = 'auto';
    // Unrendered (hidden) fields measure 0: leave them at their natural height.
    if (field.scrollHeight === 0) return;
    field.style.blockSize = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
  };
}

if (!customElements.get('xmpp-chat-composer')) customElements.define('xmpp-chat-composer', XmppChatComposer);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-composer': XmppChatComposer;
  }
}
