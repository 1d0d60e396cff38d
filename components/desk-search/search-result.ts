/** One result of the desk's search: the conversation's name, the time, and the snippet with its matches marked. */
import { html } from 'lit';
import type { SearchHit, Snippet } from '../../src/desk.ts';
import { t } from '../i18n/i18n.ts';

export interface ResultView {
  hit: SearchHit;
  i: number;
  active: boolean;
  name: string;
  lang: string;
  choose: () => void;
}

export function renderResult({ hit, i, active, name, lang, choose }: ResultView) {
  return html`<div id="result-${i}" role="option" aria-selected=${String(active)}
    part=${active ? 'search-result search-result-active' : 'search-result'} @click=${choose}>
    <span class="line"><span class="name" dir="auto">${name}</span>
      <time datetime=${new Date(hit.time).toISOString()}>${when(lang, hit.time)}</time></span>
    <span class="snippet" dir="auto">${highlight(hit.snippet)}</span>
  </div>`;
}

/** What the live status says: how many results there are for `searched`, or nothing before a search. */
export function resultCount(lang: string, count: number, searched: string): string {
  if (!searched) return '';
  if (count === 0) return t(lang, 'search.none', { query: searched.trim() });
  return count === 1 ? t(lang, 'search.result') : t(lang, 'search.results', { count });
}

/** The snippet as text with its matches in `<mark>`: text nodes only, never markup from the message. */
function highlight({ text, matches }: Snippet) {
  const pieces: unknown[] = [];
  let at = 0;
  for (const { start, end } of matches) {
    if (start < at) continue;
    pieces.push(text.slice(at, start), html`<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** The time today, the date otherwise. */
function when(lang: string, time: number): string {
  const date = new Date(time);
  const today = date.toDateString() === new Date().toDateString();
  const options: Intl.DateTimeFormatOptions = today
    ? { hour: 'numeric', minute: '2-digit' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang || undefined, options).format(date);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return new Intl.DateTimeFormat(undefined, options).format(date); // a malformed language tag: the browser's language
  }
}
