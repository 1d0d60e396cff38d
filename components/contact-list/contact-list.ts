import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Avatars, Contact, ConversationSummary } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { addContactForm, readAddForm } from './add-contact-form.ts';
import { buildRows, filterRows, type ContactRow } from './contact-rows.ts';
import { styles } from './contact-list.styles.ts';
import { REQUEST_ROW_HEIGHT, REQUESTS_IN_VIEW, subscriptionRequests } from './subscription-requests.ts';
import { VirtualWindow } from './virtual-window.ts';
import { styleProperties } from '../style-properties.ts';

/** Row height in px; fixed, so which rows are visible is arithmetic on the scroll offset. */
export const ROW_HEIGHT = 48;

/**
 * @summary The contacts: search, presence, unread counts, subscription requests and adding a
 * contact. Only the rows on screen are in the DOM, so thousands of contacts stay fast.
 *
 * The list is a listbox that keeps focus while arrow keys, Home/End and PageUp/PageDown move the
 * active row (aria-activedescendant), because rows scrolled out are removed from the DOM.
 *
 * @csspart requests - The subscription requests above the list (a few in view; the rest scroll, rendered as they come into view).
 * @csspart search - The search input.
 * @csspart add-button - The button that opens the add-contact form.
 * @csspart add-form - The add-contact form.
 * @csspart contact-list - The scrolling listbox.
 * @csspart contact - Each row; `contact-selected` is added to the selected one.
 * @csspart presence - The presence dot of a row.
 * @csspart avatar - A contact's picture or initials (with `.avatars`).
 * @csspart unread-count - The unread badge of a row.
 * @cssproperty --xmpp-chat-accent - Buttons, badge, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Secondary text (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - Borders (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-select - A contact was chosen: `{ jid }`.
 * @fires xmpp-chat-add-contact - The add form was submitted with a valid address: `{ jid, name? }`.
 * @fires xmpp-chat-answer-request - A subscription request was answered: `{ jid, accept }`.
 */
export class XmppChatContactList extends LitElement {
  static override styles = styles;
  static override properties = {
    contacts: { attribute: false },
    conversations: { attribute: false },
    requests: { attribute: false },
    selected: {},
    lang: {},
    avatars: { attribute: false },
    query: { state: true },
    active: { state: true },
    adding: { state: true },
    addInvalid: { state: true },
  };

  declare contacts: Contact[];
  declare conversations: ConversationSummary[];
  /** Bare addresses asking to see our presence. */
  declare requests: string[];
  /** The bare address of the open conversation. */
  declare selected: string;
  declare lang: string;
  /** The chat's avatars (`await chat.avatars()`): each row shows the contact's picture; initials-free dots without. */
  declare avatars: Avatars | undefined;
  declare private query: string;
  /** Index of the keyboard's row in the filtered list. */
  declare private active: number;
  declare private adding: boolean;
  declare private addInvalid: boolean;
  #rows: ContactRow[] = [];
  #shown: ContactRow[] = [];
  #window = new VirtualWindow(this, ROW_HEIGHT, 8);
  #requestsWindow = new VirtualWindow(this, REQUEST_ROW_HEIGHT, 4, REQUESTS_IN_VIEW);

  constructor() {
    super();
    this.contacts = [];
    this.conversations = [];
    this.requests = [];
    this.selected = '';
    this.lang = 'en';
    this.query = '';
    this.active = 0;
    this.adding = false;
    this.addInvalid = false;
  }

  protected override firstUpdated(): void {
    this.#window.attach(this.renderRoot.querySelector('[part="contact-list"]')!);
  }

  protected override updated(): void {
    // The requests appear and go with the requests themselves.
    const requests = this.renderRoot.querySelector<HTMLElement>('.requests');
    if (requests) this.#requestsWindow.attach(requests);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('contacts') || changed.has('conversations') || changed.has('lang')) {
      this.#rows = buildRows(this.contacts, this.conversations, this.lang);
    }
    this.#shown = filterRows(this.#rows, this.query);
    if (changed.has('selected')) {
      // The keyboard starts from the open conversation.
      const index = this.#shown.findIndex((row) => row.jid === this.selected);
      if (index >= 0) this.active = index;
    }
    this.active = Math.max(0, Math.min(this.active, this.#shown.length - 1));
  }

  override render() {
    const lang = this.lang;
    const rows = this.#shown;
    const { start, end } = this.#window.range(rows.length);
    const activeShown = rows.length > 0 && this.active >= start && this.active < end;
    const empty =
      this.#rows.length === 0
        ? t(lang, 'contacts.none')
        : rows.length === 0
          ? t(lang, 'contacts.no-match', { query: this.query.trim() })
          : '';
    return html`<div class="root">
      ${subscriptionRequests(lang, this.requests, this.#requestsWindow, (jid, accept) => emit(this, 'xmpp-chat-answer-request', { jid, accept }))}
      <div class="toolbar">
        <label class="sr-only" for="search">${t(lang, 'contacts.search')}</label>
        <input id="search" part="search" type="search" autocomplete="off" spellcheck="false"
          placeholder=${t(lang, 'contacts.search')} .value=${this.query}
          @input=${this.#onSearch} @keydown=${this.#onSearchKey} />
        <button id="add" part="add-button" type="button" aria-expanded=${String(this.adding)} aria-controls="add-form"
          @click=${() => this.#toggleAdd(!this.adding)}>${t(lang, 'contacts.add')}</button>
      </div>
      ${
        this.adding
          ? addContactForm(
              lang,
              this.addInvalid,
              (e) => this.#onAdd(e),
              () => void this.#toggleAdd(false),
            )
          : nothing
      }
      <div class="empty" role="status">${empty || nothing}</div>
      <div part="contact-list" role="listbox" aria-label=${t(lang, 'contacts.label')} tabindex=${rows.length ? 0 : -1}
        aria-activedescendant=${activeShown ? `option-${this.active}` : nothing}
        @scroll=${this.#window.onScroll} @keydown=${this.#onListKey}>
        <div class="spacer" role="presentation" ${styleProperties({ blockSize: `${rows.length * ROW_HEIGHT}px` })}>
          ${rows.slice(start, end).map((row, i) => this.#renderRow(row, start + i, rows.length))}
        </div>
      </div>
    </div>`;
  }

  #renderRow(row: ContactRow, index: number, count: number) {
    const lang = this.lang;
    const selected = row.jid === this.selected;
    return html`<div id="option-${index}" role="option" part=${selected ? 'contact contact-selected' : 'contact'}
      class=${index === this.active ? 'row active' : 'row'} aria-selected=${String(selected)}
      aria-setsize=${count} aria-posinset=${index + 1} ${styleProperties({ insetBlockStart: `${index * ROW_HEIGHT}px` })}
      @click=${() => this.#choose(index)}>
      ${
        this.avatars
          ? html`<xmpp-chat-avatar class="picture" exportparts="avatar" .avatars=${this.avatars} jid=${row.jid} name=${row.label}
              decorative></xmpp-chat-avatar>`
          : nothing
      }
      <span part="presence" class=${this.avatars ? 'dot on-picture' : 'dot'} data-presence=${row.availability}></span>
      <span class="sr-only">${t(lang, `presence.${row.availability}`)}</span>
      <span class="text">
        <span class="name" dir="auto">${row.label}</span>
        ${
          row.pending
            ? html`<span class="pending">${t(lang, 'contacts.pending')}</span>`
            : row.preview
              ? html`<span class="preview" dir="auto">${row.preview}</span>`
              : nothing
        }
      </span>
      ${
        row.unread > 0
          ? html`<span part="unread-count" class="badge"><span aria-hidden="true">${
              row.unread > 99 ? '99+' : row.unread
            }</span><span class="sr-only">${t(lang, 'contacts.unread', { count: row.unread })}</span></span>`
          : nothing
      }
    </div>`;
  }

  async #toggleAdd(open: boolean): Promise<void> {
    this.adding = open;
    this.addInvalid = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '#add-jid' : '#add')?.focus();
  }

  #onAdd(event: SubmitEvent): void {
    event.preventDefault();
    const { jid, name } = readAddForm(event.target as HTMLFormElement);
    if (!jid) {
      this.addInvalid = true;
      this.renderRoot.querySelector<HTMLElement>('#add-jid')?.focus();
      return;
    }
    emit(this, 'xmpp-chat-add-contact', name ? { jid, name } : { jid });
    void this.#toggleAdd(false);
  }

  #onSearch(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.active = 0;
    this.#window.scrollTo(0);
  }

  #onSearchKey(event: KeyboardEvent): void {
    // From the search box, Down goes on to the results, as in a combobox.
    if (event.key === 'ArrowDown' && this.#shown.length > 0) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('[part="contact-list"]')?.focus();
    }
  }

  #onListKey(event: KeyboardEvent): void {
    const last = this.#shown.length - 1;
    const page = this.#window.pageRows;
    const moves: Record<string, number> = {
      ArrowDown: this.active + 1,
      ArrowUp: this.active - 1,
      Home: 0,
      End: last,
      PageDown: this.active + page,
      PageUp: this.active - page,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.active = Math.max(0, Math.min(last, moves[event.key]));
      this.#window.reveal(this.active);
    } else if ((event.key === 'Enter' || event.key === ' ') && last >= 0) {
      event.preventDefault();
      this.#choose(this.active);
    }
  }

  #choose(index: number): void {
    this.active = index;
    const row = this.#shown[index];
    if (row) emit(this, 'xmpp-chat-select', { jid: row.jid });
  }
}

if (!customElements.get('xmpp-chat-contact-list')) customElements.define('xmpp-chat-contact-list', XmppChatContactList);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-contact-list': XmppChatContactList;
  }
}
