import { expect } from '@esm-bundle/chai';
import { createMessageStore, type StorageChange } from './message-store.ts';
import type { StoredMessage } from './types.ts';

const PEER = 'juliet@capulet.example';
const message = (n: number): StoredMessage => ({
  key: `m${n}`,
  peer: PEER,
  direction: 'in',
  body: `body ${n}`,
  time: 1_700_000_000_000 + n,
  state: 'delivered',
  ids: [`m${n}`],
});

/** Two stores of one account on one channel: what two tabs of the page are. */
function twoTabs() {
  const account = `test-${crypto.randomUUID()}@montague.example`;
  const channelName = `xmpp-chat-test:${account}`;
  return [createMessageStore(account, { channelName }), createMessageStore(account, { channelName })] as const;
}

const nextChange = (store: ReturnType<typeof createMessageStore>) =>
  new Promise<StorageChange>((resolve) => {
    const off = store.on('change', (change) => {
      off();
      resolve(change);
    });
  });

describe('two tabs', () => {
  it('tells the other tab, which then reads the message', async () => {
    const [first, second] = twoTabs();
    const heard = nextChange(second);
    const ownChange = nextChange(first);
    await first.add([message(1)]);
    expect((await ownChange).origin).to.equal('local');
    const change = await heard;
    expect(change).to.deep.include({ peer: PEER, origin: 'tab', updated: [] });
    expect(change.added.map((m) => m.key)).to.deep.equal(['m1']);
    expect((await second.newestPage(PEER)).messages.map((m) => m.key)).to.deep.equal(['m1']);

    const updated = nextChange(first);
    await second.update(PEER, 'm1', { state: 'read' });
    const back = await updated;
    expect(back.origin).to.equal('tab');
    expect(back.updated[0]).to.include({ key: 'm1', state: 'read' });
    await first.clear();
    first.close();
    second.close();
  });

  it('stores a message added by both tabs at once only once', async () => {
    const [first, second] = twoTabs();
    const batch = Array.from({ length: 20 }, (_, i) => message(i));
    const [a, b] = await Promise.all([first.add(batch), second.add([...batch].reverse())]);
    expect(a.length + b.length).to.equal(20);
    for (const store of [first, second]) {
      const page = await store.newestPage(PEER);
      expect(page.messages.map((m) => m.key)).to.deep.equal(batch.map((m) => m.key));
      expect((await store.conversations())[0]).to.include({ count: 20, unread: 20 });
    }
    await first.clear();
    first.close();
    second.close();
  });
});

describe('createTabSync', () => {
  it('stays quiet once closed, so late commits of a closed store still succeed', async () => {
    const account = `test-${crypto.randomUUID()}@montague.example`;
    const store = createMessageStore(account);
    const adding = store.add([message(1)]);
    store.close();
    expect(await adding).to.have.length(1);
    const reopened = createMessageStore(account);
    expect((await reopened.newestPage(PEER)).messages).to.have.length(1);
    await reopened.clear();
    reopened.close();
  });
});
