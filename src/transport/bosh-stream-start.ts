/**
 * What bosh.ts needs from the start of a BOSH session to sign in with SASL2 (bosh-sasl2.ts): the
 * account named in the session request, and the stream features the server answered it with.
 */
import type { Strophe } from 'strophe.js';

type Connection = InstanceType<typeof Strophe.Connection>;
/** The parts of strophe.js's BOSH protocol object this wraps. */
interface BoshProto {
  sid: string | null;
  _buildBody(): { attrs(attrs: Record<string, string>): unknown };
  _connect_cb(body: Element): number;
}

/**
 * Keeps the stream features of the session's start in `conn.features`, which strophe.js fills only
 * after SASL (with SASL2 there is no stream restart). With an `account`, names it (`from`) in the
 * request that creates the session, as a stream header may once the stream is protected (RFC 6120
 * §4.7.1): Prosody offers FAST tokens only then.
 */
export function watchStreamStart(conn: Connection, account: string | undefined): void {
  const proto = conn._proto as unknown as BoshProto;
  const connectCb = proto._connect_cb.bind(proto);
  proto._connect_cb = (body) => {
    conn.features = body.getElementsByTagNameNS('http://etherx.jabber.org/streams', 'features')[0] ?? conn.features;
    return connectCb(body);
  };
  if (!account) return;
  const buildBody = proto._buildBody.bind(proto);
  proto._buildBody = () => {
    const body = buildBody();
    if (proto.sid === null) body.attrs({ from: account }); // no session yet: this request creates it
    return body;
  };
}

/** Whether these stream features offer SASL2 (XEP-0388). */
export const offersSasl2 = (features: Element | null | undefined): boolean =>
  Boolean(features?.getElementsByTagNameNS('urn:xmpp:sasl:2', 'authentication').length);
