/**
 * Canned replies against the real servers: kept in private storage (XEP-0049), shared by the
 * sessions of one account, replaced and removed, and fetched again after a new session.
 */
import { expect } from '@esm-bundle/chai';
import type { CannedReplies } from '../../src/index.ts';
import { CannedReplyError, createCannedReplies, type CannedReply } from '../../src/desk.ts';
import { SERVERS, accountOptions, disconnectAll, freshAccount, serviceUrl, trackedClient, until, type ServerName } from './servers.ts';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`canned replies on ${server}`, function () {
    this.timeout(60_000);
    const { httpPort } = SERVERS[server];
    const service = serviceUrl('websocket', httpPort);
    afterEach(disconnectAll);

    /** A new session of `name` and its canned replies. */
    async function session(name: string): Promise<CannedReplies> {
      const client = trackedClient(accountOptions(name, service));
      await client.connect();
      return createCannedReplies({ client });
    }

    it('lists nothing for an account that has stored nothing', async () => {
      const replies = await session(await freshAccount('canned-empty', httpPort));
      expect(await replies.list()).to.deep.equal([]);
      expect(replies.replies).to.deep.equal([]);
    });

    it('saves, shares with another session, replaces and removes', async () => {
      const name = await freshAccount('canned', httpPort);
      const first = await session(name);
      const changes: (readonly CannedReply[])[] = [];
      first.on('changed', (list) => changes.push(list));
      const hello = await first.save({ title: 'Greeting', text: 'Hello!\nHow can I help you today?' });
      const refund = await first.save({ title: 'Refund <policy> & more', text: '<b>Refunds</b> take 5 days & are "free".' });
      expect(hello.id).to.not.equal(refund.id);
      expect(changes.at(-1)).to.deep.equal([hello, refund]);

      const second = await session(name);
      expect(await second.list()).to.deep.equal([hello, refund]);

      const friendlier = await second.save({ id: hello.id, title: 'Greeting (friendly)', text: 'Hi there! 👋' });
      expect(second.replies).to.deep.equal([friendlier, refund]);
      await second.remove(refund.id);
      expect(second.replies).to.deep.equal([friendlier]);

      const third = await session(name);
      expect(await third.list()).to.deep.equal([friendlier]);
      // The first session's list is the one it fetched; it learns of the changes by saving.
      expect(first.replies).to.deep.equal([hello, refund]);
      const later = await first.save({ title: 'Later', text: 'I will get back to you.' });
      expect(first.replies).to.deep.equal([friendlier, later]);
    });

    it('runs saves one at a time, so none is lost', async () => {
      const name = await freshAccount('canned-burst', httpPort);
      const replies = await session(name);
      const saved = await Promise.all(['one', 'two', 'three', 'four'].map((title) => replies.save({ title, text: `${title}!` })));
      expect(replies.replies).to.deep.equal(saved);
      expect(await (await session(name)).list()).to.deep.equal(saved);
    });

    it('fetches the list again after a new session', async () => {
      const name = await freshAccount('canned-again', httpPort);
      const client = trackedClient(accountOptions(name, service));
      await client.connect();
      const replies = createCannedReplies({ client });
      expect(await replies.list()).to.deep.equal([]);
      const elsewhere = await session(name);
      const added = await elsewhere.save({ title: 'From the phone', text: 'Sent from another device.' });
      await client.disconnect();
      await client.connect();
      await until(() => replies.replies.length === 1, 'the list fetched again');
      expect(replies.replies).to.deep.equal([added]);
    });

    it('refuses replies it cannot store, and sends nothing for them', async () => {
      const replies = await session(await freshAccount('canned-bad', httpPort));
      for (const bad of [
        { title: ' ', text: 'x' },
        { title: 'x', text: ' \n ' },
        { title: 'x'.repeat(101), text: 'x' },
        { title: 'x', text: 'x'.repeat(4001) },
        { id: '', title: 'x', text: 'x' },
      ]) {
        const error = await replies.save(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, JSON.stringify(bad).slice(0, 60)).to.be.instanceOf(CannedReplyError);
        expect((error as CannedReplyError).condition).to.equal('invalid-reply');
      }
      expect(await replies.list()).to.deep.equal([]);
    });
  });
}
