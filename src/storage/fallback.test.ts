import { expect } from '@esm-bundle/chai';
import { XmppChatError } from '../errors.ts';
import { createIdbBackend } from './idb-backend.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { createMessageStore, type MessageStore } from './message-store.ts';
import { StorageError, type Backend, type StoredMessage } from './types.ts';

const PEER = 'juliet@capulet.example';
const message = (n: number): StoredMessage => ({
  key: `m${n}`,
  peer: PEER,
  direction: 'out',
  body: `body ${n}`,
  time: 1_700_000_000_000 + n,
  state: 'sent',
  ids: [`m${n}`],
});
const account = () => `test-${crypto.randomUUID()}@montague.example`;

/** A backend that works until `full` is set, then fails every write as a full disk does. */
function fillingBackend() {
  const inner = createMemoryBackend();
  const state = { full: false };
  const backend: Backend = {
    transaction: (mode, work) =>
      inner.transaction(mode, (tx) =>
        work({
          ...tx,
          put(key, value) {
            if (state.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            tx.put(key, value);
          },
        }),
      ),
  };
  return { backend, state };
}

function errorsOf(store: MessageStore): StorageError[] {
  const errors: StorageError[] = [];
  store.on('error', (error) => errors.push(error));
  return errors;
}

describe('storage failures', () => {
  it('reports a full disk once and keeps every message readable from memory', async () => {
    const { backend, state } = fillingBackend();
    const store = createMessageStore(account(), { backend });
    const errors = errorsOf(store);
    await store.add([message(1), message(2)]);
    state.full = true;
    const [added] = await Promise.all([store.add([message(3)]), store.add([message(4)]), store.update(PEER, 'm1', { state: 'read' })]);
    expect(added.map((m) => m.key)).to.deep.equal(['m3']);
    await store.add([message(5), message(1)]);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(StorageError).and.instanceOf(XmppChatError);
    expect(errors[0].condition).to.equal('quota-exceeded');
    expect(errors[0].message).to.match(/no room left to save chat history/);
    const page = await store.newestPage(PEER);
    expect(page.messages.map((m) => [m.key, m.state])).to.deep.equal([
      ['m1', 'read'],
      ['m2', 'sent'],
      ['m3', 'sent'],
      ['m4', 'sent'],
      ['m5', 'sent'],
    ]);
    expect((await store.conversations())[0]).to.include({ count: 5, lastBody: 'body 5' });
    // Clearing (on logout) also removes what was saved before the disk filled up.
    await store.clear();
    store.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    state.full = false;
    const reloaded = createMessageStore(store.account, { backend });
    expect(await reloaded.conversations()).to.deep.equal([]);
    expect(errors).to.have.length(1);
    reloaded.close();
  });

  it('falls back to memory when IndexedDB cannot be opened', async () => {
    const denied = () =>
      Promise.reject(
        new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'),
      );
    const store = createMessageStore(account(), { backend: createIdbBackend(denied) });
    const errors = errorsOf(store);
    expect(await store.newestPage(PEER)).to.deep.equal({ messages: [] });
    expect(await store.add([message(1)])).to.have.length(1);
    await store.setMeta('mam-last', 'a1');
    expect((await store.newestPage(PEER)).messages).to.have.length(1);
    expect(await store.getMeta('mam-last')).to.equal('a1');
    expect(errors.map((e) => e.condition)).to.deep.equal(['unavailable']);
    store.close();
  });

  it('falls back when there is no IndexedDB at all', async () => {
    const missing = () => {
      throw new ReferenceError('indexedDB is not defined');
    };
    const store = createMessageStore(account(), { backend: createIdbBackend(missing) });
    const errors = errorsOf(store);
    expect(await store.add([message(1)])).to.have.length(1);
    expect(errors.map((e) => e.condition)).to.deep.equal(['unavailable']);
    store.close();
  });

  it('falls back when opening is blocked, without losing the batch waiting for it', async () => {
    const never = () => new Promise<never>(() => undefined);
    const store = createMessageStore(account(), { backend: createIdbBackend(never, 50) });
    const errors = errorsOf(store);
    const [added] = await Promise.all([store.add([message(1), message(2)]), store.add([message(3)])]);
    expect(added).to.have.length(2);
    expect((await store.newestPage(PEER)).messages).to.have.length(3);
    expect(errors.map((e) => e.condition)).to.deep.equal(['blocked']);
    expect(errors[0].message).to.match(/another tab/);
    store.close();
  });
});
