import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import type { SearchHit, SearchIndex, SearchProgress } from '../../src/desk.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './desk-search.styles.ts';
import { renderResult, resultCount } from './search-result.ts';

/** Typing pauses this long before the search runs. */
export const SEARCH_DELAY_MS = 150;

/**
 * @summary The support desk's search across every conversation: visitor name, email and message
 * text. Results show the conversation's name, a line of the text with the matches marked, and
 * the time, newest first.
 *
 * The field keeps focus while ↑/↓ move through the results (aria-activedescendant) and Enter
 * opens one; a live status says how many results there are. Escape empties the field.
 *
 * @csspart search - The element's box: field, status and results.
 * @csspart search-input - The search field.
 * @csspart search-result - Each result; `search-result-active` is added to the keyboard's one.
 * @cssproperty --xmpp-chat-accent - Active result, marks and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Times, the status and the field's edge (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-select - A result was chosen: `{ jid }`, its conversation's peer.
 */
export class XmppChatDeskSearch extends LitElement {
  static override styles = styles;
  static override properties = {
    index: { attribute: false },
    peerName: { attribute: false },
    lang: {},
    limit: { type: Number },
    query: { state: true },
    hits: { state: true },
    searched: { state: true },
    active: { state: true },
    indexing: { state: true },
  };

  /** The index to search, or the promise of it while it loads. */
  declare index: SearchIndex | Promise<SearchIndex> | undefined;
  /** The name to show for a conversation's peer. */
  declare peerName: (peer: string) => string;
  declare lang: string;
  /** Most results shown. */
  declare limit: number;
  declare private query: string;
  declare private hits: SearchHit[];
  /** The query the results are for; empty while there are none to tell of. */
  declare private searched: string;
  declare private active: number;
  /** The index is still reading older history: results may be missing some. */
  declare private indexing: boolean;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts searches, so that an answer to an older query never replaces a newer one's. */
  #sequence = 0;
  #unfollow: (() => void) | undefined;
  /** Counts the indexes followed, so that one still loading when another came is not followed too. */
  #following = 0;

  constructor() {
    super();
    this.peerName = (peer) => peer;
    this.lang = 'en';
    this.limit = 20;
    this.query = '';
    this.hits = [];
    this.searched = '';
    this.active = 0;
    this.indexing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved elsewhere in the page: the first render follows the index, a later connection here.
    if (this.hasUpdated) void this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#unfollow?.();
    this.#unfollow = undefined;
    this.#following++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('index')) void this.#follow();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('active') || changed.has('hits'))
      this.renderRoot.querySelector(`#result-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const { lang, hits, searched } = this;
    return html`<div part="search" role="search">
      <label class="sr-only" for="input">${t(lang, 'search.label')}</label>
      <input id="input" part="search-input" type="search" role="combobox" dir="auto" aria-expanded=${String(hits.length > 0)}
        aria-controls="results" aria-autocomplete="list" autocomplete="off" spellcheck="false" placeholder=${t(lang, 'search.label')}
        aria-activedescendant=${hits.length ? `result-${this.active}` : nothing} .value=${live(this.query)}
        @input=${this.#onInput} @keydown=${this.#onKey} />
      <div class="status" role="status">${resultCount(lang, hits.length, searched)}</div>
      ${searched && this.indexing ? html`<div class="note">${t(lang, 'search.indexing')}</div>` : nothing}
      <div id="results" role="listbox" aria-label=${t(lang, 'search.label')} ?hidden=${hits.length === 0}>
        ${hits.map((hit, i) =>
          renderResult({ hit, i, active: i === this.active, name: this.peerName(hit.peer), lang, choose: () => this.#choose(i) }),
        )}
      </div>
    </div>`;
  }

  /** Follows the index's progress, to say while older conversations are missing and search again once they are in. */
  async #follow(): Promise<void> {
    this.#unfollow?.();
    this.#unfollow = undefined;
    const following = ++this.#following;
    const index = await this.#index();
    if (!index || following !== this.#following) return;
    this.#progressed(index.progress);
    this.#unfollow = index.on('progress', (progress) => this.#progressed(progress));
  }

  /** Once older conversations are all in, the results shown may miss some: search again. */
  #progressed({ phase }: SearchProgress): void {
    const was = this.indexing;
    this.indexing = phase !== 'ready';
    if (was && !this.indexing && this.searched) void this.#search();
  }

  async #index(): Promise<SearchIndex | undefined> {
    try {
      return await this.index;
    } catch (error) {
      // Whoever made the index has reported why it could not load (renderDeskSearch's onError);
      // the field stays, with no results.
      console.debug('The search index is not available.', error);
      return undefined;
    }
  }

  #onInput(event: InputEvent): void {
    this.#setQuery((event.target as HTMLInputElement).value);
  }

  #setQuery(query: string): void {
    this.query = query;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.query.trim() === '') {
      this.#sequence++;
      this.hits = [];
      this.searched = '';
      return;
    }
    this.#timer = setTimeout(() => void this.#search(), SEARCH_DELAY_MS);
  }

  async #search(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const query = this.query;
    const sequence = ++this.#sequence;
    const index = await this.#index();
    const hits = index ? await index.search(query, { limit: this.limit }) : [];
    if (sequence !== this.#sequence) return;
    this.hits = hits;
    this.searched = query;
    this.active = 0;
  }

  #choose(i: number): void {
    const hit = this.hits[i];
    if (hit) emit(this, 'xmpp-chat-select', { jid: hit.peer });
  }

  #onKey(event: KeyboardEvent): void {
    const last = this.hits.length - 1;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && last >= 0) {
      event.preventDefault();
      this.active = Math.max(0, Math.min(last, this.active + (event.key === 'ArrowDown' ? 1 : -1)));
    } else if (event.key === 'Enter' && !event.isComposing && this.#timer !== undefined) {
      // Typed, then Enter before the pause ended: the first result of what was typed.
      event.preventDefault();
      void this.#search().then(() => this.#choose(0));
    } else if (event.key === 'Enter' && !event.isComposing && last >= 0) {
      event.preventDefault();
      this.#choose(this.active);
    } else if (event.key === 'Escape' && this.query) {
      // Escape empties the field first; only an empty field lets it go on to close what is around.
      event.preventDefault();
      event.stopPropagation();
      this.#setQuery('');
    }
  }
}

if (!customElements.get('xmpp-chat-desk-search')) customElements.define('xmpp-chat-desk-search', XmppChatDeskSearch);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-desk-search': XmppChatDeskSearch;
  }
}
