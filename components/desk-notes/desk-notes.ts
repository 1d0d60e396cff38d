import { html, LitElement, nothing } from 'lit';
import type { DeskNote } from '../../src/desk.ts';
import { emit } from '../events.ts';
import { fieldText } from '../form-field.ts';
import '../i18n/catalog-full.ts';
import { resolveLang, t } from '../i18n/i18n.ts';
import { styles } from './desk-notes.styles.ts';

/**
 * @summary A conversation's private notes and labels on the support desk: only the team sees
 * them; nothing here is ever sent to the visitor.
 *
 * The element only asks: the panel adds the note or changes the labels, and passes the new ones.
 *
 * @csspart notes - The notes and labels.
 * @csspart note - One note; a transfer's note has `data-kind="transfer"`.
 * @csspart note-button - Opens the form for a new note.
 * @csspart note-input - The new note's text.
 * @csspart note-save-button - Adds the note.
 * @csspart label - One label of the conversation.
 * @csspart label-remove-button - Removes a label.
 * @csspart label-input - A new label (suggesting those in use).
 * @cssproperty --xmpp-chat-accent - Buttons, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Authors, times and hints (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - Borders (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-desk-note - Add a note: `{ text }`, trimmed and not empty.
 * @fires xmpp-chat-desk-labels - The labels are now `{ labels }`.
 */
export class XmppChatDeskNotes extends LitElement {
  static override styles = styles;
  static override properties = {
    notes: { attribute: false },
    labels: { attribute: false },
    suggestions: { attribute: false },
    lang: {},
    writing: { state: true },
  };

  /** Oldest first. */
  declare notes: readonly DeskNote[];
  declare labels: readonly string[];
  /** Labels in use on other conversations. */
  declare suggestions: readonly string[];
  declare lang: string;
  declare private writing: boolean;

  constructor() {
    super();
    this.notes = [];
    this.labels = [];
    this.suggestions = [];
    this.lang = 'en';
    this.writing = false;
  }

  override render() {
    const { lang } = this;
    const time = new Intl.DateTimeFormat(resolveLang(lang), { dateStyle: 'short', timeStyle: 'short' });
    return html`<section part="notes" class="root" aria-labelledby="notes-title">
      <h3 id="notes-title" class="title">${t(lang, 'desk.notes')}</h3>
      <p class="hint">${t(lang, 'desk.notes-private')}</p>
      <ul class="labels" aria-label=${t(lang, 'desk.labels')}>
        ${this.labels.map(
          (label) => html`<li part="label" class="label"><span dir="auto">${label}</span>
            <button part="label-remove-button" type="button" aria-label=${t(lang, 'desk.label-remove', { label })}
              @click=${() => this.#setLabels(this.labels.filter((l) => l !== label))}>×</button></li>`,
        )}
      </ul>
      <form class="add-label" @submit=${this.#onLabel}>
        <label class="sr-only" for="label-input">${t(lang, 'desk.label-add')}</label>
        <input id="label-input" part="label-input" name="label" list="known-labels" autocomplete="off" maxlength="50"
          placeholder=${t(lang, 'desk.label-add')} />
        <datalist id="known-labels">${this.suggestions.filter((s) => !this.labels.includes(s)).map((s) => html`<option value=${s}></option>`)}</datalist>
        <button type="submit">${t(lang, 'desk.label-submit')}</button>
      </form>
      ${
        this.notes.length
          ? html`<ol class="list">${this.notes.map(
              (note) => html`<li part="note" class="note" data-kind=${note.kind}>
                <p class="meta"><span dir="auto">${note.author}</span> · <time datetime=${new Date(note.at).toISOString()}>${time.format(note.at)}</time>${
                  note.kind === 'transfer' ? html` · ${t(lang, 'desk.note-transfer')}` : nothing
                }</p>
                <p class="text" dir="auto">${note.text}</p>
              </li>`,
            )}</ol>`
          : html`<p class="hint">${t(lang, 'desk.notes-none')}</p>`
      }
      ${
        this.writing
          ? html`<form class="add-note" @submit=${this.#onNote} @keydown=${this.#onNoteKey}>
              <label for="note-input">${t(lang, 'desk.note-add')}</label>
              <textarea id="note-input" part="note-input" name="note" rows="2" maxlength="4000"></textarea>
              <div class="actions">
                <button part="note-save-button" type="submit">${t(lang, 'desk.note-submit')}</button>
                <button type="button" @click=${() => void this.#write(false)}>${t(lang, 'contacts.add-cancel')}</button>
              </div>
            </form>`
          : html`<button part="note-button" class="write" type="button" @click=${() => void this.#write(true)}>${t(lang, 'desk.note-add')}</button>`
      }
    </section>`;
  }

  #onNote(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = fieldText(new FormData(form), 'note').trim();
    if (!text) return;
    emit(this, 'xmpp-chat-desk-note', { text });
    void this.#write(false);
  }

  #onNoteKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    void this.#write(false);
  }

  /** The form opens on the agent's word only, so the conversation's one text field is the composer's. */
  async #write(open: boolean): Promise<void> {
    this.writing = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '#note-input' : '[part~="note-button"]')?.focus();
  }

  #onLabel(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const label = fieldText(new FormData(form), 'label').replace(/\s+/g, ' ').trim();
    form.reset();
    if (label && !this.labels.includes(label)) this.#setLabels([...this.labels, label]);
  }

  #setLabels(labels: string[]): void {
    emit(this, 'xmpp-chat-desk-labels', { labels });
  }
}

if (!customElements.get('xmpp-chat-desk-notes')) customElements.define('xmpp-chat-desk-notes', XmppChatDeskNotes);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-desk-notes': XmppChatDeskNotes;
  }
}
