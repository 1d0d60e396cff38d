import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import '../i18n/catalog-emoji.ts';
import { direction, t } from '../i18n/i18n.ts';
import { CATEGORIES, emojiIn, findEmoji, searchEmoji, type Emoji, type EmojiCategory } from './emoji-search.ts';
import { styles } from './emoji-picker.styles.ts';
import { gridMove, type GridCell } from './grid-moves.ts';
import { loadRecentEmoji, rememberEmoji } from './recent-emoji.ts';

const COLUMNS = 8;

interface GridRow {
  /** The "recently used" row says so; the others are named by the grid. */
  label?: string;
  cells: readonly Emoji[];
}

/**
 * @summary An emoji picker: a search field, a tab per category, a grid of emoji with a row of the
 * recently used ones (kept on the device), all in a non-modal dialog that its host places.
 *
 * Its code and data (Unicode's emoji with English names and keywords, about 20 KB gzip) load with
 * it, never from another host: import `emoji-picker.ts` when the picker is first opened.
 *
 * The search field takes the focus when the picker is connected (or on `focus()`); Tab moves
 * between the search field, the tabs and the grid, the arrow keys within the tabs and the grid
 * (one tab stop each), Enter or Space picks an emoji, Escape asks to close. A live region says how
 * many emoji a search found. Names and keywords are English, whatever `lang` is.
 *
 * @csspart emoji-picker - The dialog.
 * @csspart emoji-search - The search field.
 * @csspart emoji-tab - A category's tab; the selected one has `aria-selected="true"`.
 * @csspart emoji-option - An emoji in the grid.
 * @cssproperty --xmpp-chat-accent - Selected tab, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Row labels, hints and field edges (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - The dialog's edge (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-emoji - An emoji was picked: `{ emoji }`. Bubbles and is composed.
 * @fires xmpp-chat-close - Escape was pressed: the host should close the picker. Bubbles, not composed.
 */
export class XmppChatEmojiPicker extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    query: { state: true },
    category: { state: true },
    active: { state: true },
  };

  declare lang: string;
  declare private query: string;
  declare private category: EmojiCategory;
  /** The grid's one tab stop, which the arrow keys move. */
  declare private active: GridCell;
  #recent: Emoji[] = [];
  #rows: GridRow[] = [];
  #focusCell = false;

  constructor() {
    super();
    this.lang = 'en';
    this.query = '';
    this.category = 'smileys';
    this.active = { row: 0, col: 0 };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Read on opening, so that picking does not move the row under the pointer.
    this.#recent = loadRecentEmoji()
      .map((emoji) => findEmoji(emoji) ?? { emoji, name: emoji, keywords: '' })
      .slice(0, COLUMNS);
    this.query = '';
    this.active = { row: 0, col: 0 };
    void this.updateComplete.then(() => this.focus());
  }

  /** Focuses the search field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('#search')?.focus(options);
  }

  protected override willUpdate(): void {
    const recent = this.#recent.length ? [{ label: t(this.lang, 'emoji.recent'), cells: this.#recent }] : [];
    const shown = this.query.trim() ? searchEmoji(this.query) : emojiIn(this.category);
    const rows: GridRow[] = this.query.trim() ? [] : recent;
    for (let i = 0; i < shown.length; i += COLUMNS) rows.push({ cells: shown.slice(i, i + COLUMNS) });
    this.#rows = rows;
    const row = Math.min(this.active.row, rows.length - 1);
    this.active = row < 0 ? { row: 0, col: 0 } : { row, col: Math.min(this.active.col, rows[row].cells.length - 1) };
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('category')) this.renderRoot.querySelector('.scroll')?.scrollTo({ top: 0 });
    // Focusing a cell scrolls it into view.
    if (this.#focusCell) this.renderRoot.querySelector<HTMLElement>('[part~="emoji-option"][tabindex="0"]')?.focus();
    this.#focusCell = false;
  }

  override render() {
    const { lang } = this;
    const searching = this.query.trim() !== '';
    const count = this.#rows.reduce((sum, row) => sum + row.cells.length, 0);
    const found = !searching ? '' : count ? t(lang, 'emoji.found', { count }) : t(lang, 'emoji.none');
    return html`<div part="emoji-picker" role="dialog" aria-label=${t(lang, 'emoji.label')} dir=${direction(lang)} @keydown=${this.#onKey}>
      <input id="search" part="emoji-search" type="search" autocomplete="off" spellcheck="false" enterkeyhint="done"
        aria-label=${t(lang, 'emoji.search')} placeholder=${t(lang, 'emoji.search')} aria-controls="panel"
        .value=${live(this.query)} @input=${this.#onInput} @keydown=${this.#onSearchKey} />
      <div role="tablist" aria-label=${t(lang, 'emoji.categories')} @keydown=${this.#onTabKey}>
        ${CATEGORIES.map(({ id, icon }) => {
          const selected = id === this.category;
          return html`<button id="tab-${id}" part="emoji-tab" role="tab" type="button" aria-selected=${String(selected)}
            tabindex=${selected ? 0 : -1} aria-controls="panel" aria-label=${t(lang, `emoji.group.${id}`)}
            title=${t(lang, `emoji.group.${id}`)} @click=${() => this.#select(id)}>${icon}</button>`;
        })}
      </div>
      <p class=${count || !searching ? 'sr-only' : 'none'} role="status">${found}</p>
      <div id="panel" class="scroll" role="tabpanel" aria-labelledby="tab-${this.category}">
        ${count ? this.#grid(searching ? t(lang, 'emoji.results') : t(lang, `emoji.group.${this.category}`)) : nothing}
      </div>
    </div>`;
  }

  #grid(label: string) {
    const { row: activeRow, col: activeCol } = this.active;
    return html`<div id="grid" role="grid" aria-label=${label} lang="en" @keydown=${this.#onGridKey}>
      ${this.#rows.map(
        (row, r) => html`<div role="row" class=${row.label ? 'recent' : 'row'} aria-label=${row.label ?? nothing}>
          ${row.cells.map(
            (e, c) => html`<div role="gridcell" part="emoji-option" aria-label=${e.name} title=${e.name}
              tabindex=${r === activeRow && c === activeCol ? 0 : -1}
              @click=${() => this.#pick(e, { row: r, col: c })}>${e.emoji}</div>`,
          )}
        </div>`,
      )}
    </div>`;
  }

  #select(category: EmojiCategory): void {
    this.category = category;
    this.query = '';
    this.active = { row: 0, col: 0 };
  }

  #pick(e: Emoji, at: GridCell): void {
    this.active = at;
    rememberEmoji(e.emoji);
    // Composed: the picker may sit in another element's shadow root than the one that inserts the emoji.
    this.dispatchEvent(new CustomEvent('xmpp-chat-emoji', { detail: { emoji: e.emoji }, bubbles: true, composed: true }));
  }

  #onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = { row: 0, col: 0 };
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // Only the picker closes, not the chat around it; and the search field is not cleared first.
    event.preventDefault();
    event.stopPropagation();
    // Not composed: `xmpp-chat-close` is also the widget's public event, which the page must not see for this.
    this.dispatchEvent(new CustomEvent('xmpp-chat-close', { detail: {}, bubbles: true }));
  }

  #onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && this.#rows.length) {
      event.preventDefault();
      this.#moveTo({ row: 0, col: 0 });
    } else if (event.key === 'Enter' && !event.isComposing && this.query.trim() && this.#rows.length) {
      event.preventDefault();
      this.#pick(this.#rows[0].cells[0], { row: 0, col: 0 });
    }
  }

  #onTabKey(event: KeyboardEvent): void {
    const i = CATEGORIES.findIndex(({ id }) => id === this.category);
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: CATEGORIES.length - 1 - i }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const rtl = direction(this.lang) === 'rtl' && event.key.startsWith('Arrow');
    const next = CATEGORIES[(i + (rtl ? -step : step) + CATEGORIES.length) % CATEGORIES.length].id;
    this.#select(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  #onGridKey(event: KeyboardEvent): void {
    const at = this.active;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const e = this.#rows[at.row]?.cells[at.col];
      if (e) this.#pick(e, at);
      return;
    }
    const lengths = this.#rows.map((row) => row.cells.length);
    const next = gridMove(lengths, at, event.key, direction(this.lang) === 'rtl', event.ctrlKey || event.metaKey);
    if (next) {
      event.preventDefault();
      this.#moveTo(next);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.focus();
    }
  }

  #moveTo(cell: GridCell): void {
    this.#focusCell = true;
    this.active = cell;
    this.requestUpdate();
  }
}

if (!customElements.get('xmpp-chat-emoji-picker')) customElements.define('xmpp-chat-emoji-picker', XmppChatEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-emoji-picker': XmppChatEmojiPicker;
  }
}
