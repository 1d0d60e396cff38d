import { expect } from '@esm-bundle/chai';
import { createIdbBackend } from './idb-backend.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { createMessageStore, type MessageStore } from './message-store.ts';
import { createSearchIndex, type SearchHit, type SearchIndex } from './search-index.ts';
import { GROUPS, groupName } from './search-records.ts';
import { StorageError, type Backend, type StoredMessage } from './types.ts';
import type { VisitorContext } from '../stanza/visitor-context.ts';

const T0 = 1_700_000_000_000;
let n = 0;
const message = (peer: string, body: string, overrides: Partial<StoredMessage> = {}): StoredMessage => {
  const key = `m${++n}`;
  return { key, peer, direction: 'in', body, time: T0 + n * 1000, state: 'read', ids: [key], ...overrides };
};
const withContext = (context: VisitorContext) => ({ context });
const peers = (hits: SearchHit[]) => hits.map((h) => h.peer);
const bodies = (hits: SearchHit[]) => hits.map((h) => h.snippet.text);
/** The next turn of the event loop: the store's batch and the index's writes after it have run. */
const settle = async (store: MessageStore) => {
  await store.getMeta('nothing');
  await new Promise((resolve) => setTimeout(resolve, 0));
  await store.getMeta('nothing');
};

for (const [name, backend] of [
  ['memory', (): Backend => createMemoryBackend()],
  ['IndexedDB', (): Backend => createIdbBackend()],
] as const) {
  describe(`createSearchIndex over the ${name} backend`, () => {
    let store: MessageStore;
    let index: SearchIndex;
    let errors: unknown[];
    beforeEach(() => {
      store = createMessageStore(`test-${crypto.randomUUID()}@desk.example`, { backend: backend() });
      errors = [];
    });
    afterEach(async () => {
      index?.close();
      await store.clear();
      store.close();
      expect(errors).to.deep.equal([]);
    });
    const open = async () => {
      index = createSearchIndex(store, { saveDelayMs: 0 });
      index.on('error', (error) => errors.push(error));
      await index.ready();
      return index;
    };

    it('indexes the stored history at first, then finds words by their start, newest first', async () => {
      await store.add([
        message('ada@visitors.example', 'Where is my parcel?', withContext({ name: 'Ada Lovelace', email: 'ada@example.org' })),
        message('bob@visitors.example', 'The parcel arrived broken'),
        message('ada@visitors.example', 'It was a Crème brûlée set'),
        message('bob@visitors.example', 'I want a refund', { direction: 'out' }),
      ]);
      const search = await open();
      expect(search.progress).to.deep.include({ phase: 'ready', done: 2, total: 2 });
      expect(bodies(await search.search('PARC'))).to.deep.equal(['The parcel arrived broken', 'Where is my parcel?']);
      expect(bodies(await search.search('creme brul'))).to.deep.equal(['It was a Crème brûlée set']);
      // Every word must match; order does not matter.
      expect(bodies(await search.search('broken parcel'))).to.deep.equal(['The parcel arrived broken']);
      expect(await search.search('parcel refund')).to.deep.equal([]);
      expect(await search.search('arcel')).to.deep.equal([]);
      expect(await search.search('   ')).to.deep.equal([]);
      const [hit] = await search.search('refund');
      expect(hit).to.deep.equal({
        peer: 'bob@visitors.example',
        key: `m${n}`,
        time: T0 + n * 1000,
        snippet: { text: 'I want a refund', matches: [{ start: 9, end: 15 }] },
      });
      expect(await search.search('parcel', { limit: 1 })).to.have.length(1);
    });

    it("finds a conversation by the visitor's name or email, and messages by words together with them", async () => {
      await store.add([
        message('v1@visitors.example', 'hello', withContext({ name: 'Zoë Ångström', email: 'zoe@example.org' })),
        message('v2@visitors.example', 'hello there', withContext({ name: 'Zed' })),
      ]);
      const search = await open();
      const [byName] = await search.search('zoe ang');
      expect(byName).to.deep.equal({
        peer: 'v1@visitors.example',
        time: T0 + (n - 1) * 1000,
        snippet: {
          text: 'Zoë Ångström · zoe@example.org',
          matches: [
            { start: 0, end: 3 },
            { start: 4, end: 7 },
            { start: 15, end: 18 },
          ],
        },
      });
      expect(peers(await search.search('zoe@example.org'))).to.deep.equal(['v1@visitors.example']);
      // A message matches a word through its visitor, but needs one of its own.
      const hits = await search.search('zed hel');
      expect(hits.map((h) => [h.peer, h.key !== undefined])).to.deep.equal([['v2@visitors.example', true]]);
    });

    it('follows new messages, corrections and new visitor details as they are stored', async () => {
      const search = await open();
      await store.add([message('carol@visitors.example', 'My invoice is wrong')]);
      await settle(store);
      expect(bodies(await search.search('invoice'))).to.deep.equal(['My invoice is wrong']);
      await store.update('carol@visitors.example', `m${n}`, { body: 'My receipt is wrong', corrected: true });
      expect(await search.search('invoice')).to.deep.equal([]);
      expect(bodies(await search.search('receipt'))).to.deep.equal(['My receipt is wrong']);
      await store.add([message('carol@visitors.example', 'hi', withContext({ name: 'Carol Danvers' }))]);
      expect(peers(await search.search('danvers'))).to.deep.equal(['carol@visitors.example']);
      // A change of state leaves the index alone.
      await store.update('carol@visitors.example', `m${n}`, { state: 'read' });

      // What it followed was saved: a new index finds it without reading the history again.
      await settle(store);
      search.close();
      const again = await open();
      expect(again.progress.phase).to.equal('ready');
      expect(bodies(await again.search('receipt'))).to.deep.equal(['My receipt is wrong']);
      expect(peers(await again.search('carol danvers'))).to.deep.equal(['carol@visitors.example']);
    });

    it('saves a burst of news in one write, after a pause', async () => {
      index = createSearchIndex(store, { saveDelayMs: 100 });
      index.on('error', (error) => errors.push(error));
      await index.ready();
      const before = store.stats.transactions;
      for (const peer of ['a@visitors.example', 'b@visitors.example', 'c@visitors.example']) await store.add([message(peer, 'burst')]);
      expect(await index.search('burst')).to.have.length(3);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await store.getMeta('nothing');
      // Three adds, one write of the index's three records, one read.
      expect(store.stats.transactions - before).to.equal(5);
    });

    it('goes on after a reload from where its first build stopped', async () => {
      const many = Array.from({ length: 40 }, (_, i) => message(`p${i}@visitors.example`, `question number ${i}`));
      await store.add(many);
      const built: number[] = [];
      index = createSearchIndex(store);
      let steps = 0;
      index.on('progress', ({ phase, done }) => {
        if (phase !== 'building' || done === 0) return;
        built.push(done);
        if (++steps === 3) index.close();
      });
      await index.ready();
      expect(built).to.have.length(3);
      const firstRun = built.at(-1)!;
      expect(firstRun).to.be.within(3, 39);

      await settle(store);
      const totals: number[] = [];
      const second = createSearchIndex(store);
      second.on('progress', ({ phase, total }) => phase === 'building' && totals.push(total));
      index = second;
      await second.ready();
      expect(totals[0]).to.equal(40 - firstRun);
      expect(await second.search('question', { limit: 100 })).to.have.length(40);
    });

    it("forgets everything with the store's clear, and indexes what comes after", async () => {
      await store.add([message('dave@visitors.example', 'secret plans')]);
      const search = await open();
      expect(await search.search('secret')).to.have.length(1);
      await store.clear();
      expect(await search.search('secret')).to.deep.equal([]);
      await store.add([message('dave@visitors.example', 'secret handshake')]);
      await search.ready();
      expect(bodies(await search.search('secret'))).to.deep.equal(['secret handshake']);
      await settle(store);
      for (let group = 0; group < GROUPS; group++) {
        const record = await store.getMeta<Record<string, { messages: unknown[] }>>(groupName(group));
        if (record) expect(JSON.stringify(record)).not.to.include('plans');
      }
    });
  });
}

describe('createSearchIndex with two tabs', () => {
  it("finds what another tab stored, and a later start indexes what no tab's index saved", async () => {
    const account = `test-${crypto.randomUUID()}@desk.example`;
    const [here, there] = [createMessageStore(account), createMessageStore(account)];
    const index = createSearchIndex(here, { saveDelayMs: 0 });
    await index.ready();
    const heard = new Promise((resolve) => here.on('change', resolve));
    await there.add([message('frank@visitors.example', 'written in the other tab')]);
    await heard;
    expect(bodies(await index.search('other tab'))).to.deep.equal(['written in the other tab']);
    index.close();
    // The other tab had no index: nothing saved it, so the next start reads that conversation.
    const later = createSearchIndex(here);
    const totals: number[] = [];
    later.on('progress', ({ phase, total }) => phase === 'building' && totals.push(total));
    await later.ready();
    expect(totals[0]).to.equal(1);
    expect(bodies(await later.search('other tab'))).to.deep.equal(['written in the other tab']);
    later.close();
    await here.clear();
    here.close();
    there.close();
  });
});

describe('createSearchIndex when storage fails', () => {
  const failing = (store: MessageStore, error: Error): MessageStore => ({ ...store, updateMeta: () => Promise.reject(error) });

  it('reports the error and answers from what it has; a forgotten account is not an error', async () => {
    const store = createMessageStore(`test-${crypto.randomUUID()}@desk.example`, { backend: createMemoryBackend() });
    const errors: StorageError[] = [];
    const full = createSearchIndex(failing(store, new DOMException('The disk is full.', 'QuotaExceededError')), { saveDelayMs: 0 });
    const forgotten = createSearchIndex(failing(store, new StorageError('forgotten')), { saveDelayMs: 0 });
    for (const index of [full, forgotten]) index.on('error', (error) => errors.push(error));
    await Promise.all([full.ready(), forgotten.ready()]);
    await store.add([message('eve@visitors.example', 'still searchable')]);
    await settle(store);
    expect(errors.map((e) => e.condition)).to.deep.equal(['quota-exceeded']);
    for (const index of [full, forgotten]) expect(bodies(await index.search('searchable'))).to.deep.equal(['still searchable']);
    full.close();
    forgotten.close();
    store.close();
  });
});
