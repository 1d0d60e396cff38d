/** A real server restart in the middle of a session, for each server and transport. */
import { expect } from '@esm-bundle/chai';
import { buildChatMessage, newStanzaId, parseChatMessage } from '../../src/index.ts';
import {
  ALL_SERVERS,
  TRANSPORTS,
  accountOptions,
  disconnectAll,
  ownAgent,
  record,
  restartServer,
  serviceUrl,
  sleep,
  trackedClient,
  until,
  type AnyServerName,
} from './servers.ts';

for (const server of Object.keys(ALL_SERVERS) as AnyServerName[]) {
  describe(`${server} restart`, function () {
    this.timeout(180_000);
    afterEach(disconnectAll);

    it('reconnects every transport, and a message sent afterwards arrives exactly once', async () => {
      const pairs = TRANSPORTS.map((transport) => {
        const service = serviceUrl(transport, ALL_SERVERS[server].httpPort);
        // One device each per transport: alice and bob are signed in twice in this page.
        const alice = trackedClient(accountOptions('alice', service, { fast: ownAgent() }));
        const bob = trackedClient(accountOptions('bob', service, { fast: ownAgent() }));
        return { transport, alice, bob, aliceLog: record(alice), bobLog: record(bob) };
      });
      await Promise.all(pairs.flatMap((p) => [p.alice.connect(), p.bob.connect()]));
      await restartServer(server);
      for (const p of pairs) {
        await until(() => p.aliceLog.statuses.some((s) => s.status === 'reconnecting'), `${p.transport}: alice notices`, 60_000);
        await until(() => p.alice.status === 'connected' && p.bob.status === 'connected', `${p.transport}: both reconnect`, 60_000);
      }
      // Both transports' messages at once, then one wait for copies: each still has a second to arrive twice.
      const sent = pairs.map((p) => {
        const body = `after restart ${p.transport} ${newStanzaId()}`;
        p.alice.send(buildChatMessage({ to: p.bob.jid!, body, id: newStanzaId() }));
        return { ...p, body };
      });
      for (const p of sent) {
        await until(() => p.bobLog.stanzas.some((s) => parseChatMessage(s)?.body === p.body), `${p.transport}: delivery`);
      }
      await sleep(1000);
      for (const p of sent) {
        expect(
          p.bobLog.stanzas.filter((s) => parseChatMessage(s)?.body === p.body),
          `${p.transport}: copies`,
        ).to.have.length(1);
      }
    });
  });
}
