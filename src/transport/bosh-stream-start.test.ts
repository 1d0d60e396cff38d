import { expect } from '@esm-bundle/chai';
import { offersSasl2, watchStreamStart } from './bosh-stream-start.ts';

const body = (inner: string) =>
  new DOMParser().parseFromString(
    `<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams'>${inner}</body>`,
    'text/xml',
  ).documentElement;

const SASL2_FEATURES = `<stream:features xmlns='jabber:client'><authentication xmlns='urn:xmpp:sasl:2'><mechanism>PLAIN</mechanism></authentication></stream:features>`;
const SASL_FEATURES = `<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms><authentication/></stream:features>`;

/** strophe.js's BOSH protocol object as the patches see it, recording what it is asked. */
function fakeConnection() {
  const attrs: Record<string, string>[] = [];
  const seen: string[] = [];
  const proto = {
    sid: null as string | null,
    _buildBody: () => ({ attrs: (a: Record<string, string>) => attrs.push(a) }),
    _connect_cb: (b: Element) => (seen.push(b.localName), 0),
  };
  return { _proto: proto, features: null as Element | null, attrs, seen };
}

describe('the start of a BOSH session', () => {
  it('tells stream features that offer SASL2 from those that do not', () => {
    expect(offersSasl2(body(SASL2_FEATURES).firstElementChild)).to.equal(true);
    expect(offersSasl2(body(SASL_FEATURES).firstElementChild)).to.equal(false);
    expect(offersSasl2(null)).to.equal(false);
  });

  it('names the account in the request that creates the session, and in no other', () => {
    const conn = fakeConnection();
    watchStreamStart(conn as never, 'ann@example.org');
    conn._proto._buildBody();
    conn._proto.sid = 'session-1';
    conn._proto._buildBody();
    expect(JSON.stringify(conn.attrs)).to.equal(JSON.stringify([{ from: 'ann@example.org' }]));
    const anonymous = fakeConnection();
    watchStreamStart(anonymous as never, undefined);
    anonymous._proto._buildBody();
    expect(anonymous.attrs.length).to.equal(0);
  });

  it('keeps the first stream features on the connection, and lets strophe.js go on', () => {
    const conn = fakeConnection();
    watchStreamStart(conn as never, undefined);
    expect(conn._proto._connect_cb(body(SASL2_FEATURES))).to.equal(0);
    expect(conn.seen).to.deep.equal(['body']);
    expect(conn.features?.localName).to.equal('features');
    conn._proto._connect_cb(body(''));
    expect(conn.features?.localName).to.equal('features'); // a body without features keeps them
  });
});
