import { expect } from '@esm-bundle/chai';
import { createIdbBackend } from './idb-backend.ts';
import { createMemoryBackend } from './memory-backend.ts';
import type { Backend } from './types.ts';

const fails = (backend: Backend, work: Parameters<Backend['transaction']>[1]) =>
  backend.transaction('readwrite', work).then(
    () => undefined,
    (e: unknown) => e,
  );

for (const [name, make] of [
  ['memory', () => createMemoryBackend()],
  ['IndexedDB', () => createIdbBackend()],
] as const) {
  describe(`the ${name} backend`, () => {
    const account = `test-${crypto.randomUUID()}`;
    const backend = make();
    after(() => backend.transaction('readwrite', async (tx) => tx.deletePrefix([account])));

    it('writes all of a transaction or, when its work throws, nothing', async () => {
      await backend.transaction('readwrite', async (tx) => {
        tx.put([account, 'a'], { n: 1 });
      });
      const error = await fails(backend, async (tx) => {
        tx.put([account, 'a'], { n: 2 });
        tx.put([account, 'b'], { n: 2 });
        throw new Error('boom');
      });
      expect((error as Error).message).to.equal('boom');
      expect(await backend.transaction('readonly', (tx) => Promise.all([tx.get([account, 'a']), tx.get([account, 'b'])]))).to.deep.equal([
        { n: 1 },
        undefined,
      ]);
    });

    it('finds and deletes by key prefix, and reads its own writes', async () => {
      const found = await backend.transaction('readwrite', async (tx) => {
        tx.put([account, 'id', 'x', 'peer1'], 1);
        tx.put([account, 'id', 'xy', 'peer2'], 2);
        tx.put([`${account}-other`, 'id', 'x', 'peer3'], 3);
        return [await tx.first([account, 'id', 'x']), await tx.get([account, 'id', 'xy', 'peer2'])];
      });
      expect(found).to.deep.equal([{ key: [account, 'id', 'x', 'peer1'], value: 1 }, 2]);
      await backend.transaction('readwrite', async (tx) => tx.deletePrefix([account]));
      expect(
        await backend.transaction('readonly', (tx) => Promise.all([tx.first([account]), tx.get([`${account}-other`, 'id', 'x', 'peer3'])])),
      ).to.deep.equal([undefined, 3]);
      await backend.transaction('readwrite', async (tx) => tx.deletePrefix([`${account}-other`]));
    });
  });
}

describe('createMemoryBackend with read-through', () => {
  it('reads what it has not written from underneath, and hides what it deleted', async () => {
    const under = createMemoryBackend();
    await under.transaction('readwrite', async (tx) => {
      tx.put(['a', 'x'], 1);
      tx.put(['a', 'y'], 2);
      tx.put(['b'], 3);
    });
    const memory = createMemoryBackend(under);
    await memory.transaction('readwrite', async (tx) => {
      tx.put(['a', 'x'], 10);
      tx.delete(['a', 'y']);
    });
    const read = () => memory.transaction('readonly', (tx) => Promise.all([tx.get(['a', 'x']), tx.get(['a', 'y']), tx.get(['b'])]));
    expect(await read()).to.deep.equal([10, undefined, 3]);
    await memory.transaction('readwrite', async (tx) => tx.deletePrefix(['a']));
    expect(await read()).to.deep.equal([undefined, undefined, 3]);
    expect(await under.transaction('readonly', (tx) => tx.get(['a', 'x']))).to.equal(1);
  });
});
