/**
 * End-to-end encryption (OMEMO 0.3 and 2) between a chat and the python-omemo peer
 * (test/runner/omemo-peer.py) through real servers: first contact both ways, a hundred messages each
 * way (each version on one server), a new device on either side, messages read from the archive after
 * being offline, and an archive that holds no plaintext when read by a third-party client. Over BOSH,
 * first contact only (the rest are the same stanzas over another transport).
 */
import { expect } from '@esm-bundle/chai';
import { createMemoryBackend, type Chat, type StoredMessage } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { readArchive } from './faults.ts';
import { FALLBACK, omemoPeer, type OmemoPeer, type OmemoVersion } from './omemo-peer.ts';
import { DOMAIN, SERVERS, serviceUrl, type ServerName, type TransportName } from './servers.ts';

const unique = () => Math.random().toString(36).slice(2, 8);
const transports: TransportName[] = ['websocket', 'bosh'];
/** The version whose hundred messages each way a server carries. */
const LONG_EXCHANGE: Record<ServerName, OmemoVersion> = { prosody: '2', ejabberd: '0.3' };

/**
 * An encrypting chat for `name` whose keys and history live in `backend` (the same backend is the same
 * device); `idb`: in IndexedDB, as a page keeps them, under the account's name.
 */
function omemoChat(name: string, service: string, backend: ReturnType<typeof createMemoryBackend> | 'idb' = createMemoryBackend()): Chat {
  const chat = device(name, service, {
    encryption: 'omemo',
    historyOwner: `${name}@${DOMAIN}`,
    storage: backend === 'idb' ? {} : { backend, channelName: `omemo-${name}-${unique()}` },
  });
  const errors: string[] = [];
  chat.on('error', (error) => errors.push(`${error.name}: ${error.message}`));
  reported.set(chat, errors);
  return chat;
}

/** What each chat reported, for a failure to tell. */
const reported = new WeakMap<Chat, string[]>();

async function ready(chat: Chat): Promise<number> {
  await connectAll(chat);
  const omemo = (await chat.omemo())!;
  await omemo.published();
  return (await omemo.ownDevice()).deviceId;
}

/** The stored message with `body`, waited for; a timeout says what was stored instead. */
async function stored(chat: Chat, peer: string, body: string): Promise<StoredMessage> {
  try {
    return await eventually(async () => (await history(chat, peer)).find((m) => m.body === body), `the chat storing "${body}"`, 40_000);
  } catch (error) {
    const bodies = (await history(chat, peer)).map((m) => `${m.direction}: ${m.body}`);
    throw new Error(`${(error as Error).message}; stored: ${JSON.stringify(bodies)}; reported: ${JSON.stringify(reported.get(chat))}`);
  }
}

/** Waits until the peer lists our device (it follows our device list by notification or on its next fetch). */
const listed = (peer: OmemoPeer, jid: string, deviceId: number) =>
  eventually(
    async () => (await omemoPeer.devices(peer, jid)).some((d) => d.deviceId === deviceId),
    `${peer.jid} listing device ${deviceId}`,
  );

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of transports) {
    describe(`OMEMO on ${server} over ${transport}`, function () {
      this.timeout(180_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      let me: string, them: string;
      beforeEach(async () => {
        [me, them] = await newAccounts(server, 'omemo-w', 'omemo-p');
      });
      afterEach(async () => {
        await closeChats();
        await omemoPeer.stopAll();
      });

      it('refuses to send in the clear to someone without OMEMO, unless plain text may follow', async () => {
        const [plainName] = await newAccounts(server, 'omemo-plain');
        const plain = device(plainName, service);
        await connectAll(plain);
        const chat = omemoChat(me, service);
        await ready(chat);
        const refused = await chat.send(`${plainName}@${DOMAIN}`, `secret ${unique()}`);
        expect(refused).to.include({ state: 'failed', encrypted: true });
        expect(refused.error).to.contain('no OMEMO device');

        const agent = device(them, service, { encryption: 'omemo', plaintextFallback: true });
        await ready(agent);
        const open = `in the clear ${unique()}`;
        const sent = await agent.send(`${plainName}@${DOMAIN}`, open);
        expect(sent.encrypted).to.equal(undefined);
        expect(await stored(plain, `${them}@${DOMAIN}`, open)).to.include({ direction: 'in' });
        expect((await history(plain, `${me}@${DOMAIN}`)).length).to.equal(0);
      });

      for (const version of ['0.3', '2'] as OmemoVersion[]) {
        it(`makes first contact both ways in OMEMO ${version}, and the server keeps no plaintext`, async () => {
          const peer = await omemoPeer.start(server, them, { versions: [version] });
          const chat = omemoChat(me, service);
          const deviceId = await ready(chat);

          // We write first: we start the session from the peer's bundle.
          const hello = `hello ${unique()}`;
          const sent = await chat.send(peer.jid, hello);
          expect(sent.state, sent.error).to.not.equal('failed');
          const helloEvent = await omemoPeer.received(peer, hello);
          expect(helloEvent).to.include({ encrypted: true, version, deviceId });
          // A correction is sealed like the message: the peer opens it and sees what it replaces.
          const corrected = `hello again ${unique()}`;
          await chat.messaging.correct(peer.jid, sent.key, corrected);
          expect(await omemoPeer.received(peer, corrected)).to.include({ encrypted: true, version, replaces: helloEvent.id });
          const reply = `reply ${unique()}`;
          await omemoPeer.send(peer, `${me}@${DOMAIN}`, reply, version);
          expect(await stored(chat, peer.jid, reply)).to.include({ direction: 'in', encrypted: true });

          // The peer writes first to a second account: it starts the session from our bundle.
          const [other] = await newAccounts(server, 'omemo-x');
          const second = omemoChat(other, service);
          const secondId = await ready(second);
          await listed(peer, `${other}@${DOMAIN}`, secondId);
          const first = `first ${unique()}`;
          await omemoPeer.send(peer, `${other}@${DOMAIN}`, first, version);
          expect(await stored(second, peer.jid, first)).to.include({ encrypted: true });
          const answer = `answer ${unique()}`;
          await second.send(peer.jid, answer);
          expect(await omemoPeer.received(peer, answer)).to.include({ encrypted: true, version, deviceId: secondId });

          const archive = await readArchive(server, `${me}@${DOMAIN}`, `pass-${me}`);
          const bodies = archive.map((m) => m.body ?? '');
          expect(bodies.filter((b) => b === FALLBACK).length).to.be.at.least(2);
          for (const text of [hello, corrected, reply]) expect(bodies.some((b) => b.includes(text))).to.equal(false);
          const undecryptable = (await omemoPeer.events(peer)).filter((e) => e.event === 'undecryptable');
          expect(undecryptable).to.deep.equal([]);
        });

        // The transports carry the same stanzas: the long exchanges run over WebSocket only.
        if (transport === 'bosh') continue;

        // A long exchange walks the ratchet of one version, which the server never sees: each version on
        // one server, each server carrying (and archiving) one version's hundred each way.
        if (LONG_EXCHANGE[server] === version)
          it(`carries a hundred messages each way in OMEMO ${version}, in order and once`, async () => {
            const peer = await omemoPeer.start(server, them, { versions: [version] });
            const chat = omemoChat(me, service);
            await ready(chat);
            const tag = unique();
            const ours = Array.from({ length: 100 }, (_, i) => `ours ${i} ${tag}`);
            for (const body of ours) await chat.send(peer.jid, body);
            await eventually(
              async () => {
                const got = new Set((await omemoPeer.events(peer)).filter((e) => e.event === 'message').map((e) => e.body));
                return ours.every((body) => got.has(body));
              },
              'the peer receiving a hundred messages',
              90_000,
            );
            const theirs = Array.from({ length: 100 }, (_, i) => `theirs ${i} ${tag}`);
            for (const body of theirs) await omemoPeer.send(peer, `${me}@${DOMAIN}`, body, version);
            const all = await eventually(
              async () => {
                const stored = await history(chat, peer.jid);
                return stored.filter((m) => m.direction === 'in').length >= 100 && stored;
              },
              'the chat storing a hundred messages',
              90_000,
            );
            expect(all.filter((m) => m.direction === 'in').map((m) => m.body)).to.deep.equal(theirs);
            expect(all.filter((m) => m.direction === 'out').map((m) => m.body)).to.deep.equal(ours);
            expect(all.every((m) => m.encrypted)).to.equal(true);
            const events = await omemoPeer.events(peer);
            expect(events.filter((e) => e.event === 'undecryptable' || e.event === 'duplicate')).to.deep.equal([]);
            // The peer's archive, as its own client reads it: every message in it, none readable without the keys.
            const archived = (await omemoPeer.archive(peer, `${me}@${DOMAIN}`)).filter((m) => !m.keysOnly);
            expect(archived.length).to.be.at.least(200);
            expect(archived.every((m) => m.encrypted && m.fallbackBody === FALLBACK)).to.equal(true);
          });

        it(`reaches a new device on either side in OMEMO ${version}`, async () => {
          const peer = await omemoPeer.start(server, them, { versions: [version] });
          const chat = omemoChat(me, service);
          const deviceId = await ready(chat);
          const hello = `hello ${unique()}`;
          await chat.send(peer.jid, hello);
          await omemoPeer.received(peer, hello);

          // The peer's second device: the chat hears of it (a subscription to the peer's list) and encrypts to it too.
          const peer2 = await omemoPeer.start(server, them, { device: 'second', versions: [version] });
          const omemo = (await chat.omemo())!;
          await eventually(
            async () => (await omemo.devices(peer.jid)).some((d) => d.deviceId === peer2.deviceId),
            'the chat listing the new device',
          );
          const both = `to both ${unique()}`;
          await chat.send(peer.jid, both);
          expect(await omemoPeer.received(peer, both)).to.include({ deviceId });
          expect(await omemoPeer.received(peer2, both)).to.include({ deviceId });

          // Our second chat: the first encrypts to it as one of our own devices, and the peer once it lists it.
          const chat2 = omemoChat(me, service);
          const secondId = await ready(chat2);
          await listed(peer, `${me}@${DOMAIN}`, secondId);
          await eventually(
            async () => (await omemo.devices(`${me}@${DOMAIN}`)).some((d) => d.deviceId === secondId),
            'our first chat listing our second',
          );
          const fromPeer = `from the peer ${unique()}`;
          await omemoPeer.send(peer, `${me}@${DOMAIN}`, fromPeer, version);
          expect(await stored(chat, peer.jid, fromPeer)).to.include({ encrypted: true, direction: 'in' });
          expect(await stored(chat2, peer.jid, fromPeer)).to.include({ encrypted: true, direction: 'in' });
          const copied = `copied ${unique()}`;
          await chat.send(peer.jid, copied);
          expect(await stored(chat2, peer.jid, copied)).to.include({ encrypted: true, direction: 'out' });
          await omemoPeer.received(peer2, copied);
        });

        it(`reads what came while offline from the archive in OMEMO ${version}, and shows it once after reloads`, async () => {
          const peer = await omemoPeer.start(server, them, { versions: [version] });
          // In IndexedDB, as a page keeps it: private keys as CryptoKeys, by structured clone.
          let chat = omemoChat(me, service, 'idb');
          const deviceId = await ready(chat);
          const hello = `hello ${unique()}`;
          await chat.send(peer.jid, hello);
          await omemoPeer.received(peer, hello);
          await chat.disconnect();

          const away = [1, 2, 3].map((n) => `while away ${n} ${unique()}`);
          for (const body of away) await omemoPeer.send(peer, `${me}@${DOMAIN}`, body, version);
          // A message the peer did not encrypt for this device: stored with a sentence, the rest still shown.
          const plain = `plain ${unique()}`;
          await omemoPeer.sendPlain(peer, `${me}@${DOMAIN}`, plain);

          for (let reload = 0; reload < 2; reload++) {
            chat = omemoChat(me, service, 'idb');
            expect(await ready(chat)).to.equal(deviceId);
            const stored = await history(chat, peer.jid);
            const bodies = stored.map((m) => m.body);
            for (const body of [hello, ...away, plain]) expect(bodies.filter((b) => b === body).length, body).to.equal(1);
            expect(stored.filter((m) => away.includes(m.body)).every((m) => m.encrypted)).to.equal(true);
            expect(stored.find((m) => m.body === plain)?.encrypted).to.equal(undefined);
            expect(bodies).to.not.include(FALLBACK);
            await chat.disconnect();
          }
        });
      }
    });
  }
}
