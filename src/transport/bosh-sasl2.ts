/**
 * SASL2 (XEP-0388) with Bind 2 (XEP-0386) and FAST tokens (XEP-0484) over BOSH, loaded by bosh.ts
 * when the server offers SASL2: one round trip to a bound session, as over WebSocket
 * (websocket-sasl2.ts), but without stream management, which BOSH sessions here do without (the
 * response to each request acknowledges what it carried). There is no stream restart: once the
 * `<success>` is checked, the strophe.js connection is marked signed in and bound, as its own
 * resource binding leaves it, and reports itself connected.
 */
import { Strophe } from 'strophe.js';
import { AuthError, ConnectionError, XmppChatError } from '../errors.ts';
import { fromDom, toDom } from '../stanza/dom.ts';
import type { XmlElement } from '../stanza/element.ts';
import { NS_SASL2, parseSasl2Offer, type Sasl2Offer } from '../stanza/sasl2.ts';
import { authenticateSasl2, issuedToken, type Sasl2Link } from '../sasl/sasl2.ts';
import { mechanismError, planSignIn, refused, sasl2Credentials, sasl2Mechanism, sasl2Request } from './sasl2-session.ts';
import type { SessionOptions } from './transport.ts';

type Connection = InstanceType<typeof Strophe.Connection>;
const NS_STREAM = 'http://etherx.jabber.org/streams';

export interface BoshSasl2Deps {
  /** After success, before strophe.js reports the session connected: how it signed in, and the session's features. */
  signedIn(how: { mechanism: string; features: string[] }): void;
  /** Stanzas that came after `<success>` while it was being checked: handed on as any received stanza. */
  deliver(stanza: Element): void;
}

/**
 * Signs in with SASL2 where `conn.features` offers it with Bind 2; false when it does not (the older
 * path then signs in), unless only a saved token was kept, which the older path cannot use. Errors
 * are AuthErrors in words, or the mechanism's own (see `mechanismError`).
 */
export async function signInWithSasl2(conn: Connection, options: SessionOptions, deps: BoshSasl2Deps): Promise<boolean> {
  const features = options.sasl2 !== false && conn.features;
  const offer = features ? parseSasl2Offer(fromDom(features)) : undefined;
  if (!offer?.bind2) {
    if (options.username && !options.password && !options.scramKeys)
      throw new AuthError(
        'credentials-expired',
        'This server does not accept the saved sign-in here. Please sign in again with your password.',
      );
    return false;
  }
  return signIn(conn, options, { ...offer, bind2: offer.bind2 }, deps).catch((error: unknown) => {
    throw asChatError(error, options.service);
  });
}

async function signIn(conn: Connection, options: SessionOptions, offer: Sasl2Offer & { bind2: string[] }, deps: BoshSasl2Deps) {
  const plan = await planSignIn(options, offer);
  const mechanism = await sasl2Mechanism(plan.mechanism);
  const link = receiveSasl2(conn);
  try {
    const success = await authenticateSasl2(
      link,
      mechanism,
      sasl2Credentials(options, plan),
      sasl2Request(options, plan, { enableSm: false }),
    ).catch((error: unknown) => refused(error, plan, options.fast));
    const kept = issuedToken(success, plan);
    if (kept) await options.fast?.save(kept);
    const early = link.stop();
    if (!conn.connected || conn.disconnecting) return true; // given up meanwhile (timed out, closed): already reported
    // What strophe.js's resource binding leaves: the bound JID, signed in, nothing more to bind.
    conn.jid = success.jid;
    conn.do_bind = false;
    conn.authenticated = true;
    // The session's features (those that followed <success>), with those Bind 2 offered.
    const namespaces = Array.from(conn.features?.children ?? [], (c) => c.namespaceURI ?? '');
    deps.signedIn({ mechanism: plan.mechanism, features: [...new Set([...namespaces, ...offer.bind2])].filter(Boolean) });
    conn._changeConnectStatus(Strophe.Status.CONNECTED, null);
    for (const stanza of early) deps.deliver(stanza);
    return true;
  } finally {
    link.stop();
  }
}

/**
 * The link the exchange runs over: our elements sent at once, the server's SASL2 elements taken in
 * order. Its handler is a system one (strophe.js runs those before sign-in); anything else that
 * arrives while `<success>` is checked is kept for `stop()` to return, as the connection's own
 * handlers see stanzas only once it is signed in.
 */
function receiveSasl2(conn: Connection): Sasl2Link & { stop(): Element[] } {
  const queue: XmlElement[] = [];
  const early: Element[] = [];
  let waiting: ((el: XmlElement) => void) | undefined;
  let stopped = false;
  const handler = conn._addSysHandler(
    (el: Element) => {
      if (stopped) return false;
      // The session's features follow <success> (no stream restart): kept as strophe.js keeps them after SASL.
      if (el.localName === 'features' && el.namespaceURI === NS_STREAM) {
        conn.features = el;
        return true;
      }
      const read = fromDom(el);
      if (read.attrs.xmlns !== NS_SASL2) early.push(el);
      else if (waiting) waiting(read);
      else queue.push(read);
      return true;
    },
    null,
    null,
    null,
    null,
  );
  return {
    send(el) {
      conn.send(toDom(el));
      conn.flush();
    },
    next() {
      const first = queue.shift();
      if (first) return Promise.resolve(first);
      return new Promise((resolve) => {
        waiting = (el) => {
          waiting = undefined;
          resolve(el);
        };
      });
    },
    stop() {
      if (!stopped) conn.deleteHandler(handler);
      stopped = true;
      return early.splice(0);
    },
  };
}

/** The error as the transport reports it: ours as they are, a mechanism's in words, anything else as unreachable. */
function asChatError(error: unknown, service: string): XmppChatError {
  if (error instanceof XmppChatError) return error;
  return mechanismError(error) ?? new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`, { cause: error });
}
