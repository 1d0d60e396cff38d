import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { SearchHit, SearchIndex, SearchProgress } from '../../src/desk.ts';
import './desk-search.ts';
import { SEARCH_DELAY_MS, type XmppChatDeskSearch } from './desk-search.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const HOSTILE = '<img src=x onerror=alert(1)>';
const HITS: SearchHit[] = [
  {
    peer: 'ada@visitors.example',
    key: 'm2',
    time: Date.UTC(2026, 0, 5, 10),
    snippet: { text: 'My parcel is lost', matches: [{ start: 3, end: 9 }] },
  },
  { peer: 'bob@visitors.example', time: Date.UTC(2025, 11, 1), snippet: { text: `Parcel ${HOSTILE}`, matches: [{ start: 0, end: 3 }] } },
  {
    peer: 'eve@visitors.example',
    key: 'm1',
    time: Date.UTC(2025, 10, 1),
    snippet: {
      text: 'parcels, parcels',
      matches: [
        { start: 0, end: 6 },
        { start: 9, end: 15 },
      ],
    },
  },
];

/** An index that answers with `answer(query)`, records its queries and reports the progress it is given. */
function fakeIndex(answer: (query: string) => SearchHit[] | Promise<SearchHit[]> = () => HITS) {
  const queries: string[] = [];
  const listeners = new Set<(progress: SearchProgress) => void>();
  const index = {
    progress: { phase: 'ready', done: 0, total: 0 } as SearchProgress,
    search: (query: string) => (queries.push(query), Promise.resolve(answer(query))),
    ready: () => Promise.resolve(),
    on: (_type: string, listener: (progress: SearchProgress) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => undefined,
    report(progress: SearchProgress) {
      index.progress = progress;
      for (const listener of listeners) listener(progress);
    },
  };
  return { index, queries };
}

const NAMES: Record<string, string> = { 'ada@visitors.example': 'Ada Lovelace', 'bob@visitors.example': 'Bob' };
const setup = (index: unknown, props: Partial<XmppChatDeskSearch> = {}) =>
  mount<XmppChatDeskSearch>('xmpp-chat-desk-search', {
    index: index as SearchIndex,
    peerName: (peer: string) => NAMES[peer] ?? peer,
    ...props,
  });

const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatDeskSearch, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const input = (el: XmppChatDeskSearch) => $<HTMLInputElement>(el, '[part="search-input"]');
const results = (el: XmppChatDeskSearch) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="search-result"]')];
const status = (el: XmppChatDeskSearch) => $(el, '[role="status"]').textContent.trim();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function type(el: XmppChatDeskSearch, text: string): Promise<void> {
  input(el).value = text;
  input(el).dispatchEvent(new InputEvent('input', { bubbles: true }));
  await el.updateComplete;
}
/** Types and waits for the search after the pause. */
async function search(el: XmppChatDeskSearch, text: string): Promise<void> {
  await type(el, text);
  await wait(SEARCH_DELAY_MS + 30);
  await el.updateComplete;
}

describe('xmpp-chat-desk-search', () => {
  it('searches once typing pauses, and lists names, marked snippets and times', async () => {
    const { index, queries } = fakeIndex();
    const el = await setup(index);
    expect(status(el)).to.equal('');
    await type(el, 'p');
    await type(el, 'pa');
    await search(el, 'par');
    expect(queries).to.deep.equal(['par']);
    expect(status(el)).to.equal('3 results');
    const rows = results(el);
    expect(rows.map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(['Ada Lovelace', 'Bob', 'eve@visitors.example']);
    expect(rows[0].querySelector('.snippet')!.textContent).to.equal('My parcel is lost');
    expect([...rows[2].querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['parcel', 'parcel']);
    expect(rows[0].querySelector('mark')!.textContent).to.equal('parcel');
    // The message's text stays text.
    expect(rows[1].querySelector('.snippet')!.textContent).to.equal(`Parcel ${HOSTILE}`);
    expect(rows[1].querySelector('img')).to.equal(null);
    expect(rows[0].querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-05T10:00:00.000Z');
    expect(rows[0].querySelector('time')!.textContent).to.match(/2026/);
  });

  it('moves through the results with the arrow keys and opens one with Enter or a click', async () => {
    const el = await setup(fakeIndex().index);
    const selected = record(el, 'xmpp-chat-select');
    input(el).focus();
    await search(el, 'parcel');
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('result-0');
    expect(results(el)[0].getAttribute('part')).to.equal('search-result search-result-active');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('result-2');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(results(el)[1].getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    results(el)[0].click();
    expect(selected).to.deep.equal([{ jid: 'bob@visitors.example' }, { jid: 'ada@visitors.example' }]);
    // Escape empties the field and the results.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(results(el)).to.have.length(0);
    expect(status(el)).to.equal('');
  });

  it('opens the first result of what was typed when Enter comes before the pause ends', async () => {
    const { index, queries } = fakeIndex((query) => (query === 'bob' ? HITS.slice(1, 2) : HITS));
    const el = await setup(index);
    const selected = record(el, 'xmpp-chat-select');
    input(el).focus();
    await search(el, 'parcel');
    await type(el, 'bob');
    await sendKeys({ press: 'Enter' });
    await wait(10);
    expect(queries).to.deep.equal(['parcel', 'bob']);
    expect(selected).to.deep.equal([{ jid: 'bob@visitors.example' }]);
  });

  it('follows the index again after being moved, and lets go of it when removed', async () => {
    const { index, queries } = fakeIndex();
    index.progress = { phase: 'building', done: 0, total: 2 };
    const el = await setup(index);
    await search(el, 'parcel');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // disconnected, then connected again
    index.report({ phase: 'ready', done: 2, total: 2 });
    await wait(10);
    expect(queries).to.deep.equal(['parcel', 'parcel']);
    other.remove();
    index.report({ phase: 'building', done: 0, total: 1 });
    index.report({ phase: 'ready', done: 1, total: 1 });
    await wait(10);
    expect(queries).to.have.length(2);
  });

  it('says when nothing matches, in the page language, and counts one result', async () => {
    const { index } = fakeIndex((query) => (query === 'one' ? HITS.slice(0, 1) : []));
    const el = await setup(index, { lang: 'de' });
    await search(el, 'xyz ');
    expect(status(el)).to.equal('Keine Unterhaltung passt zu „xyz“.');
    expect($(el, '#results').hidden).to.equal(true);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    await search(el, 'one');
    expect(status(el)).to.equal('1 Treffer');
  });

  it('never shows an older query’s answer after a newer one’s', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { index } = fakeIndex(async (query) => {
      if (query === 'slow') await slow;
      return query === 'slow' ? HITS : HITS.slice(2);
    });
    const el = await setup(index);
    await search(el, 'slow');
    await search(el, 'fast');
    release();
    await wait(10);
    await el.updateComplete;
    expect(results(el)).to.have.length(1);
  });

  it('waits for an index that is still loading, tells while older history is indexed, and searches again when done', async () => {
    const { index, queries } = fakeIndex();
    index.progress = { phase: 'building', done: 1, total: 10 };
    const el = await setup(Promise.resolve(index));
    await search(el, 'parcel');
    expect(status(el)).to.equal('3 results');
    expect($(el, '.note').textContent).to.equal('Older conversations are still being indexed…');
    index.report({ phase: 'ready', done: 10, total: 10 });
    await wait(10);
    await el.updateComplete;
    expect(queries).to.deep.equal(['parcel', 'parcel']);
    expect(el.shadowRoot!.querySelector('.note')).to.equal(null);
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await setup(fakeIndex().index);
    input(el).focus();
    await search(el, 'parcel');
    await sendKeys({ press: 'ArrowDown' });
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
