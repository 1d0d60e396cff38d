/**
 * The tab holding a site's shared session goes (a page of its own, removed as a closed tab goes)
 * while a message of its own is on its way: over WebSocket, the tab taking over resumes its stream
 * (XEP-0198): the same full JID and session on the server, no unavailable presence at the contact,
 * what the contact sent in the gap arrives once, and the holder's last message is in the archive
 * once. On the newest pair the holder's page hears nothing of its going, as when a tab crashes.
 * (A holder that ends its session on purpose leaves nothing to resume: shared-session.test.ts.)
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { xml, type Chat, type SessionInfo, type XmlElement } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history, tab } from './chat-helpers.ts';
import type * as Helpers from './chat-helpers.ts';
import { countBodies, readArchive } from './faults.ts';
import { ALL_SERVERS, DOMAIN, NEWEST_SERVERS, ownAgent, serviceUrl, type AnyServerName } from './servers.ts';

const sessionsOf = (server: AnyServerName, user: string) => executeServerCommand<string[], object>('server-sessions', { server, user });

/**
 * A page of its own, in which a chat runs as in another tab. `silent`: its chat hears nothing of the
 * page going, as when the tab crashes (its socket just closes).
 */
async function otherTab(silent: boolean): Promise<{ frame: HTMLIFrameElement; helpers: typeof Helpers }> {
  const frame = document.createElement('iframe');
  const deaf = silent ? `addEventListener('pagehide', (e) => e.stopImmediatePropagation());` : '';
  frame.srcdoc = `<script>${deaf}</script><script type="module">import * as helpers from '/test/integration/chat-helpers.ts'; window.helpers = helpers;</script>`;
  document.body.append(frame);
  const loaded = async () => (frame.contentWindow as { helpers?: typeof Helpers } | null)?.helpers;
  const helpers = await eventually(loaded, 'the other tab to load');
  return { frame, helpers };
}

/** A full JID's resource, which may itself hold a slash (Prosody 13 makes some from base64). */
const resourceOf = (jid: string) => jid.slice(jid.indexOf('/') + 1);

const bodiesOf = async (chat: Chat, peer: string) => (await history(chat, peer)).map((m) => m.body);

// The holder's page goes as a closed tab does; on the newest pair, as a crashed one (no pagehide).
const cases = (Object.keys(ALL_SERVERS) as AnyServerName[]).map((server) => ({ server, silent: server in NEWEST_SERVERS }));

for (const { server, silent } of cases) {
  describe(`a shared session handed over by resumption (${server}, websocket${silent ? ', the holder crashed' : ''})`, function () {
    this.timeout(60_000);
    let frame: HTMLIFrameElement | undefined;
    afterEach(async () => {
      frame?.remove();
      await closeChats();
    });

    /** Alice's tabs sharing a session: the holder in a page of its own, `count` in this one; Bob, a contact. */
    async function tabsOf(prefix: string, count: number) {
      const service = serviceUrl('websocket', ALL_SERVERS[server].httpPort);
      const [alice, bob] = await newAccounts(server, prefix, 'peer');
      const owner = `${alice}-tabs-${Math.random().toString(36).slice(2, 8)}@test`;
      // One device, as the widget's tabs are (servers bind sessions to it).
      const shared = { shareSession: true, resource: undefined, fast: ownAgent() };
      const other = await otherTab(silent);
      frame = other.frame;
      const holder = other.helpers.tab(alice, service, owner, shared);
      await holder.connect();
      const two = Array.from({ length: count }, () => tab(alice, service, owner, shared));
      const peer = device(bob, service);
      await connectAll(...two, peer);
      return { alice, aliceJid: `${alice}@${DOMAIN}`, bobJid: `${bob}@${DOMAIN}`, holder, holderPage: other.frame, two, peer };
    }

    it('the tab holding it goes mid-send: another resumes the same stream, nothing lost, doubled or flapping', async () => {
      const { alice, aliceJid, bobJid, holder, two, peer } = await tabsOf('resume', 2);
      expect([holder.client.sharing, ...two.map((t) => t.client.sharing)]).to.deep.equal(['lead', 'follow', 'follow']);
      const jid = holder.client.jid!;

      // The contact hears our presence (directed: the server tells it when the session ends).
      const presences: string[] = [];
      peer.client.on('stanza', (s: XmlElement) => {
        if (s.name === 'presence' && s.attrs.from === jid) presences.push(s.attrs.type ?? 'available');
      });
      holder.client.send(xml('presence', { to: bobJid }));
      await eventually(async () => presences.length === 1, 'the contact to hear our presence');
      expect(await sessionsOf(server, alice)).to.deep.equal([resourceOf(jid)]);

      // The holder's message goes out; its tab goes before the server confirms it.
      const last = `the holder's last ${alice}`;
      const gone = new Promise<void>((resolve) => {
        const send = holder.client.send.bind(holder.client);
        holder.client.send = (stanza: XmlElement) => {
          send(stanza);
          if (stanza.name === 'message')
            setTimeout(() => {
              frame?.remove();
              resolve();
            });
        };
      });
      const back = two.map((t) => new Promise<SessionInfo>((resolve) => t.client.on('online', resolve)));
      void holder.send(bobJid, last);
      await gone;
      const goneAt = performance.now();
      await peer.send(aliceJid, 'in the gap');
      const infos = await Promise.all(back);
      const takeover = performance.now() - goneAt;

      const lead = two.find((t) => t.client.sharing === 'lead')!;
      expect(lead, 'a new holder').to.not.equal(undefined);
      expect(infos.map((i) => [i.resumed, i.jid])).to.deep.equal([
        [true, jid],
        [true, jid],
      ]);
      expect(await sessionsOf(server, alice)).to.deep.equal([resourceOf(jid)]);

      // Each tab has the contact's message once; the contact has the holder's last once.
      for (const t of two) {
        await eventually(async () => (await bodiesOf(t, bobJid)).includes('in the gap'), 'the message sent in the gap');
        expect((await bodiesOf(t, bobJid)).filter((b) => b === 'in the gap')).to.have.length(1);
      }
      await eventually(async () => (await bodiesOf(peer, aliceJid)).includes(last), "the holder's last message");
      await two[0].send(bobJid, 'after the handover');
      await eventually(async () => (await bodiesOf(peer, aliceJid)).includes('after the handover'), 'the message after');
      expect((await bodiesOf(peer, aliceJid)).filter((b) => b === last)).to.have.length(1);
      const archived = await readArchive(server, aliceJid, `pass-${alice}`, bobJid);
      expect(countBodies(archived, [last, 'in the gap', 'after the handover'])).to.deep.equal({ lost: [], duplicated: [] });
      expect(presences, 'what the contact heard of our presence').to.deep.equal(['available']);
      expect(await sessionsOf(server, alice)).to.deep.equal([resourceOf(jid)]);
      console.log(`${server} websocket: resumed by another tab in ${Math.round(takeover)} ms`);
    });

    it('a message the server never got from the tab that went is sent again, once, on the resumed stream', async () => {
      const { alice, aliceJid, bobJid, holder, holderPage, two, peer } = await tabsOf('resend', 1);
      const [follower] = two;
      expect([holder.client.sharing, follower.client.sharing]).to.deep.equal(['lead', 'follow']);
      // The holder's message is counted as sent on its stream, but lost on the wire: the server
      // never has it. Only a resend delivers it (stream management's, by the tab resuming the
      // stream, or the shared outbox's after its archive check), and only one may.
      const lost = `lost on the wire ${alice}`;
      const socket = (holderPage.contentWindow as unknown as { WebSocket: typeof WebSocket }).WebSocket.prototype;
      const send = socket.send;
      let dropped = 0;
      socket.send = function (this: WebSocket, data: string) {
        if (String(data).includes(lost)) dropped += 1;
        else send.call(this, data);
      };
      const back = new Promise<SessionInfo>((resolve) => follower.client.on('online', resolve));
      void holder.send(bobJid, lost);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the channel tells the follower what is unconfirmed
      expect(dropped, 'the message lost on the wire').to.equal(1);
      holderPage.remove();
      expect((await back).resumed, 'resumed').to.equal(true);
      await eventually(async () => (await bodiesOf(peer, aliceJid)).includes(lost), 'the lost message, sent again');
      await follower.send(bobJid, 'after it');
      await eventually(async () => (await bodiesOf(peer, aliceJid)).includes('after it'), 'the message after');
      expect(
        (await bodiesOf(peer, aliceJid)).filter((b) => b === lost),
        'at the contact',
      ).to.have.length(1);
      const archived = await readArchive(server, aliceJid, `pass-${alice}`, bobJid);
      expect(countBodies(archived, [lost, 'after it'])).to.deep.equal({ lost: [], duplicated: [] });
    });
  });
}
