import { expect } from '@esm-bundle/chai';
import { createMemoryBackend } from './memory-backend.ts';
import { createMessageStore } from './message-store.ts';
import { conversationKey, summariesKey, type Backend, type StorageKey, type StoredMessage } from './types.ts';

const account = () => `test-${crypto.randomUUID()}@montague.example`;
const message = (visitor: number, n: number, time = 1_700_000_000_000 + n): StoredMessage => ({
  key: `v${visitor}-${n}`,
  peer: `visitor-${visitor}@anon.example`,
  direction: 'in',
  body: `load ${visitor}-${n}`,
  time,
  state: 'delivered',
  ids: [`v${visitor}-${n}`],
});

/** A memory backend that records the keys each transaction writes. */
function countingBackend(inner: Backend = createMemoryBackend()) {
  const writes: StorageKey[][] = [];
  const backend: Backend = {
    transaction: (mode, work) =>
      inner.transaction(mode, (tx) => {
        const keys: StorageKey[] = [];
        if (mode === 'readwrite') writes.push(keys);
        return work({
          ...tx,
          put(key, value) {
            keys.push(key);
            tx.put(key, value);
          },
        });
      }),
  };
  return { backend, writes };
}

/** The next task, as each frame of a WebSocket arrives in one. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('the message store under load', () => {
  it('writes only the conversations a message touches, not a record of all of them', async () => {
    const { backend, writes } = countingBackend();
    const store = createMessageStore(account(), { backend });
    await store.add(Array.from({ length: 300 }, (_, v) => message(v, 0)));
    writes.length = 0;
    await store.add([message(7, 1)]);
    const keys = writes.flat().map((key) => key.slice(1).join(' '));
    expect(keys.sort()).to.deep.equal([`bucket visitor-7@anon.example 0`, `conv visitor-7@anon.example`, `id v7-1 visitor-7@anon.example`]);
    const list = await store.conversations();
    expect(list).to.have.length(300);
    expect(list[0]).to.include({ peer: 'visitor-7@anon.example', count: 2, unread: 2, lastBody: 'load 7-1' });
    store.close();
  });

  it('tells the conversation’s new summary with each change', async () => {
    const store = createMessageStore(account(), { backend: createMemoryBackend() });
    const summaries: unknown[] = [];
    store.on('change', (change) => summaries.push(change.summary));
    await store.add([message(1, 0), message(1, 1)]);
    await store.markRead('visitor-1@anon.example');
    expect(summaries).to.deep.equal([
      { peer: 'visitor-1@anon.example', lastTime: 1_700_000_000_001, lastBody: 'load 1-1', lastDirection: 'in', unread: 2, count: 2 },
      { peer: 'visitor-1@anon.example', lastTime: 1_700_000_000_001, lastBody: 'load 1-1', lastDirection: 'in', unread: 0, count: 2 },
    ]);
    store.close();
  });

  it('removes the list of all summaries that earlier versions kept, and still lists their conversations', async () => {
    const backend = createMemoryBackend();
    const name = account();
    const store = createMessageStore(name, { backend });
    await store.add([message(1, 0), message(2, 0)]);
    await backend.transaction('readwrite', async (tx) => tx.put(summariesKey(name), { stale: {} }));
    await store.add([message(3, 0)]);
    expect(await backend.transaction('readonly', (tx) => tx.get(summariesKey(name)))).to.equal(undefined);
    expect(await backend.transaction('readonly', (tx) => tx.get(conversationKey(name, 'visitor-3@anon.example')))).to.not.equal(undefined);
    expect((await store.conversations()).map((c) => c.peer).sort()).to.deep.equal([1, 2, 3].map((v) => `visitor-${v}@anon.example`));
    store.close();
  });

  it('gathers a burst of messages arriving one per task into a few transactions, in order, each once', async () => {
    const store = createMessageStore(account());
    const started = performance.now();
    const written: Promise<StoredMessage[]>[] = [];
    // 50 visitors × 8 messages, interleaved, each message in a task of its own; every message twice.
    for (let n = 0; n < 8; n++) {
      for (let v = 0; v < 50; v++) {
        written.push(store.add([message(v, n, 1_700_000_000_000)]), store.add([message(v, n, 1_700_000_000_000)]));
        await nextTask();
      }
    }
    const added = (await Promise.all(written)).map((list) => list.length);
    expect(added.filter((count) => count === 1)).to.have.length(400);
    // One transaction at most every 25 ms (the store's spacing), not one for every task or two.
    const elapsed = performance.now() - started;
    expect(store.stats.transactions).to.be.at.most(Math.min(100, Math.ceil(elapsed / 25) + 2));
    for (const v of [0, 17, 49]) {
      const page = await store.newestPage(`visitor-${v}@anon.example`);
      expect(page.messages.map((m) => m.body)).to.deep.equal(Array.from({ length: 8 }, (_, n) => `load ${v}-${n}`));
    }
    store.close();
  });
});
