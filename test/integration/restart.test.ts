/** A real server restart in the middle of a session, for each server and transport. */
import { expect } from '@esm-bundle/chai';
import { buildChatMessage, newStanzaId, parseChatMessage } from '../../src/index.ts';
import {
  SERVERS,
  TRANSPORTS,
  accountOptions,
  disconnectAll,
  record,
  restartServer,
  serviceUrl,
  sleep,
  trackedClient,
  until,
  type ServerName,
} from './servers.ts';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`${server} restart`, function () {
    this.timeout(180_000);
    afterEach(disconnectAll);

    it('reconnects every transport, and a message sent afterwards arrives exactly once', async () => {
      const pairs = TRANSPORTS.map((transport) => {
        const service = serviceUrl(transport, SERVERS[server].httpPort);
        const alice = trackedClient(accountOptions('alice', service));
        const bob = trackedClient(accountOptions('bob', service));
        return { transport, alice, bob, aliceLog: record(alice), bobLog: record(bob) };
      });
      await Promise.all(pairs.flatMap((p) => [p.alice.connect(), p.bob.connect()]));
      await restartServer(server);
      for (const p of pairs) {
        await until(() => p.aliceLog.statuses.some((s) => s.status === 'reconnecting'), `${p.transport}: alice notices`, 60_000);
        await until(() => p.alice.status === 'connected' && p.bob.status === 'connected', `${p.transport}: both reconnect`, 60_000);
      }
      for (const p of pairs) {
        const body = `after restart ${p.transport} ${newStanzaId()}`;
        p.alice.send(buildChatMessage({ to: p.bob.jid!, body, id: newStanzaId() }));
        await until(() => p.bobLog.stanzas.some((s) => parseChatMessage(s)?.body === body), `${p.transport}: delivery`);
        await sleep(1000);
        expect(p.bobLog.stanzas.filter((s) => parseChatMessage(s)?.body === body)).to.have.length(1);
      }
    });
  });
}
