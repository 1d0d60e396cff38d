import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { VirtualWindow } from '../contact-list/virtual-window.ts';
import { styleProperties } from '../style-properties.ts';
import { inboxRow, INBOX_ROW_HEIGHT } from './inbox-row.ts';
import { countRows, inFilter, INBOX_FILTERS, type InboxFilter, type InboxRow } from './inbox-rows.ts';
import { styles } from './desk-inbox.styles.ts';

export type InboxView = InboxFilter | 'contacts';

/**
 * @summary The support desk's inbox: the visitors' conversations in views with live counts —
 * Mine, Unassigned, All open, Resolved — newest activity first, and the contacts one view away.
 *
 * The list is a listbox that keeps focus while the arrow keys, Home and End move the active row
 * (aria-activedescendant); Enter opens it. Only the rows in view are in the DOM.
 *
 * @slot - The contacts, shown in the Contacts view (the panel puts its contact list here).
 * @slot search - A search field above the views.
 * @slot rooms - The account's rooms, below the list in every view (the panel puts its room list there).
 * @slot settings - The desk's settings, below the list (the panel puts the office hours there).
 * @csspart inbox - The inbox.
 * @csspart inbox-filter - Each view's button, with its count (`aria-pressed` on the current one).
 * @csspart average-rating - The desk's average rating, in words.
 * @csspart keys-button - Opens the list of keyboard shortcuts.
 * @csspart inbox-list - The scrolling listbox of conversations.
 * @csspart inbox-row - Each conversation; `inbox-row-selected` is added to the open one.
 * @csspart inbox-label - A label of a conversation.
 * @cssproperty --xmpp-chat-accent - Current view, badges, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Secondary text (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - Borders (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-select - A conversation was chosen: `{ jid }`.
 * @fires xmpp-chat-inbox-view - Another view was chosen: `{ view }`.
 * @fires xmpp-chat-keyboard-help - The keyboard shortcuts were asked for.
 */
export class XmppChatDeskInbox extends LitElement {
  static override styles = styles;
  static override properties = {
    rows: { attribute: false },
    agent: {},
    view: {},
    average: { attribute: false },
    selected: {},
    lang: {},
    active: { state: true },
  };

  /** Every visitor conversation, newest activity first (see inbox-rows.ts). */
  declare rows: InboxRow[];
  /** This agent's name: whose conversations are "Mine". */
  declare agent: string;
  declare view: InboxView;
  declare average: { average: number; count: number } | undefined;
  /** The open conversation's bare JID. */
  declare selected: string;
  declare lang: string;
  declare private active: number;
  #shown: InboxRow[] = [];
  #window = new VirtualWindow(this, INBOX_ROW_HEIGHT, 6);

  constructor() {
    super();
    this.rows = [];
    this.agent = '';
    this.view = 'open';
    this.average = undefined;
    this.selected = '';
    this.lang = 'en';
    this.active = 0;
  }

  /** Focuses the search field put in the `search` slot (within it, or its shadow root); false when there is none. */
  focusSearch(): boolean {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="search"]');
    const field = slot
      ?.assignedElements({ flatten: true })
      .map(textField)
      .find((f) => f);
    field?.focus();
    return !!field;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const view = this.view;
    this.#shown = view === 'contacts' ? [] : this.rows.filter((row) => inFilter(row, view, this.agent));
    if (changed.has('selected') || changed.has('view')) {
      const index = this.#shown.findIndex((row) => row.peer === this.selected);
      this.active = Math.max(index, 0);
    }
    this.active = Math.max(0, Math.min(this.active, this.#shown.length - 1));
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('[part~="inbox-list"]');
    if (list) this.#window.attach(list);
  }

  override render() {
    const { lang, view, average } = this;
    const counts = countRows(this.rows, this.agent);
    return html`<div part="inbox" class="root">
      <div class="head">
        <h2 class="title">${t(lang, 'desk.inbox')}</h2>
        ${
          average
            ? html`<p part="average-rating" class="average">${t(lang, 'desk.average', {
                average: average.average.toLocaleString(lang, { maximumFractionDigits: 1 }),
                count: average.count,
              })}</p>`
            : nothing
        }
        <button part="keys-button" type="button" aria-label=${t(lang, 'keys.title')}
          @click=${() => emit(this, 'xmpp-chat-keyboard-help', {})}>?</button>
      </div>
      <slot name="search"></slot>
      <div class="filters" role="group" aria-label=${t(lang, 'desk.views')}>
        ${[...INBOX_FILTERS, 'contacts' as const].map(
          (filter) => html`<button part="inbox-filter" type="button" aria-pressed=${String(filter === view)}
            @click=${() => this.#choose(filter)}>${t(lang, `desk.view-${filter}`)}${
              filter === 'contacts' ? nothing : html` <span class="count">${counts[filter]}</span>`
            }</button>`,
        )}
      </div>
      ${view === 'contacts' ? html`<slot></slot>` : this.#renderList()}
      <slot name="rooms"></slot>
      <slot name="settings"></slot>
    </div>`;
  }

  #renderList() {
    const { lang } = this;
    const rows = this.#shown;
    const { start, end } = this.#window.range(rows.length);
    const activeShown = rows.length > 0 && this.active >= start && this.active < end;
    return html`<div class="empty" role="status">${rows.length ? nothing : t(lang, 'desk.empty')}</div>
      <div part="inbox-list" role="listbox" aria-label=${t(lang, `desk.view-${this.view}`)} tabindex=${rows.length ? 0 : -1}
        aria-activedescendant=${activeShown ? `row-${this.active}` : nothing}
        @scroll=${this.#window.onScroll} @keydown=${this.#onKey}>
        <div class="spacer" role="presentation" ${styleProperties({ blockSize: `${rows.length * INBOX_ROW_HEIGHT}px` })}>
          ${rows.slice(start, end).map((row, i) =>
            inboxRow(row, {
              index: start + i,
              count: rows.length,
              selected: row.peer === this.selected,
              active: start + i === this.active,
              agent: this.agent,
              lang: this.lang,
              open: (index) => this.#open(index),
            }),
          )}
        </div>
      </div>`;
  }

  #choose(view: InboxView): void {
    if (view !== this.view) emit(this, 'xmpp-chat-inbox-view', { view });
  }

  #open(index: number): void {
    this.active = index;
    const row = this.#shown[index];
    if (row) emit(this, 'xmpp-chat-select', { jid: row.peer });
  }

  #onKey(event: KeyboardEvent): void {
    const last = this.#shown.length - 1;
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      this.active = Math.max(0, Math.min(last, moves[event.key]));
      this.#window.reveal(this.active);
    } else if ((event.key === 'Enter' || event.key === ' ') && last >= 0) {
      event.preventDefault();
      this.#open(this.active);
    }
  }
}

/** The first text field at or in `el`, open shadow roots included. */
function textField(el: Element): HTMLInputElement | undefined {
  if (el instanceof HTMLInputElement) return el;
  for (const child of [...(el.shadowRoot?.children ?? []), ...el.children]) {
    const field = textField(child);
    if (field) return field;
  }
  return undefined;
}

if (!customElements.get('xmpp-chat-desk-inbox')) customElements.define('xmpp-chat-desk-inbox', XmppChatDeskInbox);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-desk-inbox': XmppChatDeskInbox;
  }
}
