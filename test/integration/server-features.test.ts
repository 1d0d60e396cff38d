/**
 * The test servers offer what the client's features rely on (service discovery), and in-band
 * registration works: a fresh account registered over a raw WebSocket can sign in.
 */
import { expect } from '@esm-bundle/chai';
import { childrenOf, newStanzaId, xml, type Client } from '../../src/index.ts';
import { SERVERS, accountOptions, disconnectAll, registerOverWebSocket, serviceUrl, trackedClient, type ServerName } from './servers.ts';

async function features(client: Client, to: string): Promise<string[]> {
  const result = await client.iq(xml('iq', { type: 'get', to }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
  const query = childrenOf(result, 'query')[0];
  return childrenOf(query, 'feature').map((f) => f.attrs.var);
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`${server} test server`, function () {
    this.timeout(30_000);
    afterEach(disconnectAll);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);

    it('offers carbons, blocking, ping, vCard, MAM and PEP', async () => {
      const client = trackedClient(accountOptions('alice', service));
      await client.connect();
      const offered = [...(await features(client, 'localhost')), ...(await features(client, 'alice@localhost'))];
      for (const feature of [
        'urn:xmpp:carbons:2',
        'urn:xmpp:blocking',
        'urn:xmpp:ping',
        'vcard-temp',
        'urn:xmpp:mam:2',
        'http://jabber.org/protocol/pubsub#publish',
      ]) {
        expect(offered, feature).to.include(feature);
      }
    });

    it('has a MUC service with MAM and an HTTP upload service', async () => {
      const client = trackedClient(accountOptions('alice', service));
      await client.connect();
      const muc = await features(client, 'conference.localhost');
      expect(muc).to.include.members(['http://jabber.org/protocol/muc', 'urn:xmpp:mam:2']);
      expect(await features(client, 'upload.localhost')).to.include('urn:xmpp:http:upload:0');
    });

    it('registers a new account in-band, which can then sign in', async () => {
      const username = `reg-${newStanzaId().slice(0, 8)}`;
      const reply = await registerOverWebSocket(service, username, 'pass-new');
      expect(reply).to.match(/type=["']result["']/);
      const client = trackedClient({ ...accountOptions(username, service), password: 'pass-new' });
      expect((await client.connect()).jid).to.match(new RegExp(`^${username}@localhost/`));
    });
  });
}
