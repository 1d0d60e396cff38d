import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CannedReply } from '../../src/desk.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './canned-replies.styles.ts';
import { buildRows, filterRows, type ReplyRow } from './reply-rows.ts';
import { saveReplyForm, suggestTitle, unsavable } from './save-reply-form.ts';

/**
 * @summary The support agent's saved replies, next to the composer: a "Replies" button opens a
 * panel to search them, insert one, delete one, or save the current draft as a new one.
 *
 * The search field keeps focus while the arrow keys move through the replies
 * (aria-activedescendant) and Enter inserts one; Escape closes the panel and returns to the button.
 * The element only asks: the page (or panel) saves and deletes, and passes the new `replies`.
 *
 * @csspart toggle-button - The "Replies" button.
 * @csspart panel - The panel it opens.
 * @csspart search - The search field.
 * @csspart list - The listbox of replies.
 * @csspart reply - Each reply; `reply-active` is added to the keyboard's one.
 * @csspart delete-button - The delete button of a reply.
 * @csspart save-form - The form that saves the draft as a reply.
 * @csspart title-input - The new reply's title.
 * @csspart save-button - The save button.
 * @cssproperty --xmpp-chat-accent - Save button, active reply, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Previews, hints and field edges (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - The panel's edge (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-insert-reply - A reply was chosen: `{ text }`.
 * @fires xmpp-chat-save-reply - Save the draft: `{ title, text }`, both trimmed and not empty.
 * @fires xmpp-chat-delete-reply - Delete a reply: `{ id }`.
 */
export class XmppChatCannedReplies extends LitElement {
  static override styles = styles;
  static override properties = {
    replies: { attribute: false },
    draft: { attribute: false },
    lang: {},
    open: { state: true },
    query: { state: true },
    active: { state: true },
    typedTitle: { state: true },
  };

  declare replies: CannedReply[];
  /** The composer's current text. */
  declare draft: string;
  declare lang: string;
  declare private open: boolean;
  declare private query: string;
  /** Index of the keyboard's reply among those shown. */
  declare private active: number;
  /** The title as the agent typed it; until then it follows the draft. */
  declare private typedTitle: string;
  #rows: ReplyRow[] = [];
  #shown: ReplyRow[] = [];
  /** After a delete, the position whose delete button takes the focus once the list has changed. */
  #refocus: number | undefined;

  constructor() {
    super();
    this.replies = [];
    this.draft = '';
    this.lang = 'en';
    this.open = false;
    this.query = '';
    this.active = 0;
    this.typedTitle = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onOutside, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('draft') && this.draft.trim() === '') this.typedTitle = '';
    if (changed.has('replies')) this.#rows = buildRows(this.replies);
    this.#shown = filterRows(this.#rows, this.query);
    this.active = Math.max(0, Math.min(this.active, this.#shown.length - 1));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('open')) {
      if (this.open) document.addEventListener('pointerdown', this.#onOutside, true);
      else document.removeEventListener('pointerdown', this.#onOutside, true);
    }
    if (changed.has('active') || changed.has('query')) this.#$(`#reply-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    if (changed.has('replies') && this.#refocus !== undefined) {
      // The row's button now belongs to the next reply; only when the last row went is focus lost.
      const lost = this.open && !this.shadowRoot!.activeElement && [document.body, null].includes(document.activeElement as HTMLElement);
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('[part~="delete-button"]');
      if (lost) (buttons[Math.min(this.#refocus, buttons.length - 1)] ?? this.#$('#search'))?.focus();
      this.#refocus = undefined;
    }
  }

  override render() {
    const lang = this.lang;
    const shown = this.#shown;
    const empty =
      this.replies.length === 0
        ? t(lang, 'replies.none')
        : shown.length === 0
          ? t(lang, 'replies.no-match', { query: this.query.trim() })
          : '';
    return html`<button id="toggle" part="toggle-button" type="button" aria-expanded=${String(this.open)}
        aria-controls="panel" @click=${() => this.#setOpen(!this.open)} @keydown=${this.#onKey} @focusout=${this.#onFocusOut}>${t(lang, 'replies.open')}</button>
      <div id="panel" part="panel" role="group" aria-label=${t(lang, 'replies.label')} ?hidden=${!this.open}
        @keydown=${this.#onKey} @focusout=${this.#onFocusOut}>
        <label class="sr-only" for="search">${t(lang, 'replies.search')}</label>
        <input id="search" part="search" type="search" role="combobox" dir="auto" aria-expanded="true" aria-controls="list"
          aria-autocomplete="list" autocomplete="off" spellcheck="false" placeholder=${t(lang, 'replies.search')}
          aria-activedescendant=${shown.length ? `reply-${this.active}` : nothing} .value=${live(this.query)}
          @input=${this.#onSearch} @keydown=${this.#onSearchKey} />
        <div class="empty" role="status">${empty || nothing}</div>
        <div class="replies" ?hidden=${shown.length === 0}>
          <div id="list" part="list" role="listbox" aria-label=${t(lang, 'replies.label')}>
            ${shown.map(
              (row, i) => html`<div id="reply-${i}" role="option" aria-selected=${String(i === this.active)}
              part=${i === this.active ? 'reply reply-active' : 'reply'} @click=${() => this.#choose(i)}>
              <span class="title" dir="auto">${row.reply.title}</span>
              <span class="preview" dir="auto">${row.preview}</span>
            </div>`,
            )}
          </div>
          <div class="deletes">${shown.map(
            ({ reply }) => html`<button part="delete-button" type="button"
            @click=${() => this.#delete(reply)}><svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>
            <span class="sr-only">${t(lang, 'replies.delete', { title: reply.title })}</span></button>`,
          )}</div>
        </div>
        ${saveReplyForm(lang, this.draft, this.typedTitle, this.#onTitle, (e) => this.#onSave(e))}
      </div>`;
  }

  #$ = (selector: string) => this.renderRoot?.querySelector<HTMLElement>(selector);

  async #setOpen(open: boolean, focusToggle = false): Promise<void> {
    this.open = open;
    if (open) {
      this.query = '';
      this.active = 0;
    }
    await this.updateComplete;
    if (open) this.#$('#search')?.focus();
    else if (focusToggle) this.#$('#toggle')?.focus();
  }

  #choose(index: number): void {
    const reply = this.#shown[index]?.reply;
    if (!reply) return;
    this.open = false;
    // Focus leaves the panel before it hides; a listener may then move it on to the composer.
    this.#$('#toggle')?.focus();
    emit(this, 'xmpp-chat-insert-reply', { text: reply.text });
  }

  #delete(reply: CannedReply): void {
    this.#refocus = this.#shown.findIndex((row) => row.reply === reply);
    emit(this, 'xmpp-chat-delete-reply', { id: reply.id });
  }

  #onTitle = (title: string): void => {
    this.typedTitle = title;
  };

  #onSave(event: SubmitEvent): void {
    event.preventDefault();
    const text = this.draft.trim();
    if (unsavable(this.lang, text)) return;
    const title = this.typedTitle.replace(/\s+/g, ' ').trim() || suggestTitle(text);
    this.typedTitle = '';
    emit(this, 'xmpp-chat-save-reply', { title, text });
  }

  #onSearch(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = 0;
  }

  #onSearchKey(event: KeyboardEvent): void {
    const last = this.#shown.length - 1;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.active = Math.max(0, Math.min(last, this.active + (event.key === 'ArrowDown' ? 1 : -1)));
    } else if (event.key === 'Enter' && !event.isComposing && last >= 0) {
      event.preventDefault();
      this.#choose(this.active);
    }
  }

  #onKey(event: KeyboardEvent): void {
    // Escape closes only the panel, not the chat around it.
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    void this.#setOpen(false, true);
  }

  /** Tabbing out of the element closes the panel (a window losing focus, with no new target, does not). */
  #onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && !this.renderRoot.contains(to)) this.open = false;
  }

  readonly #onOutside = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.open = false;
  };
}

if (!customElements.get('xmpp-chat-canned-replies')) customElements.define('xmpp-chat-canned-replies', XmppChatCannedReplies);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-canned-replies': XmppChatCannedReplies;
  }
}
