import { expect } from '@esm-bundle/chai';
import { Strophe } from 'strophe.js';
import { AuthError } from '../errors.ts';
import type { FastToken } from '../sasl/sasl2.ts';
import { signInWithSasl2 } from './bosh-sasl2.ts';
import type { SessionOptions } from './transport.ts';

const NS_STREAM = 'http://etherx.jabber.org/streams';
const OFFER = `<stream:features xmlns='jabber:client'><authentication xmlns='urn:xmpp:sasl:2'><mechanism>PLAIN</mechanism>
  <inline><bind xmlns='urn:xmpp:bind:0'><inline><feature var='urn:xmpp:csi:0'/></inline></bind>
  <fast xmlns='urn:xmpp:fast:0'><mechanism>HT-SHA-256-NONE</mechanism></fast></inline></authentication></stream:features>`;
const SUCCESS = `<success xmlns='urn:xmpp:sasl:2'><authorization-identifier>ann@example.org/desk-1</authorization-identifier><bound xmlns='urn:xmpp:bind:0'/></success>`;
const FAILURE = `<failure xmlns='urn:xmpp:sasl:2'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></failure>`;

const children = (inner: string) =>
  Array.from(
    new DOMParser().parseFromString(
      `<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='${NS_STREAM}'>${inner}</body>`,
      'text/xml',
    ).documentElement.children,
  );

/** The parts of a strophe.js connection the sign-in uses, recording what it does. */
function fakeConnection(features: string) {
  const conn = {
    features: children(features)[0] ?? null,
    connected: true,
    disconnecting: false,
    authenticated: false,
    do_bind: true,
    jid: 'ann@example.org',
    sent: [] as Element[],
    statuses: [] as number[],
    handler: undefined as ((el: Element) => boolean) | undefined,
    _addSysHandler: (handler: (el: Element) => boolean) => (conn.handler = handler),
    deleteHandler: () => (conn.handler = undefined),
    send: (el: Element) => conn.sent.push(el),
    flush: () => undefined,
    _changeConnectStatus: (status: number) => conn.statuses.push(status),
    /** Hands the server's elements to the handler, as strophe.js does with a response's children. */
    receive: async (inner: string) => {
      await until(() => conn.sent.length > 0);
      for (const el of children(inner)) conn.handler?.(el);
    },
  };
  return conn;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

function options(extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    service: 'http://example.org/http-bind',
    domain: 'example.org',
    username: 'ann',
    password: 'pw',
    userAgentId: 'this-client',
    resource: 'desk',
    allowPlain: true,
    timeoutMs: 1000,
    debug: false,
    ...extra,
  };
}

function deps() {
  const record = { how: [] as { mechanism: string; features: string[] }[], delivered: [] as string[] };
  return {
    record,
    signedIn: (how: { mechanism: string; features: string[] }) => record.how.push(how),
    deliver: (el: Element) => record.delivered.push(el.localName),
  };
}

describe('SASL2 over BOSH', () => {
  it('signs in and binds in one exchange, then marks the connection signed in, bound and connected', async () => {
    const conn = fakeConnection(OFFER);
    const d = deps();
    const done = signInWithSasl2(conn as never, options(), d);
    await conn.receive(`${SUCCESS}<stream:features><csi xmlns='urn:xmpp:csi:0'/></stream:features><message xmlns='jabber:client'/>`);
    expect(await done).to.equal(true);
    const sent = conn.sent[0];
    expect(sent.localName === 'authenticate' && sent.getAttribute('mechanism')).to.equal('PLAIN');
    expect(sent.getElementsByTagName('tag')[0]?.textContent).to.equal('desk');
    expect(sent.getElementsByTagName('enable').length).to.equal(0); // no stream management over BOSH
    expect([conn.jid, String(conn.authenticated), String(conn.do_bind)]).to.deep.equal(['ann@example.org/desk-1', 'true', 'false']);
    expect(conn.statuses).to.deep.equal([Strophe.Status.CONNECTED]);
    expect(JSON.stringify(d.record.how)).to.equal(JSON.stringify([{ mechanism: 'PLAIN', features: ['urn:xmpp:csi:0'] }]));
    // The session's features replace those of the stream's start; the message is handed on.
    expect(conn.features?.firstElementChild?.localName).to.equal('csi');
    expect(d.record.delivered).to.deep.equal(['message']);
    expect(conn.handler).to.equal(undefined);
  });

  it('leaves a server without Bind 2 to the older path', async () => {
    const conn = fakeConnection(OFFER.replace(/<bind[\s\S]*<\/bind>/, ''));
    expect(await signInWithSasl2(conn as never, options(), deps())).to.equal(false);
    expect(conn.sent.length).to.equal(0);
  });

  it('says in words that a saved token alone is of no use where SASL2 with Bind 2 is not offered', async () => {
    const withoutSasl2 = `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`;
    for (const [features, extra] of [
      [withoutSasl2, {}],
      [OFFER, { sasl2: false }],
    ] as const) {
      const conn = fakeConnection(features);
      const error = await signInWithSasl2(conn as never, options({ password: undefined, ...extra }), deps()).catch((e: unknown) => e);
      expect(error instanceof AuthError && error.condition).to.equal('credentials-expired');
      expect(conn.sent.length).to.equal(0);
    }
  });

  it('reports a refusal as an AuthError, and leaves the connection as it was', async () => {
    const conn = fakeConnection(OFFER);
    const done = signInWithSasl2(conn as never, options(), deps()).catch((e: unknown) => e);
    await conn.receive(FAILURE);
    const error = await done;
    expect(error instanceof AuthError && error.condition).to.equal('not-authorized');
    expect([String(conn.authenticated), conn.statuses.length]).to.deep.equal(['false', 0]);
    expect(conn.handler).to.equal(undefined);
  });

  it('forgets a refused token and says so', async () => {
    const token: FastToken = { mechanism: 'HT-SHA-256-NONE', token: 'old', expiry: '2999-01-01T00:00:00Z' };
    const saved: (FastToken | undefined)[] = [];
    const fast = { agentId: 'device-1', load: () => Promise.resolve(token), save: (t?: FastToken) => (saved.push(t), Promise.resolve()) };
    const conn = fakeConnection(OFFER);
    const done = signInWithSasl2(conn as never, options({ password: undefined, fast }), deps()).catch((e: unknown) => e);
    await conn.receive(FAILURE);
    const error = await done;
    expect(conn.sent[0]?.getAttribute('mechanism')).to.equal('HT-SHA-256-NONE');
    expect(error instanceof AuthError && error.condition).to.equal('credentials-expired');
    expect(saved).to.deep.equal([undefined]);
  });

  it('does not revive a connection given up while the server answered', async () => {
    const conn = fakeConnection(OFFER);
    const d = deps();
    const done = signInWithSasl2(conn as never, options(), d);
    await until(() => conn.sent.length > 0);
    conn.connected = false; // timed out: bosh.ts reset it
    await conn.receive(SUCCESS);
    await done;
    expect([String(conn.authenticated), conn.statuses.length, d.record.how.length]).to.deep.equal(['false', 0, 0]);
  });
});
