/**
 * One session for the tabs of a site: four chats of one account (standing for four tabs, with the
 * history they share in IndexedDB) make one session on the server, as the server itself counts
 * them; each sends and receives through it; when the tab holding it closes, another takes it
 * over, and the server's archive, read by slixmpp, holds every message once.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Chat, SessionInfo } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history, tab } from './chat-helpers.ts';
import { countBodies, readArchive } from './faults.ts';
import { DOMAIN, SERVERS, serviceUrl, TRANSPORTS, type ServerName } from './servers.ts';

const sessionsOf = (server: ServerName, user: string) => executeServerCommand<string[], object>('server-sessions', { server, user });

/** Tabs of one site signed in to `name`, sharing one session and one history. */
function tabs(count: number, name: string, service: string): Chat[] {
  const owner = `${name}-tabs-${Math.random().toString(36).slice(2, 8)}@test`;
  return Array.from({ length: count }, () => tab(name, service, owner, { shareSession: true, resource: undefined }));
}

const bodiesOf = async (chat: Chat, peer: string) => (await history(chat, peer)).map((m) => m.body);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`one session for a site's tabs (${server}, ${transport})`, function () {
      this.timeout(90_000);
      afterEach(closeChats);

      it('four tabs make one session; each chats through it; another takes over when it closes', async () => {
        const service = serviceUrl(transport, SERVERS[server].httpPort);
        const [alice, bob] = await newAccounts(server, 'share', 'peer');
        const four = tabs(4, alice, service);
        const peer = device(bob, service);
        await connectAll(...four, peer);

        // One session on the server, and every tab speaks as it.
        expect(await sessionsOf(server, alice)).to.have.length(1);
        const jid = four[0].client.jid;
        for (const t of four) expect(t.client.jid).to.equal(jid);

        // Each tab's message reaches the peer once; the peer's reaches every tab once.
        const aliceJid = `${alice}@${DOMAIN}`;
        const bobJid = `${bob}@${DOMAIN}`;
        const sent = four.map((_, i) => `from tab ${i}`);
        await Promise.all(four.map((t, i) => t.send(bobJid, sent[i])));
        // Every tab hears the peer's message; one delivery receipt answers it (XEP-0184).
        const receipts: string[] = [];
        peer.client.on('stanza', (stanza) => {
          for (const c of stanza.children)
            if (typeof c !== 'string' && c.name === 'received' && c.attrs.xmlns === 'urn:xmpp:receipts') receipts.push(c.attrs.id);
        });
        await peer.send(aliceJid, 'to every tab');
        await eventually(async () => (await bodiesOf(peer, aliceJid)).length >= 5, 'the peer has all');
        for (const t of four) {
          await eventually(async () => (await bodiesOf(t, bobJid)).includes('to every tab'), 'the tab has the reply');
          const bodies = await bodiesOf(t, bobJid);
          expect(bodies.filter((b) => b === 'to every tab')).to.have.length(1);
          for (const b of sent) expect(bodies.filter((x) => x === b)).to.have.length(1);
        }
        await eventually(() => Promise.resolve(receipts.length > 0), 'the receipt');
        await new Promise((resolve) => setTimeout(resolve, 300)); // time for more, were any sent
        expect(receipts, 'one receipt').to.have.length(1);

        // The tab holding the session closes: another opens it again, within a second.
        const leads = four.filter((t) => t.client.sharing === 'lead');
        expect(leads).to.have.length(1);
        const lead = leads[0];
        const rest = four.filter((t) => t !== lead);
        const back = rest.map((t) => new Promise<SessionInfo>((resolve) => t.client.on('online', resolve)));
        const closedAt = performance.now();
        await lead.close();
        const infos = await Promise.all(back);
        const takeover = performance.now() - closedAt;
        // It ended its session on purpose: the stream the others knew is refused, and a new one opens.
        expect(infos.map((i) => i.resumed)).to.deep.equal([false, false, false]);
        expect(rest.filter((t) => t.client.sharing === 'lead')).to.have.length(1);
        expect(takeover).to.be.below(1000);
        await eventually(async () => (await sessionsOf(server, alice)).length === 1, 'one session after the takeover');
        const after = rest.map((_, i) => `after takeover ${i}`);
        await Promise.all(rest.map((t, i) => t.send(bobJid, after[i])));
        await peer.send(aliceJid, 'after the takeover');
        for (const t of rest)
          await eventually(async () => (await bodiesOf(t, bobJid)).includes('after the takeover'), 'the reply after takeover');
        await eventually(async () => (await bodiesOf(peer, aliceJid)).length >= 8, 'the peer has all after takeover');

        // The server's archive, read by a third-party client: every message once.
        const archived = await readArchive(server, aliceJid, `pass-${alice}`, bobJid);
        const { lost, duplicated } = countBodies(archived, [...sent, ...after, 'to every tab', 'after the takeover']);
        expect({ lost, duplicated }).to.deep.equal({ lost: [], duplicated: [] });
        expect(await sessionsOf(server, alice)).to.have.length(1);
        console.log(`${server} ${transport}: takeover ${Math.round(takeover)} ms`);
      });
    });
  }
}

describe('tabs of a browser without Web Locks', function () {
  this.timeout(60_000);
  afterEach(async () => {
    delete (navigator as { locks?: unknown }).locks;
    await closeChats();
  });

  it('keep a session each, as before', async () => {
    Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
    const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
    const [alice] = await newAccounts('prosody', 'alone');
    const two = tabs(2, alice, service);
    await connectAll(...two);
    expect(two.map((t) => t.client.sharing)).to.deep.equal([undefined, undefined]);
    expect(await sessionsOf('prosody', alice)).to.have.length(2);
  });
});
