/**
 * How the client finds a server and signs in: SASL mechanism choice, XEP-0156 discovery with
 * fallback from WebSocket to BOSH, and a quiet console — against the real servers.
 */
import { expect } from '@esm-bundle/chai';
import { AuthError, ConfigError, ConnectionError, createClient } from '../../src/index.ts';
import {
  ALL_SERVERS,
  ANON_DOMAIN,
  TEST_OPTIONS,
  TRANSPORTS,
  accountOptions,
  disconnectAll,
  record,
  serviceUrl,
  trackedClient,
  type AnyServerName,
} from './servers.ts';

/** What each test server offers: Prosody stores SCRAM-SHA-1 keys by default, ejabberd plain passwords. */
const STRONGEST: Record<AnyServerName, string> = {
  prosody: 'SCRAM-SHA-1',
  ejabberd: 'SCRAM-SHA-256',
  prosody13: 'SCRAM-SHA-1',
  ejabberd24: 'SCRAM-SHA-256',
};
/** Where each server's host-meta is served: ejabberd serves it only to its own host name. */
const HOST_META_ORIGIN: Record<AnyServerName, string> = {
  prosody: 'http://127.0.0.1:15280',
  ejabberd: 'http://localhost:25280',
  prosody13: 'http://127.0.0.1:35280',
  ejabberd24: 'http://localhost:45280',
};
const servers = Object.keys(ALL_SERVERS) as AnyServerName[];

describe('signing in', function () {
  this.timeout(60_000);
  afterEach(disconnectAll);

  for (const server of servers) {
    for (const transport of TRANSPORTS) {
      const service = serviceUrl(transport, ALL_SERVERS[server].httpPort);
      it(`${server} over ${transport}: uses the strongest SCRAM offered, never PLAIN`, async () => {
        const info = await trackedClient(accountOptions('carol', service)).connect();
        expect(info.mechanism).to.equal(STRONGEST[server]);
      });

      it(`${server} over ${transport}: SCRAM-SHA-1 when only it is allowed`, async () => {
        const info = await trackedClient(accountOptions('carol', service, { mechanisms: ['SCRAM-SHA-1'] })).connect();
        expect(info.mechanism).to.equal('SCRAM-SHA-1');
      });

      it(`${server} over ${transport}: refuses PLAIN without TLS unless allowed`, async () => {
        const client = trackedClient(accountOptions('carol', service, { mechanisms: ['PLAIN'], allowPlain: false }));
        const log = record(client);
        const error = await client.connect().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(AuthError);
        expect((error as AuthError).condition).to.equal('mechanism-too-weak');
        expect(log.statuses.at(-1)?.status).to.equal('disconnected');
        const allowed = await trackedClient(accountOptions('carol', service, { mechanisms: ['PLAIN'] })).connect();
        expect(allowed.mechanism).to.equal('PLAIN');
      });

      it(`${server} over ${transport}: ANONYMOUS for anonymous login`, async () => {
        const info = await trackedClient({ ...TEST_OPTIONS, service, domain: ANON_DOMAIN, anonymous: true }).connect();
        expect(info.mechanism).to.equal('ANONYMOUS');
      });
    }
  }

  it('rejects an unknown mechanism name before connecting', () => {
    expect(() => createClient({ ...accountOptions('carol', 'ws://127.0.0.1:15280/xmpp-websocket'), mechanisms: ['DIGEST-MD5'] })).to.throw(
      ConfigError,
      /DIGEST-MD5/,
    );
  });
});

describe('XEP-0156 discovery', function () {
  this.timeout(60_000);
  afterEach(disconnectAll);
  const discover = (origin: string) => ({ ...accountOptions('dave', 'unused'), service: undefined, discoveryOrigin: origin });

  for (const server of servers) {
    it(`${server}: finds the WebSocket endpoint from the server's host-meta and signs in`, async () => {
      const client = trackedClient(discover(HOST_META_ORIGIN[server]));
      const info = await client.connect();
      expect(client.transport).to.equal('websocket');
      expect(info.jid).to.match(/^dave@localhost\//);
    });

    it(`${server}: falls back to BOSH when the WebSocket endpoint fails`, async () => {
      const client = trackedClient(discover(`${location.origin}/__host-meta/dead-websocket-${server}`));
      const info = await client.connect();
      expect(client.transport).to.equal('bosh');
      expect(info.jid).to.match(/^dave@localhost\//);
    });
  }

  for (const scenario of ['empty', 'hostile']) {
    it(`reports no-endpoint for a host-meta with ${scenario} links, and does not follow them`, async () => {
      const client = trackedClient({ ...discover(`${location.origin}/__host-meta/${scenario}`), reconnect: false });
      const error = await client.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(ConnectionError);
      expect((error as ConnectionError).condition).to.equal('no-endpoint');
      expect((error as ConnectionError).message).to.match(/localhost/);
    });
  }
});

describe('console', function () {
  this.timeout(60_000);
  afterEach(disconnectAll);

  for (const [server, transport] of servers.flatMap((s) => TRANSPORTS.map((t) => [s, t] as const))) {
    const service = serviceUrl(transport, ALL_SERVERS[server].httpPort);
    it(`${server} over ${transport}: stays silent unless debug is on`, async () => {
      const calls: unknown[][] = [];
      const methods = ['log', 'debug', 'info', 'warn', 'error'] as const;
      const saved = methods.map((m) => console[m]);
      methods.forEach((m) => {
        console[m] = (...args: unknown[]) => {
          calls.push(args);
        };
      });
      try {
        await trackedClient(accountOptions('carol', service)).connect();
        await trackedClient(accountOptions('carol', service, { password: 'wrong' }))
          .connect()
          .catch(() => undefined);
        await disconnectAll();
        expect(calls, 'console calls without debug').to.deep.equal([]);
        await trackedClient(accountOptions('carol', service, { debug: true })).connect();
        expect(calls.length, 'console calls with debug').to.be.greaterThan(0);
        await disconnectAll();
      } finally {
        methods.forEach((m, i) => {
          console[m] = saved[i];
        });
      }
    });

    it(`${server} over ${transport}: never logs credentials, even with debug on`, async () => {
      const lines: string[] = [];
      const saved = console.debug;
      const show = (arg: unknown) => (arg instanceof Node ? new XMLSerializer().serializeToString(arg) : String(arg));
      console.debug = (...args: unknown[]) => {
        lines.push(args.map(show).join(' '));
      };
      try {
        // PLAIN sends the password itself, base64-encoded; SCRAM sends proofs derived from it.
        await trackedClient(accountOptions('carol', service, { debug: true, mechanisms: ['PLAIN'] })).connect();
        await trackedClient(accountOptions('carol', service, { debug: true })).connect();
        await disconnectAll();
      } finally {
        console.debug = saved;
      }
      const log = lines.join('\n');
      // SASL (<auth>) or SASL2 (<authenticate>, whose <success> holds the SCRAM reply in <additional-data>).
      expect(log).to.match(/<auth(enticate)?\b/);
      expect(log).not.to.contain(btoa('\0carol\0pass-carol'));
      expect(log).not.to.contain('pass-carol');
      const secrets = [...log.matchAll(/<(auth|response|challenge|success|initial-response|additional-data)\b[^>]*(?<!\/)>([^<]*)</g)];
      // SASL2's <authenticate> and <success> hold elements, not text: only those with text count.
      const withText = secrets.filter((match) => match[2].trim() !== '');
      expect(withText.length, 'SASL elements with text in the log').to.be.greaterThan(1);
      for (const match of withText) expect(match[2], match[0]).to.equal('[redacted]');
    });
  }
});
