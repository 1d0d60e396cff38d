/**
 * Placing the desk's search in a view: `renderDeskSearch({ store, lang, peerName, onSelect })`.
 * The index is made once per history store, and its code loads only then, so nothing of it
 * reaches a page until the desk shows the field.
 */
import { html } from 'lit';
import type { Chat } from '../../src/index.ts';
import { loadSearch, type SearchIndex } from '../../src/desk.ts';
import './desk-search.ts';

type HistoryStore = Chat['store'];

/**
 * The element's parts as the view around it passes them on: prefixed, as the contact list already
 * has a part named `search`. The page sees them once `<xmpp-chat>` passes them on too (parts.ts).
 */
export const DESK_SEARCH_EXPORTPARTS =
  'search: desk-search, search-input: desk-search-input, search-result: desk-search-result, search-result-active: desk-search-result-active';

const indexes = new WeakMap<HistoryStore, Promise<SearchIndex>>();

/** The search index of `store`, made on first use and kept as long as the store is; `onError` hears of its failures. */
export function searchIndexFor(store: HistoryStore, onError?: (error: Error) => void): Promise<SearchIndex> {
  let index = indexes.get(store);
  if (!index) {
    index = loadSearch().then(
      ({ createSearchIndex }) => {
        const made = createSearchIndex(store);
        if (onError) made.on('error', onError);
        return made;
      },
      (error: Error) => {
        indexes.delete(store); // the next render tries again
        onError?.(error);
        throw error;
      },
    );
    indexes.set(store, index);
  }
  return index;
}

export interface DeskSearchOptions {
  /** The history to search: the chat's store (`session.chat.store`). */
  store: HistoryStore;
  lang: string;
  /** The name a conversation shows under: the contact's, or the visitor's. */
  peerName: (peer: string) => string;
  /** A result was chosen: open the conversation with `jid`. */
  onSelect: (jid: string) => void;
  /** Saving the index failed (search goes on from memory), or its code could not load. */
  onError?: (error: Error) => void;
}

/** The search field with its results, for the desk's inbox. */
export function renderDeskSearch({ store, lang, peerName, onSelect, onError }: DeskSearchOptions) {
  return html`<xmpp-chat-desk-search exportparts=${DESK_SEARCH_EXPORTPARTS} lang=${lang} .index=${searchIndexFor(store, onError)} .peerName=${peerName}
    @xmpp-chat-select=${(e: CustomEvent<{ jid: string }>) => onSelect(e.detail.jid)}></xmpp-chat-desk-search>`;
}
