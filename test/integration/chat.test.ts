/**
 * The chat layer against the real servers, over both transports: receipts and read markers,
 * chat states, corrections, bounces, carbons, the outbox, MAM catch-up and scroll-back, history
 * across reloads and tabs, and storage that fails.
 */
import { expect } from '@esm-bundle/chai';
import { buildChatMessage, newStanzaId, type StorageError } from '../../src/index.ts';
import {
  ALL_SERVERS,
  SERVERS,
  TRANSPORTS,
  accountOptions,
  serviceUrl,
  sleep,
  trackedClient,
  disconnectAll,
  until,
  isSamplePair,
  type AnyServerName,
} from './servers.ts';
import { closeChats, connectAll, device, eventually, history, tab } from './chat-helpers.ts';

for (const server of Object.keys(ALL_SERVERS) as AnyServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`chat on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      const service = serviceUrl(transport, ALL_SERVERS[server].httpPort);
      afterEach(async () => {
        await closeChats();
        await disconnectAll();
      });

      it('sends, delivers and reads a message: pending → sent → delivered → read, stored once', async () => {
        const alice = device('alice', service);
        const bob = device('bob', service);
        await connectAll(alice, bob);
        const body = `<img src=x onerror=alert(1)> ${newStanzaId()}`;
        const sent = await alice.send('bob@localhost', body);
        expect(sent.state).to.equal('pending');
        const state = async () => (await alice.store.get('bob@localhost', sent.key))?.state;
        const atBob = await eventually(async () => (await history(bob, 'alice@localhost')).find((m) => m.body === body), 'bob to store it');
        await eventually(async () => (await state()) === 'delivered', 'the receipt', 15_000);
        const before = (await bob.conversations()).find((c) => c.peer === 'alice@localhost');
        expect(before, 'the conversation at bob').to.include({ lastBody: body, lastDirection: 'in' });
        expect(before!.unread).to.be.greaterThan(0);
        await bob.messaging.markRead('alice@localhost');
        expect((await bob.conversations()).find((c) => c.peer === 'alice@localhost')?.unread).to.equal(0);
        await eventually(async () => (await state()) === 'read', 'the displayed marker', 15_000);
        expect(atBob.direction).to.equal('in');
        await sleep(500);
        expect((await history(bob, 'alice@localhost')).filter((m) => m.body === body)).to.have.length(1);
      });

      it('corrects a message and marks a bounced one failed with a sentence', async () => {
        const alice = device('alice', service);
        const bob = device('bob', service);
        await connectAll(alice, bob);
        const sent = await alice.send('bob@localhost', `typo ${newStanzaId()}`);
        const fixed = `fixed ${newStanzaId()}`;
        await eventually(async () => (await history(bob, 'alice@localhost')).some((m) => m.key === sent.key), 'delivery');
        await alice.messaging.correct('bob@localhost', sent.key, fixed);
        await eventually(async () => (await bob.store.get('alice@localhost', sent.key))?.body === fixed, 'the correction at bob');
        expect((await bob.store.get('alice@localhost', sent.key))?.corrected).to.equal(true);
        const lost = await alice.send('nobody-here@localhost', 'hello?');
        const failed = await eventually(
          async () => {
            const m = await alice.store.get('nobody-here@localhost', lost.key);
            return m?.state === 'failed' && m;
          },
          'the bounce',
          15_000,
        );
        expect(failed.error)
          .to.be.a('string')
          .and.not.match(/^[a-z-]+$/);
        const states: string[] = [];
        alice.on('messages', (c) => {
          for (const m of c.updated) if (m.key === lost.key) states.push(m.state);
        });
        await alice.messaging.retry('nobody-here@localhost', lost.key);
        await until(() => states.includes('pending') && states.at(-1) === 'failed', 'the retry to be sent and bounce again', 15_000);
      });

      // Chat states are plain messages the servers only relay: one WebSocket and one BOSH pair.
      if (isSamplePair(server, transport))
        it('shows the peer typing and pausing (chat states)', async () => {
          const alice = device('alice', service);
          const bob = device('bob', service);
          await connectAll(alice, bob);
          const hi = await bob.send('alice@localhost', `hi ${newStanzaId()}`); // carries <active/>: bob uses chat states
          // Live or (after a lost session) from the archive: either way alice learns that bob uses them.
          await eventually(async () => (await history(alice, 'bob@localhost')).some((m) => m.key === hi.key), "bob's message at alice");
          alice.chatStates.typing('bob@localhost', true);
          await until(() => bob.chatStates.of('alice@localhost') === 'composing', 'alice composing at bob');
          alice.chatStates.typing('bob@localhost', false);
          await until(() => bob.chatStates.of('alice@localhost') === 'active', 'alice active again');
          bob.chatStates.typing('alice@localhost', true);
          await until(() => alice.chatStates.of('bob@localhost') === 'composing', 'bob composing at alice');
        });

      it('copies messages to the other device of the account (carbons)', async () => {
        const phone = device('alice', service);
        const laptop = device('alice', service);
        const bob = device('bob', service);
        await connectAll(phone, laptop, bob);
        await sleep(500); // carbons are enabled after the features are known
        const out = await phone.send('bob@localhost', `from the phone ${newStanzaId()}`);
        const copy = await eventually(
          async () => (await history(laptop, 'bob@localhost')).find((m) => m.key === out.key),
          'the sent carbon',
        );
        expect(copy.direction).to.equal('out');
        const reply = `to alice's phone ${newStanzaId()}`;
        // Sent raw (to the phone's full JID), so without the outbox: a BOSH session that stalls
        // (ejabberd holding its requests out of order, see bosh-patches.ts) is replaced and takes
        // the message with it. The same stanza, id and all, goes again after a while; the laptop
        // keeps one copy.
        const toPhone = buildChatMessage({ to: phone.client.jid!, body: reply });
        const received = async () => (await history(laptop, 'bob@localhost')).some((m) => m.body === reply && m.direction === 'in');
        for (let attempt = 0; attempt < 3 && !(await received()); attempt++) {
          bob.client.send(toPhone);
          await eventually(received, 'the received carbon', 7_000).catch(() => undefined);
        }
        await eventually(received, 'the received carbon');
        expect((await history(laptop, 'bob@localhost')).filter((m) => m.body === reply)).to.have.length(1);
      });

      it('keeps messages written offline and sends them once, in order, when connected', async () => {
        const alice = device('alice', service);
        const bob = device('bob', service);
        await connectAll(bob);
        const tag = newStanzaId();
        for (const n of [1, 2, 3]) await alice.send('bob@localhost', `offline ${n} ${tag}`);
        expect((await history(alice, 'bob@localhost')).map((m) => m.state)).to.deep.equal(['pending', 'pending', 'pending']);
        await alice.connect();
        await eventually(async () => (await history(bob, 'alice@localhost')).filter((m) => m.body.endsWith(tag)).length === 3, 'all three');
        await eventually(async () => (await history(alice, 'bob@localhost')).every((m) => m.state !== 'pending'), 'sent states');
        await sleep(1000);
        const bodies = (await history(bob, 'alice@localhost')).filter((m) => m.body.endsWith(tag)).map((m) => m.body);
        expect(bodies).to.deep.equal([1, 2, 3].map((n) => `offline ${n} ${tag}`));
      });

      it('catches up 500 messages that arrived while offline, each once and in order (MAM)', async function () {
        this.timeout(180_000);
        const alice = device('alice', service);
        const caughtUp = new Promise((resolve) => alice.on('ready', resolve));
        await alice.connect();
        await caughtUp;
        await alice.disconnect();
        const sender = trackedClient(accountOptions('dave', service));
        await sender.connect();
        const tag = newStanzaId().slice(0, 8);
        for (let n = 0; n < 500; n++) sender.send(buildChatMessage({ to: 'alice@localhost', body: `${tag} #${n}` }));
        const acked = await eventually(async () => {
          await sleep(200);
          return true;
        }, 'sending');
        expect(acked).to.equal(true);
        await sleep(3000); // let the server archive them all
        await alice.connect();
        await eventually(
          async () => (await history(alice, 'dave@localhost')).filter((m) => m.body.startsWith(tag)).length >= 500,
          '500 messages',
          120_000,
        );
        await sleep(1000);
        const got = (await history(alice, 'dave@localhost')).filter((m) => m.body.startsWith(tag)).map((m) => m.body);
        expect(got).to.deep.equal(Array.from({ length: 500 }, (_, n) => `${tag} #${n}`));
      });

      // History kept in the page and shared between tabs is the same whatever relayed the message: one WebSocket
      // and one BOSH pair.
      if (isSamplePair(server, transport))
        it('shows history after a reload before connecting, and shares it between tabs', async () => {
          const owner = `alice-${newStanzaId()}@test`;
          const first = tab('alice', service, owner);
          const other = tab('alice', service, owner);
          const bob = device('bob', service);
          await connectAll(first, bob);
          const changes: string[] = [];
          other.on('messages', (c) => {
            if (c.origin === 'tab') changes.push(c.peer);
          });
          const body = `for both tabs ${newStanzaId()}`;
          await bob.send('alice@localhost', body);
          await eventually(async () => (await history(first, 'bob@localhost')).some((m) => m.body === body), 'the first tab');
          await until(() => changes.includes('bob@localhost'), 'the other tab to hear of it');
          expect((await history(other, 'bob@localhost')).filter((m) => m.body === body)).to.have.length(1);
          await first.disconnect();
          const reloaded = tab('alice', service, owner);
          expect(reloaded.client.status).to.equal('disconnected');
          expect((await history(reloaded, 'bob@localhost')).filter((m) => m.body === body)).to.have.length(1);
          await first.store.clear();
        });
    });
  }
}

describe('chat with failing storage', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await closeChats();
  });

  it('falls back to memory with an error event and keeps every message', async () => {
    const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
    const failing = {
      transaction: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    };
    const alice = device('alice', service, { storage: { backend: failing, channelName: newStanzaId() } });
    const bob = device('bob', service);
    const errors: StorageError[] = [];
    alice.on('error', (e) => errors.push(e as StorageError));
    await connectAll(alice, bob);
    const body = `still here ${newStanzaId()}`;
    await bob.send('alice@localhost', body);
    await eventually(async () => (await history(alice, 'bob@localhost')).some((m) => m.body === body), 'the message in memory');
    expect(errors.map((e) => e.condition)).to.include('quota-exceeded');
    expect(errors.filter((e) => e.name === 'StorageError')).to.have.length(1);
  });
});
