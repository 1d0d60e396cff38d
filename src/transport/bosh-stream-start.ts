/**
 * What bosh.ts needs from the start of a BOSH session to sign in with SASL2 (bosh-sasl2.ts): the
 * account named in the session request, and the stream features the server answered it with.
 */
import type { Strophe } from 'strophe.js';

type Connection = InstanceType<typeof Strophe.Connection>;
/** The parts of strophe.js's BOSH protocol object these patches wrap. */
interface BoshProto {
  sid: string | null;
  _buildBody(): { attrs(attrs: Record<string, string>): unknown };
  _connect_cb(body: Element): number;
}

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_SASL2 = 'urn:xmpp:sasl:2';

/**
 * Names the account (`from`) in the request that creates the session, as a stream header may once
 * the stream is protected (RFC 6120 §4.7.1): Prosody offers FAST tokens only then.
 */
export function nameAccountInSessionRequest(conn: Connection, account: string): void {
  const proto = conn._proto as unknown as BoshProto;
  const buildBody = proto._buildBody.bind(proto);
  proto._buildBody = () => {
    const body = buildBody();
    if (proto.sid === null) body.attrs({ from: account }); // no session yet: this request creates it
    return body;
  };
}

/**
 * Keeps the stream features of the session's start in `conn.features`, which strophe.js fills only
 * after SASL; with SASL2 there is no stream restart, and these are the features of the session.
 */
export function keepFirstFeatures(conn: Connection): void {
  const proto = conn._proto as unknown as BoshProto;
  const connectCb = proto._connect_cb.bind(proto);
  proto._connect_cb = (body) => {
    const features = body.getElementsByTagNameNS(NS_STREAM, 'features')[0];
    if (features) conn.features = features;
    return connectCb(body);
  };
}

/** Whether these stream features offer SASL2 (XEP-0388). */
export function offersSasl2(features: Element | null | undefined): boolean {
  return Array.from(features?.children ?? []).some((c) => c.localName === 'authentication' && c.namespaceURI === NS_SASL2);
}
