import { expect } from '@esm-bundle/chai';
import { createStore, get } from 'idb-keyval';
import { BUCKET_MAX } from './buckets.ts';
import { DB_NAME, STORE_NAME } from './idb-backend.ts';
import { createMessageStore, type MessageStore } from './message-store.ts';
import { conversationKey, type ConversationIndex, type StoredMessage } from './types.ts';

const PEER = 'juliet@capulet.example';
const uniqueAccount = () => `test-${crypto.randomUUID()}@montague.example`;
const message = (n: number, overrides: Partial<StoredMessage> = {}): StoredMessage => ({
  key: `m${n}`,
  peer: PEER,
  direction: 'in',
  body: `body ${n}`,
  time: 1_700_000_000_000 + n * 1000,
  state: 'read',
  ids: [`m${n}`],
  ...overrides,
});

async function walk(store: MessageStore, peer = PEER, limit = 50): Promise<{ keys: string[]; pages: number }> {
  let page = await store.newestPage(peer, limit);
  const keys = page.messages.map((m) => m.key);
  let pages = 1;
  while (page.cursor) {
    page = await store.olderPage(peer, page.cursor, limit);
    keys.unshift(...page.messages.map((m) => m.key));
    pages++;
  }
  return { keys, pages };
}

describe('createMessageStore', () => {
  let store: MessageStore;
  let errors: unknown[];
  beforeEach(() => {
    store = createMessageStore(uniqueAccount());
    errors = [];
    store.on('error', (error) => errors.push(error));
  });
  afterEach(async () => {
    await store.clear();
    store.close();
    // Each test ran on IndexedDB, not on the memory fallback.
    expect(errors).to.deep.equal([]);
  });

  it('skips a message already stored under any of its ids, also within one call', async () => {
    expect(await store.add([message(1, { ids: ['m1', 'stanza-1'] })])).to.have.length(1);
    expect(await store.add([message(2, { ids: ['stanza-1'] })])).to.deep.equal([]);
    expect(await store.add([message(3, { key: 'other', ids: [], archiveId: 'm1' })])).to.deep.equal([]);
    const added = await store.add([message(4, { ids: ['x'] }), message(5, { ids: ['y', 'x'] }), message(4, { ids: [] })]);
    expect(added.map((m) => m.key)).to.deep.equal(['m4']);
    const [first, second] = await Promise.all([store.add([message(6)]), store.add([message(6)])]);
    expect(first.length + second.length).to.equal(1);
    // The same id from another contact is another message.
    expect(await store.add([message(1, { peer: 'romeo@montague.example', ids: ['stanza-1'] })])).to.have.length(1);
    expect(await store.findById('stanza-1', PEER)).to.deep.equal({ peer: PEER, key: 'm1' });
    expect((await walk(store)).keys).to.deep.equal(['m1', 'm4', 'm6']);
  });

  it('orders by time then insertion, across older history, middle inserts and splits', async () => {
    const shuffled = Array.from({ length: 250 }, (_, i) => message(1000 + i)).sort(() => Math.random() - 0.5);
    for (let i = 0; i < shuffled.length; i += 25) await store.add(shuffled.slice(i, i + 25));
    // Scroll-back from the archive: older pages arrive newest page first.
    for (let page = 5; page >= 0; page--) await store.add(Array.from({ length: 50 }, (_, i) => message(page * 50 + i)));
    // Messages in the middle of one bucket, same time as m1100 (they go after it).
    await store.add(Array.from({ length: 250 }, (_, i) => message(1100, { key: `tie${i}`, ids: [`tie${i}`] })));
    const expected = [
      ...Array.from({ length: 300 }, (_, i) => `m${i}`),
      ...Array.from({ length: 101 }, (_, i) => `m${1000 + i}`),
      ...Array.from({ length: 250 }, (_, i) => `tie${i}`),
      ...Array.from({ length: 149 }, (_, i) => `m${1101 + i}`),
    ];
    expect((await walk(store, PEER, 37)).keys).to.deep.equal(expected);

    const index = (await get<ConversationIndex>(conversationKey(store.account, PEER), createStore(DB_NAME, STORE_NAME)))!;
    expect(index.buckets.some((b) => b.n < 0)).to.equal(true);
    expect(index.buckets.every((b) => b.count > 0 && b.count <= BUCKET_MAX)).to.equal(true);
    expect(index.buckets.reduce((sum, b) => sum + b.count, 0)).to.equal(800);
    index.buckets.forEach((b, i) => expect(i === 0 || index.buckets[i - 1].last <= b.first).to.equal(true));
    expect(index.summary).to.include({ count: 800, lastBody: 'body 1249' });
  });

  it('pages through 1,000 messages back to the start, each once', async () => {
    await store.add(Array.from({ length: 1000 }, (_, i) => message(i)));
    const { keys, pages } = await walk(store);
    expect(pages).to.equal(20);
    expect(keys).to.deep.equal(Array.from({ length: 1000 }, (_, i) => `m${i}`));
    const newest = await store.newestPage(PEER, 3);
    expect(newest.messages.map((m) => m.key)).to.deep.equal(['m997', 'm998', 'm999']);
    expect(await store.newestPage('nobody@example.org')).to.deep.equal({ messages: [] });
  });

  it('keeps a cursor valid while older and middle history arrive', async () => {
    const all = Array.from({ length: 300 }, (_, i) => message(1000 + i * 2));
    await store.add(all);
    const newest = await store.newestPage(PEER, 150);
    expect(newest.messages[0].key).to.equal('m1300');
    // 200 more into the bucket holding the cursor's message (it splits), then older history.
    const middle = Array.from({ length: 100 }, (_, i) => [message(1200 + i * 2 + 0.5), message(1201 + i * 2)]).flat();
    const oldest = Array.from({ length: 120 }, (_, i) => message(i));
    await store.add(middle);
    await store.add(oldest);
    const older = await store.olderPage(PEER, newest.cursor!, 1000);
    expect(older.cursor).to.equal(undefined);
    const before = [...all, ...middle, ...oldest].filter((m) => m.time < newest.messages[0].time).sort((a, b) => a.time - b.time);
    expect(older.messages.map((m) => m.key)).to.deep.equal(before.map((m) => m.key));
  });

  it('merges 1,000 add calls made in one tick into a handful of transactions', async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.add([message(i)])));
    expect(results.every((added) => added.length === 1)).to.equal(true);
    expect(store.stats.transactions).to.be.at.most(3);
    expect((await store.conversations())[0]).to.include({ peer: PEER, count: 1000 });
  });

  it('updates state, body and ids, and keeps the summary right', async () => {
    await store.add([message(1, { state: 'delivered' }), message(2, { direction: 'out', state: 'pending', ids: [] })]);
    const changes: unknown[] = [];
    store.on('change', (change) => changes.push(change));
    const corrected = await store.update(PEER, 'm2', { body: 'fixed', corrected: true, state: 'sent', archiveId: 'arch-2' });
    expect(corrected).to.include({ body: 'fixed', corrected: true, state: 'sent', archiveId: 'arch-2' });
    expect(await store.findById('arch-2')).to.deep.equal({ peer: PEER, key: 'm2' });
    expect(await store.get(PEER, 'm2')).to.deep.include({ body: 'fixed', ids: ['arch-2'] });
    expect(await store.update(PEER, 'missing', { state: 'read' })).to.equal(undefined);
    const summary = (await store.conversations())[0];
    expect(summary).to.include({ lastBody: 'fixed', lastDirection: 'out', unread: 1 });
    expect(changes).to.deep.equal([{ peer: PEER, added: [], updated: [corrected], summary, origin: 'local' }]);
    await store.update(PEER, 'm1', { state: 'read' });
    expect((await store.conversations())[0].unread).to.equal(0);
  });

  it('lists conversations newest first with unread counts', async () => {
    await store.add([message(1, { state: 'delivered' }), message(2, { state: 'delivered' })]);
    await store.add([message(3, { peer: 'romeo@montague.example', direction: 'out', state: 'sent' })]);
    await store.add([message(0, { key: 'old', ids: [], state: 'delivered' })]);
    const list = await store.conversations();
    expect(list.map((c) => [c.peer, c.unread, c.count, c.lastBody])).to.deep.equal([
      ['romeo@montague.example', 0, 1, 'body 3'],
      [PEER, 3, 3, 'body 2'],
    ]);
    await store.markRead(PEER);
    expect((await store.conversations())[1].unread).to.equal(0);
  });

  it('keeps the newest visitor context a peer sent in its summary', async () => {
    await store.add([message(2, { context: { page: 'https://shop.example/two' } })]);
    await store.add([
      message(1, { context: { page: 'https://shop.example/one' } }),
      message(3, { direction: 'out', context: { page: 'ours' } }),
    ]);
    expect((await store.conversations())[0].context).to.deep.equal({ page: 'https://shop.example/two' });
    await store.add([message(4, { context: { page: 'https://shop.example/four', name: 'Ada' } })]);
    expect((await store.conversations())[0].context).to.deep.equal({ page: 'https://shop.example/four', name: 'Ada' });
  });

  it('keeps history, roster and meta across store instances', async () => {
    await store.add([message(1), message(2)]);
    await Promise.all([store.setRoster({ ver: 'v7', items: [{ jid: PEER }] }), store.setMeta('mam-last', 'arch-9')]);
    store.close();
    store = createMessageStore(store.account);
    expect((await store.newestPage(PEER)).messages.map((m) => m.key)).to.deep.equal(['m1', 'm2']);
    expect(await store.getRoster()).to.deep.equal({ ver: 'v7', items: [{ jid: PEER }] });
    expect(await store.getMeta('mam-last')).to.equal('arch-9');
    expect(await store.findById('m2')).to.deep.equal({ peer: PEER, key: 'm2' });
  });

  it('clears every record of its account and no other', async () => {
    const other = createMessageStore(uniqueAccount());
    await Promise.all([store.add([message(1)]), store.setMeta('x', 1), other.add([message(1)])]);
    await store.clear();
    expect(await store.conversations()).to.deep.equal([]);
    expect(await store.findById('m1')).to.equal(undefined);
    expect(await store.getMeta('x')).to.equal(undefined);
    expect((await other.newestPage(PEER)).messages).to.have.length(1);
    await store.add([message(1)]);
    expect((await store.newestPage(PEER)).messages).to.have.length(1);
    await other.clear();
    other.close();
  });

  it('forgets its account: removes every record, then refuses writes that were still to come', async () => {
    const forgetting = createMessageStore(uniqueAccount());
    const queued = Promise.all([forgetting.add([message(1)]), forgetting.setMeta('outbox', [1])]);
    await forgetting.forget();
    await queued;
    expect(await forgetting.conversations()).to.deep.equal([]);
    expect(await forgetting.getMeta('outbox')).to.equal(undefined);
    const late = await forgetting
      .updateMeta('outbox', () => [])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((late as { condition?: string }).condition).to.equal('forgotten');
    expect(await forgetting.getMeta('outbox')).to.equal(undefined);
    forgetting.close();
  });

  it('rejects messages without a key, a peer or a time', async () => {
    const error = await store.add([message(1, { time: Number.NaN })]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
  });
});
