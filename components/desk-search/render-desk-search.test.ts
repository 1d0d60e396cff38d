import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import type { Chat, ConversationSummary, StoredMessage } from '../../src/index.ts';
import { SEARCH_DELAY_MS } from './desk-search.ts';
import { renderDeskSearch, searchIndexFor } from './render-desk-search.ts';

const T0 = Date.UTC(2026, 0, 5, 10);
const message = (peer: string, n: number, body: string): StoredMessage => ({
  key: `${peer}-${n}`,
  peer,
  direction: 'in',
  body,
  time: T0 + n * 60_000,
  state: 'read',
  ids: [`${peer}-${n}`],
});
const HISTORY: Record<string, StoredMessage[]> = {
  'ada@visitors.example': [message('ada@visitors.example', 1, 'Where is my parcel?'), message('ada@visitors.example', 2, 'Thanks!')],
  'bob@visitors.example': [message('bob@visitors.example', 3, 'The parcel came broken')],
};

/** As much of a history store as search uses, over the history above. */
function historyStore(): Chat['store'] {
  const meta = new Map<string, unknown>();
  const summaries: ConversationSummary[] = Object.entries(HISTORY).map(([peer, messages]) => ({
    peer,
    lastTime: messages.at(-1)!.time,
    lastBody: messages.at(-1)!.body,
    lastDirection: 'in',
    unread: 0,
    count: messages.length,
    context: peer.startsWith('ada') ? { name: 'Ada Lovelace', email: 'ada@example.org' } : undefined,
  }));
  const store = {
    on: () => () => undefined,
    getMeta: (name: string) => Promise.resolve(structuredClone(meta.get(name))),
    updateMeta: (name: string, change: (current: unknown) => unknown) => {
      meta.set(name, change(structuredClone(meta.get(name))));
      return Promise.resolve(meta.get(name));
    },
    conversations: () => Promise.resolve(summaries),
    newestPage: (peer: string) => Promise.resolve({ messages: HISTORY[peer] ?? [] }),
    olderPage: () => Promise.resolve({ messages: [] }),
  };
  return store as unknown as Chat['store'];
}

describe('renderDeskSearch', () => {
  const host = document.createElement('div');
  before(() => document.body.append(host));
  after(() => host.remove());

  it('searches the store it is given, names conversations by peerName, and opens the one chosen', async () => {
    const store = historyStore();
    const chosen: string[] = [];
    const names: Record<string, string> = { 'ada@visitors.example': 'Ada Lovelace', 'bob@visitors.example': 'Bob' };
    const view = () => renderDeskSearch({ store, lang: 'en', peerName: (peer) => names[peer], onSelect: (jid) => chosen.push(jid) });
    render(view(), host);
    const index = await searchIndexFor(store);
    render(view(), host);
    expect(await searchIndexFor(store)).to.equal(index); // one index per store, however often it renders
    await index.ready();

    const el = host.querySelector('xmpp-chat-desk-search')!;
    expect(el.getAttribute('exportparts')).to.include('search-result: desk-search-result');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part="search-input"]')!;
    input.focus();
    await sendKeys({ type: 'parcel' });
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS + 50));
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="search-result"]')];
    expect(rows.map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(['Bob', 'Ada Lovelace']);
    expect(rows.map((r) => r.querySelector('mark')!.textContent)).to.deep.equal(['parcel', 'parcel']);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('2 results');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(chosen).to.deep.equal(['ada@visitors.example']);

    // The visitor's email finds the conversation itself.
    const [byEmail] = await index.search('ada@example');
    expect(byEmail).to.deep.include({ peer: 'ada@visitors.example', time: T0 + 2 * 60_000 });
    expect(byEmail.key).to.equal(undefined);
    render(null, host);
  });
});
