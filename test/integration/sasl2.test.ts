/**
 * SASL2 (XEP-0388) with Bind 2 (XEP-0386), inline stream management and FAST tokens (XEP-0484) on the
 * newest servers, Prosody 13 and ejabberd 24.12: one round trip to a bound session, a token asked for
 * with the password and used in its place later, a refused token forgotten — against the real servers,
 * over WebSocket and BOSH. Over BOSH there is no stream management (so nothing resumes inline), and
 * ejabberd 24.12 offers SASL2 only over WebSocket: its BOSH sessions sign in the older way.
 */
import { expect } from '@esm-bundle/chai';
import { AuthError, textOf, xml, type FastToken, type FastTokenStore } from '../../src/index.ts';
import { accountOptions, disconnectAll, proxy, serviceUrl, trackedClient, until, type TransportName } from './servers.ts';

const NEWEST = { prosody13: 35280, ejabberd24: 45280 };

/** A device's token store, kept in memory for the test. */
function memoryStore(token?: FastToken): FastTokenStore & { token?: FastToken; saved: (FastToken | undefined)[] } {
  const store = {
    agentId: crypto.randomUUID(),
    token,
    saved: [] as (FastToken | undefined)[],
    load: () => Promise.resolve(store.token),
    save: (t: FastToken | undefined) => {
      store.token = t;
      store.saved.push(t);
      return Promise.resolve();
    },
  };
  return store;
}

describe('SASL2, Bind 2 and FAST', function () {
  this.timeout(60_000);
  afterEach(disconnectAll);

  for (const [server, port] of Object.entries(NEWEST)) {
    for (const transport of ['websocket', 'bosh'] as TransportName[]) {
      const service = serviceUrl(transport, port);
      if (server === 'ejabberd24' && transport === 'bosh') {
        noSasl2OverBosh(service);
        continue;
      }

      it(`${server} over ${transport}: signs in with SASL2 and is bound${transport === 'websocket' ? ', with stream management' : ''}`, async () => {
        const info = await trackedClient(accountOptions('carol', service)).connect();
        expect(info.sasl2).to.equal(true);
        expect(info.mechanism).to.match(/^SCRAM-SHA-/);
        expect(info.jid).to.match(/^carol@localhost\/.+/);
        // Over BOSH, the features of the bound session (roster versioning, CSI), not only those of the
        // stream's start. (Over WebSocket the list still lacks some: roster versioning on Prosody 13.)
        if (transport === 'bosh') {
          expect(info.streamFeatures.includes('urn:xmpp:csi:0')).to.equal(true);
          expect(info.streamFeatures.includes('urn:xmpp:features:rosterver')).to.equal(true);
        }
      });

      it(`${server} over ${transport}: the session signed in with SASL2 sends and receives`, async () => {
        const carol = trackedClient(accountOptions('carol', service));
        const dave = trackedClient(accountOptions('dave', serviceUrl('websocket', port)));
        const [carolInfo, daveInfo] = await Promise.all([carol.connect(), dave.connect()]);
        expect(carolInfo.sasl2).to.equal(true);
        const bodies = (client: typeof carol) => {
          const seen: string[] = [];
          client.on('stanza', (s) => {
            const body = s.name === 'message' ? s.children.find((c) => typeof c !== 'string' && c.name === 'body') : undefined;
            if (body && typeof body !== 'string') seen.push(textOf(body));
          });
          return seen;
        };
        const toCarol = bodies(carol);
        const toDave = bodies(dave);
        const tag = Math.random().toString(36).slice(2);
        const message = (to: string, body: string) => xml('message', { to, type: 'chat', id: `m-${Math.random()}` }, xml('body', {}, body));
        carol.send(message(daveInfo.jid, `from carol ${tag}`));
        await until(() => toDave.includes(`from carol ${tag}`), 'the message from the SASL2 session');
        // Received while the session waits on the server: its polling request carries it.
        await new Promise((r) => setTimeout(r, 1500));
        dave.send(message(carolInfo.jid, `to carol ${tag}`));
        await until(() => toCarol.includes(`to carol ${tag}`), 'the message to the SASL2 session');
      });

      it(`${server} over ${transport}: sasl2 off keeps to SASL and resource binding`, async () => {
        const info = await trackedClient(accountOptions('carol', service, { sasl2: false })).connect();
        expect(info.sasl2 ?? false).to.equal(false);
      });

      it(`${server} over ${transport}: a token asked for with the password signs in alone next time`, async () => {
        const store = memoryStore();
        const withPassword = trackedClient(accountOptions('dave', service, { fast: store }));
        await withPassword.connect();
        await withPassword.disconnect(); // one tab at a time signs in as the device (device-identity.ts)
        expect(store.token?.mechanism).to.equal('HT-SHA-256-NONE');
        expect(store.token?.token).to.be.a('string').and.not.equal('');
        const { password: _, ...withoutPassword } = accountOptions('dave', service, { fast: store });
        const info = await trackedClient(withoutPassword).connect();
        expect(info.mechanism).to.equal('HT-SHA-256-NONE');
        expect(info.sasl2).to.equal(true);
      });

      it(`${server} over ${transport}: a refused token is forgotten; the password signs in instead, once`, async () => {
        const forged = { mechanism: 'HT-SHA-256-NONE', token: 'not-a-token', expiry: new Date(Date.now() + 86_400_000).toISOString() };
        const store = memoryStore(forged);
        const info = await trackedClient(accountOptions('dave', service, { fast: store })).connect();
        expect(info.mechanism).to.match(/^SCRAM-SHA-/);
        expect(store.saved[0]).to.equal(undefined);
        expect(store.token?.token).to.not.equal('not-a-token');
      });

      it(`${server} over ${transport}: without a password, a refused token is said in words`, async () => {
        const store = memoryStore({
          mechanism: 'HT-SHA-256-NONE',
          token: 'not-a-token',
          expiry: new Date(Date.now() + 86_400_000).toISOString(),
        });
        const { password: _, ...options } = accountOptions('dave', service, { fast: store, reconnect: false });
        const error = await trackedClient(options)
          .connect()
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).to.be.instanceOf(AuthError);
        expect((error as AuthError).condition).to.equal('credentials-expired');
        expect((error as AuthError).message).to.match(/sign/i);
        expect(store.token).to.equal(undefined);
      });

      if (transport === 'bosh') continue; // no stream management over BOSH: nothing to resume
      it(`${server} over ${transport}: a dropped link resumes inline`, async () => {
        const port2 = await proxy.start(port);
        try {
          const client = trackedClient(accountOptions('carol', serviceUrl(transport, port2)));
          const first = await client.connect();
          expect(first.sasl2).to.equal(true);
          let resumed = false;
          client.on('online', (info) => (resumed ||= info.resumed));
          await proxy.drop(port2);
          await until(() => resumed, 'the session resumed', 20_000);
        } finally {
          await proxy.stop(port2);
        }
      });
    }
  }
});

/** ejabberd 24.12 over BOSH: no SASL2 offered, so SASL and resource binding, and the device's token is not touched. */
function noSasl2OverBosh(service: string) {
  it('ejabberd24 over bosh: offers no SASL2, and the password signs in the older way', async () => {
    const info = await trackedClient(accountOptions('carol', service)).connect();
    expect(info.sasl2 ?? false).to.equal(false);
    expect(info.mechanism).to.match(/^SCRAM-SHA-/);
    expect(info.jid).to.match(/^carol@localhost\/.+/);
  });

  it('ejabberd24 over bosh: a FAST store is left untouched', async () => {
    const kept = { mechanism: 'HT-SHA-256-NONE', token: 'kept-token', expiry: new Date(Date.now() + 86_400_000).toISOString() };
    const store = memoryStore(kept);
    const info = await trackedClient(accountOptions('dave', service, { fast: store })).connect();
    expect(info.sasl2 ?? false).to.equal(false);
    expect(store.saved.length).to.equal(0);
    expect(store.token?.token).to.equal('kept-token');
  });

  it('ejabberd24 over bosh: a saved token alone is said in words to be of no use here', async () => {
    const kept = { mechanism: 'HT-SHA-256-NONE', token: 'kept-token', expiry: new Date(Date.now() + 86_400_000).toISOString() };
    const store = memoryStore(kept);
    const { password: _, ...options } = accountOptions('dave', service, { fast: store, reconnect: false });
    const error = await trackedClient(options)
      .connect()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error instanceof AuthError && error.condition).to.equal('credentials-expired');
    expect((error as Error).message).to.match(/password/);
    expect(store.saved.length).to.equal(0);
  });
}
