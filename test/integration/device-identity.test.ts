/**
 * One tab at a time signs in as a device that keeps a FAST token: servers keep one session per device
 * id (ejabberd 24.12 replaces the older one). Two clients in one page share Web Locks as two tabs do.
 */
import { expect } from '@esm-bundle/chai';
import type { FastToken, FastTokenStore, StatusChange } from '../../src/index.ts';
import { accountOptions, disconnectAll, serviceUrl, trackedClient, until } from './servers.ts';

function sharedStore(): FastTokenStore & { token?: FastToken } {
  const store: FastTokenStore & { token?: FastToken } = {
    agentId: crypto.randomUUID(),
    load: () => Promise.resolve(store.token),
    save: (token) => {
      store.token = token;
      return Promise.resolve();
    },
  };
  return store;
}

describe('a device kept with a FAST token', function () {
  this.timeout(60_000);
  afterEach(disconnectAll);

  for (const [server, port] of Object.entries({ prosody13: 35280, ejabberd24: 45280 })) {
    const service = serviceUrl('websocket', port);
    const withoutPassword = (store: FastTokenStore) => {
      const { password: _, ...options } = accountOptions('dave', service, { fast: store });
      return options;
    };

    it(`${server}: a second tab with only the token waits for the first, then takes over`, async () => {
      const store = sharedStore();
      const bootstrap = trackedClient(accountOptions('dave', service, { fast: store }));
      await bootstrap.connect();
      await bootstrap.disconnect(); // lets the device go
      expect(store.token).to.not.equal(undefined);
      const first = trackedClient(withoutPassword(store));
      expect((await first.connect()).mechanism).to.equal('HT-SHA-256-NONE');
      const second = trackedClient(withoutPassword(store));
      const statuses: StatusChange[] = [];
      second.on('status', (s) => statuses.push(s));
      const connected = second.connect();
      await until(() => statuses.some((s) => s.reason?.condition === 'elsewhere'), 'the second told to wait');
      expect(second.status).to.equal('connecting');
      expect(first.status).to.equal('connected');
      await first.disconnect();
      expect((await connected).mechanism).to.equal('HT-SHA-256-NONE');
    });

    it(`${server}: a second tab with a password signs in as a device of its own, and the first stays`, async () => {
      const store = sharedStore();
      const bootstrap = trackedClient(accountOptions('dave', service, { fast: store }));
      await bootstrap.connect();
      await bootstrap.disconnect();
      const kept = store.token;
      const first = trackedClient(withoutPassword(store));
      await first.connect();
      const second = trackedClient(accountOptions('dave', service, { fast: store }));
      const info = await second.connect();
      expect(info.mechanism).to.match(/^SCRAM-/);
      expect(store.token).to.deep.equal(kept); // the passing identity's token is not kept
      await new Promise((r) => setTimeout(r, 1000));
      expect(first.status).to.equal('connected');
      expect(first.jid).to.not.equal(second.jid);
    });
  }
});
