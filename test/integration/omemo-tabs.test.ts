/**
 * OMEMO in tabs that share one session: two chats of one account (standing for two tabs of a site,
 * with their IndexedDB) share the device. Writing from either tab in turn, every message reaches the
 * python-omemo peer decrypted; the peer's answers, heard by both tabs, are stored once, decrypted.
 */
import { expect } from '@esm-bundle/chai';
import type { Chat } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, eventually, history, tab } from './chat-helpers.ts';
import { omemoPeer } from './omemo-peer.ts';
import { DOMAIN, SERVERS, serviceUrl, type ServerName, type TransportName } from './servers.ts';

const PAIRS: [ServerName, TransportName][] = [
  ['prosody', 'websocket'],
  ['ejabberd', 'bosh'],
];

for (const [server, transport] of PAIRS) {
  describe(`OMEMO in tabs sharing a session (${server}, ${transport})`, function () {
    this.timeout(180_000);
    afterEach(async () => {
      await closeChats();
      await omemoPeer.stopAll();
    });

    it('shares one device: either tab writes in turn, and each answer is stored once, decrypted', async () => {
      const [me, them] = await newAccounts(server, 'omemo-tabs', 'omemo-tp');
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      const owner = `${me}-tabs-${Math.random().toString(36).slice(2, 8)}@test`;
      const tabs: Chat[] = [0, 1].map(() => tab(me, service, owner, { shareSession: true, resource: undefined, encryption: 'omemo' }));
      const errors: string[] = [];
      for (const t of tabs) t.on('error', (error) => errors.push(`${error.name}: ${error.message}`));
      const peer = await omemoPeer.start(server, them, { versions: ['2'] });
      await connectAll(...tabs);
      const omemos = await Promise.all(tabs.map(async (t) => (await t.omemo())!));
      await Promise.all(omemos.map((o) => o.published()));
      const [a, b] = await Promise.all(omemos.map(async (o) => (await o.ownDevice()).deviceId));
      expect(a).to.equal(b);

      for (let i = 0; i < 6; i++) {
        const body = `from tab ${i % 2}, ${i}`;
        const sent = await tabs[i % 2].send(peer.jid, body);
        expect(sent.state, sent.error).to.not.equal('failed');
        expect(await omemoPeer.received(peer, body)).to.include({ encrypted: true, deviceId: a });
      }
      const answers = [0, 1, 2].map((i) => `answer ${i}`);
      for (const body of answers) await omemoPeer.send(peer, `${me}@${DOMAIN}`, body, '2');
      for (const t of tabs) {
        const bodies = () => history(t, peer.jid).then((all) => all.filter((m) => m.direction === 'in'));
        await eventually(async () => (await bodies()).length >= answers.length, 'the answers in each tab', 40_000);
        const got = await bodies();
        expect(got.map((m) => [m.body, m.encrypted])).to.deep.equal(answers.map((body) => [body, true]));
      }
      expect(errors).to.deep.equal([]);
    });
  });
}
