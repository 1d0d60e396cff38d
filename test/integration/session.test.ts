/**
 * The integration matrix: {Prosody, ejabberd} × {WebSocket, BOSH} × {password, anonymous},
 * against the real servers that scripts/servers.sh started.
 */
import { expect } from '@esm-bundle/chai';
import { AuthError, ConnectionError, buildChatMessage, newStanzaId, parseChatMessage } from '../../src/index.ts';
import {
  ANON_DOMAIN,
  DOMAIN,
  SERVERS,
  TRANSPORTS,
  TEST_OPTIONS,
  accountOptions,
  disconnectAll,
  proxy,
  record,
  serviceUrl,
  sleep,
  trackedClient,
  until,
  type ServerName,
} from './servers.ts';

const bodiesOf = (stanzas: ReturnType<typeof record>['stanzas']) =>
  stanzas.map((s) => parseChatMessage(s)?.body).filter((b): b is string => b !== undefined);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  const { httpPort } = SERVERS[server];
  for (const transport of TRANSPORTS) {
    describe(`${server} over ${transport}`, function () {
      this.timeout(60_000);
      const service = serviceUrl(transport, httpPort);
      afterEach(disconnectAll);

      it('logs in with a password and exchanges a message', async () => {
        const alice = trackedClient(accountOptions('alice', service));
        const bob = trackedClient(accountOptions('bob', service));
        const aliceLog = record(alice);
        const bobLog = record(bob);
        const [a, b] = await Promise.all([alice.connect(), bob.connect()]);
        expect(a.jid).to.match(new RegExp(`^alice@${DOMAIN}/`));
        expect(b.jid).to.match(new RegExp(`^bob@${DOMAIN}/`));
        expect(alice.transport).to.equal(transport);
        expect(a.mechanism).to.match(/^SCRAM-SHA-/);
        expect(aliceLog.statuses.map((s) => s.status)).to.deep.equal(['connecting', 'connected']);
        expect(a.streamFeatures, 'stream features after login').to.include('urn:xmpp:csi:0');
        const acked: string[] = [];
        alice.on('acked', (stanza) => {
          if (stanza.attrs.id) acked.push(stanza.attrs.id);
        });
        const body = `hello <b>bob</b> & ${newStanzaId()}`;
        const id = newStanzaId();
        alice.send(buildChatMessage({ to: b.jid, body, id }));
        await until(() => bodiesOf(bobLog.stanzas).includes(body), 'bob to receive the message');
        await until(() => acked.includes(id), 'the server to acknowledge the message');
        expect(bodiesOf(aliceLog.stanzas)).to.not.include(body);
      });

      it('logs in anonymously and reaches a password account', async () => {
        const visitor = trackedClient({ ...TEST_OPTIONS, service, domain: ANON_DOMAIN, anonymous: true });
        const bob = trackedClient(accountOptions('bob', service));
        const bobLog = record(bob);
        const [v, b] = await Promise.all([visitor.connect(), bob.connect()]);
        expect(v.jid).to.match(new RegExp(`@${ANON_DOMAIN.replace('.', '\\.')}/`));
        const body = `visitor says hi ${newStanzaId()}`;
        visitor.send(buildChatMessage({ to: b.jid, body, id: newStanzaId() }));
        const got = await until(() => bobLog.stanzas.map((s) => parseChatMessage(s)).find((m) => m?.body === body), 'bob to get it');
        expect(got.from).to.equal(v.jid);
      });

      it('reports a wrong password as AuthError and does not retry', async () => {
        const alice = trackedClient(accountOptions('alice', service, { password: 'wrong-password' }));
        const log = record(alice);
        const error = await alice.connect().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(AuthError);
        expect((error as AuthError).condition).to.equal('not-authorized');
        expect((error as AuthError).message).to.match(/password/i);
        await sleep(1500);
        expect(log.statuses.map((s) => s.status)).to.deep.equal(['connecting', 'disconnected']);
        expect(alice.status).to.equal('disconnected');
      });

      it('reports a server that is down as ConnectionError, then recovers when it is back', async () => {
        const port = await proxy.start(httpPort);
        try {
          await proxy.down(port);
          const alice = trackedClient(accountOptions('alice', serviceUrl(transport, port)));
          const log = record(alice);
          const error = await alice.connect().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).to.be.instanceOf(ConnectionError);
          expect((error as ConnectionError).message).to.match(/chat server/);
          await until(() => log.statuses.some((s) => s.status === 'reconnecting'), 'a retry to be scheduled');
          await proxy.up(port);
          await until(() => alice.status === 'connected', 'recovery', 30_000);
          expect(alice.jid).to.match(/^alice@localhost\//);
        } finally {
          await disconnectAll();
          await proxy.stop(port);
        }
      });

      it('notices a dead link by ping (XEP-0199) and comes back', async () => {
        const port = await proxy.start(httpPort);
        try {
          const alice = trackedClient(accountOptions('alice', serviceUrl(transport, port), { pingIntervalMs: 500, pingTimeoutMs: 1000 }));
          const bob = trackedClient(accountOptions('bob', service));
          const bobLog = record(bob);
          const aliceLog = record(alice);
          const [, b] = await Promise.all([alice.connect(), bob.connect()]);
          await sleep(1200); // pings answered: the link is alive, nothing happens
          expect(aliceLog.statuses.map((s) => s.status)).to.deep.equal(['connecting', 'connected']);
          await proxy.stall(port);
          const lost = await until(() => aliceLog.statuses.find((s) => s.status === 'reconnecting'), 'the dead link to be noticed', 10_000);
          expect(lost.reason).to.be.instanceOf(ConnectionError);
          await until(() => alice.status === 'connected', 'reconnection', 30_000);
          const body = `after a dead link ${newStanzaId()}`;
          alice.send(buildChatMessage({ to: b.jid, body, id: newStanzaId() }));
          await until(() => bodiesOf(bobLog.stanzas).includes(body), 'delivery after the dead link');
        } finally {
          await disconnectAll();
          await proxy.stop(port);
        }
      });

      it('loses nothing when the link drops mid-session', async () => {
        const port = await proxy.start(httpPort);
        try {
          const alice = trackedClient(accountOptions('alice', serviceUrl(transport, port)));
          const bob = trackedClient(accountOptions('bob', service));
          const aliceLog = record(alice);
          const bobLog = record(bob);
          let resumed = false;
          alice.on('online', (info) => {
            resumed ||= info.resumed;
          });
          const [a, b] = await Promise.all([alice.connect(), bob.connect()]);
          const tag = newStanzaId();
          alice.send(buildChatMessage({ to: b.jid, body: `before-${tag}`, id: newStanzaId() }));
          await proxy.drop(port);
          bob.send(buildChatMessage({ to: a.jid, body: `during-${tag}`, id: newStanzaId() }));
          alice.send(buildChatMessage({ to: b.jid, body: `after-${tag}`, id: newStanzaId() }));
          await until(() => bodiesOf(bobLog.stanzas).includes(`after-${tag}`), "alice's message after the drop", 30_000);
          // A new BOSH session (when the retried request failed too) cannot get what the server
          // had queued for the old one: that comes back from the archive (MAM), in the chat layer.
          const newSession = aliceLog.statuses.some((s) => s.status === 'reconnecting');
          if (transport === 'websocket' || !newSession) {
            await until(() => bodiesOf(aliceLog.stanzas).includes(`during-${tag}`), "bob's message sent during the drop", 30_000);
          }
          await sleep(1000);
          const atBob = bodiesOf(bobLog.stanzas).filter((body) => body.endsWith(tag));
          if (transport === 'websocket') {
            expect(atBob, "each of alice's messages exactly once").to.deep.equal([`before-${tag}`, `after-${tag}`]);
          } else {
            // BOSH has no acknowledgements of its own: a message whose response was lost is sent
            // again by the new session, with the same origin-id, which receivers deduplicate by.
            expect([...new Set(atBob)], "each of alice's messages, in order").to.deep.equal([`before-${tag}`, `after-${tag}`]);
            const copies = bobLog.stanzas.map((s) => parseChatMessage(s)).filter((m) => m?.body.endsWith(tag));
            const idsPerBody = new Map<string, Set<string | undefined>>();
            for (const m of copies) idsPerBody.set(m!.body, (idsPerBody.get(m!.body) ?? new Set()).add(m!.originId));
            for (const [body, ids] of idsPerBody) expect(ids.size, `copies of ${body} share one origin-id`).to.equal(1);
          }
          const atAlice = bodiesOf(aliceLog.stanzas).filter((body) => body.endsWith(tag));
          expect(atAlice).to.deep.equal(transport === 'bosh' && newSession && atAlice.length === 0 ? [] : [`during-${tag}`]);
          if (transport === 'websocket') expect(resumed, 'stream resumed (XEP-0198)').to.equal(true);
        } finally {
          await disconnectAll();
          await proxy.stop(port);
        }
      });
    });
  }
}
