import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './composer.styles.ts';
import { loadDraft, saveDraft } from './drafts.ts';

/** The bar of a reply or a correction, loaded when first shown. */
let bar: typeof import('./reply-edit-bar.ts') | undefined;

/** A 24px line icon. */
const icon = (d: string) =>
  html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d=${d} fill="none"
    stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /></svg>`;

/**
 * @summary Where the user writes a message: Enter sends, Shift+Enter starts a new line. The field
 * grows with its text up to about six lines, then scrolls. The draft of each conversation is kept
 * across reloads. Files are attached with the attach button or pasted; emoji come from a picker
 * that loads when first opened. ↑ in the empty field asks to correct the last message.
 *
 * With `replyingTo` or `editing`, a bar above the field (loaded when first shown) says which
 * message is answered or corrected, and its button or Escape leaves it; the host clears the
 * property on those events and on `xmpp-chat-send`. A correction's text is never kept as the draft.
 *
 * @csspart composer - The form around the field and the buttons.
 * @csspart input - The text field.
 * @csspart send-button - The send button.
 * @csspart attach-button - The attach button, a label over the file input.
 * @csspart file-input - The file input (visually hidden; it takes the focus for the attach button).
 * @csspart emoji-button - Opens and closes the emoji picker; `aria-expanded` says which.
 * @csspart emoji-picker - The emoji picker (and its parts emoji-search, emoji-tab, emoji-option).
 * @csspart reply-preview - The bar above the field naming the message answered.
 * @csspart edit-preview - The bar above the field while a message is corrected.
 * @csspart preview-cancel - The bar's button that leaves the reply or the correction.
 * @cssproperty --xmpp-chat-accent - Send button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - The send button's icon (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Placeholder, the field's edge, the attach and emoji buttons (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - The line above the composer (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-send - The user sends `{ body }`: trimmed, never empty; with `replyTo` or
 * `edit`, the key of the message answered or corrected.
 * @fires xmpp-chat-attach - `{ files }` chosen with the attach button or pasted (an image from the clipboard).
 * @fires xmpp-chat-edit-last - ↑ in the empty field: correct the last message sent.
 * @fires xmpp-chat-reply-cancel - The reply bar's button or Escape: write no reply after all.
 * @fires xmpp-chat-edit-cancel - The correction bar's button or Escape: leave the message as it was.
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
    replyingTo: { attribute: false },
    // A new object for the same message is no change: the text being corrected stays.
    editing: { attribute: false, hasChanged: (a?: { key: string }, b?: { key: string }) => a?.key !== b?.key },
    text: { state: true },
  };

  declare lang: string;
  declare disabled: boolean;
  /** The conversation the draft belongs to; drafts are not kept while it is empty. */
  declare draftKey: string;
  /** The message being answered: its key, its author's name and a short quote of it. */
  declare replyingTo?: { key: string; name: string; quote: string };
  /** The message of ours being corrected: its key and its text, which the field takes. */
  declare editing?: { key: string; body: string };
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
    if (changed.has('draftKey') || changed.has('editing')) {
      this.text = this.editing?.body ?? (this.draftKey ? loadDraft(this.draftKey) : '');
      this.#typing = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('text')) this.#fit();
  }

  override render() {
    const { lang, disabled } = this;
    const context = this.replyingTo || this.editing;
    return html`<form part="composer" @submit=${this.#onSubmit}>
      ${context ? (bar?.renderReplyEditBar(this) ?? this.#loadBar()) : nothing}
      <label part="attach-button" class="tool">${icon('M21 11l-9 9a6 6 0 0 1-8.5-8.5l9-9a4 4 0 0 1 5.7 5.7l-9 9a2 2 0 0 1-2.9-2.9L15 6')}
        <span class="sr-only">${t(lang, 'composer.attach')}</span><input part="file-input" class="sr-only" type="file" multiple
          ?disabled=${disabled} @change=${this.#onFiles} /></label>
      <textarea part="input" rows="1" enterkeyhint="send" aria-label=${t(lang, 'composer.label')}
        placeholder=${t(lang, 'composer.placeholder')} .value=${live(this.text)} ?disabled=${disabled}
        aria-describedby=${context ? 'bar' : nothing} @input=${this.#onInput} @keydown=${this.#onKeyDown} @focus=${this.#fit}
        @paste=${this.#onPaste}></textarea>
      <button part="emoji-button" class="tool" type="button" aria-expanded="false" ?disabled=${disabled} @click=${this.#onEmoji}>
        ${icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18M8 14s1.5 2 4 2 4-2 4-2M9 9.5h.01M15 9.5h.01')}
        <span class="sr-only">${t(lang, 'composer.emoji')}</span>
      </button>
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
    if (this.draftKey && !this.editing) saveDraft(this.draftKey, this.text);
    if (this.text.trim() !== '') {
      this.#typing = true;
      emit(this, 'xmpp-chat-typing', { typing: true });
    } else if (this.#typing) {
      this.#typing = false;
      emit(this, 'xmpp-chat-typing', { typing: false });
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    const { key } = event;
    // A key that confirms or cancels an IME composition is the composition's; Safari reports
    // its Enter as keyCode 229 after compositionend, with isComposing already false.
    if (event.isComposing || event.keyCode === 229) return;
    if (key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.#send();
    } else if (key === 'ArrowUp' && !this.text && !this.editing) {
      event.preventDefault();
      emit(this, 'xmpp-chat-edit-last', {});
    } else if (key === 'Escape' && (this.replyingTo || this.editing)) {
      // Only the reply or the correction ends, not the chat around it.
      event.stopPropagation();
      emit(this, this.editing ? 'xmpp-chat-edit-cancel' : 'xmpp-chat-reply-cancel', {});
    }
  }

  /** Files in the clipboard (a copied image) are attached, and no text is pasted for them. */
  #onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    emit(this, 'xmpp-chat-attach', { files });
  }

  #onFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Emptied, so that choosing the same file again is a change too.
    input.value = '';
    if (files.length) emit(this, 'xmpp-chat-attach', { files });
  }

  #onEmoji(): void {
    void import('./emoji-popover.ts').then((popover) => popover.toggleEmojiPicker(this));
  }

  #loadBar(): typeof nothing {
    void import('./reply-edit-bar.ts').then((module) => {
      bar = module;
      this.requestUpdate();
    });
    return nothing;
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
    const { editing, replyingTo } = this;
    this.text = '';
    if (this.draftKey && !editing) saveDraft(this.draftKey, '');
    this.#typing = false;
    emit(this, 'xmpp-chat-send', editing ? { body, edit: editing.key } : replyingTo ? { body, replyTo: replyingTo.key } : { body });
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
