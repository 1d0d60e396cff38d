/**
 * BOSH transport (XEP-0124/0206) through strophe.js — the only module that imports it, with its
 * patches in bosh-patches.ts (send at once, acknowledge on response).
 */
import { Strophe } from 'strophe.js';
import { AuthError, ConnectionError, StreamError, XmppChatError } from '../errors.ts';
import { describeAuthFailure, describeStreamError, parseSaslFailure } from '../stanza/conditions.ts';
import { fromDom, toDom } from '../stanza/dom.ts';
import type { XmlElement } from '../stanza/element.ts';
import { chooseMechanism } from '../sasl/choose.ts';
import { acknowledgeOnResponse, flushWithoutIdleDelay, keepBehindPolls, watchForStall } from './bosh-patches.ts';
import { checkBoshResponsesUnderTrustedTypes } from './bosh-trusted-types.ts';
import { confirmAttached, forgetKeptSession, hasKeptSession, keepFeatures, keepFor, keptFeatures } from './bosh-restore.ts';
import { offersSasl2, watchStreamStart } from './bosh-stream-start.ts';
import type { SessionInfo, SessionOptions, Transport, TransportListener } from './transport.ts';

const { Status } = Strophe;
/** Ours, not strophe.js's defaults; SCRAM joins them when a login needs it (see `open`). */
const MECHANISMS: Record<string, unknown> = {
  PLAIN: Strophe.SASLPlain,
  ANONYMOUS: Strophe.SASLAnonymous,
};
/** BOSH terminate conditions that are stream errors a person should hear about as such. */
const STREAM_CONDITIONS = new Set(['conflict', 'host-unknown', 'policy-violation', 'system-shutdown', 'see-other-host']);

type Connection = InstanceType<typeof Strophe.Connection>;

export function createBoshTransport(options: SessionOptions, listener: TransportListener): Transport {
  checkBoshResponsesUnderTrustedTypes();
  // strophe.js's level is global; with debug on we log the XML ourselves and keep its warnings.
  Strophe.setLogLevel(options.debug ? Strophe.LogLevel.WARN : Strophe.LogLevel.FATAL);
  let conn: Connection | undefined;
  let closing = false;
  let whenDisconnected: (() => void) | undefined;
  let abortSession: ((reason: XmppChatError) => void) | undefined;
  // Messages sent and not yet acknowledged; after a lost session they go out again.
  const unacked = new Map<string, XmlElement>();
  const tracked: TransportListener = {
    ...listener,
    acknowledged(stanza) {
      if (stanza.attrs.id) unacked.delete(stanza.attrs.id);
      listener.acknowledged?.(stanza);
    },
  };

  // An anonymous session is kept for the tab's next page, which attaches to it (bosh-restore.ts).
  const keep = !options.username;
  /** Whose the kept session is: the same server, and the same widget (its shared session's name). */
  const owner = `${options.service} ${options.domain} ${String(options.shareSession ?? '')}`;
  /** With debug, what the log may show of the XML (loaded by `open` before the first line). */
  let redact: ((input: Node) => string) | undefined;

  function connect(attach = keep && hasKeptSession(owner)): Promise<SessionInfo> {
    const c = new Strophe.Connection(options.service, { mechanisms: Object.values(MECHANISMS) as never, keepalive: keep });
    conn = c;
    /** Why the session ends; a server's condition comes with its sentence, which loads with it. */
    let lastError: XmppChatError | Promise<XmppChatError> | undefined;
    /** Signed in with SASL2 (bosh-sasl2.ts): how, and the session's features. */
    let sasl2: { mechanism: string; features: string[] } | undefined;
    if (options.sasl2 !== false) watchStreamStart(c, options.username && `${options.username}@${options.domain}`);
    c.authenticate = (matched: { mechname: string }[]) => {
      // SASL2 where offered; a saved token alone (no password) signs in only by it.
      if (offersSasl2(c.features) || (options.username && !options.password && !options.scramKeys))
        void import('./bosh-sasl2.ts')
          .then(({ signInWithSasl2 }) => signInWithSasl2(c, options, { signedIn: (how) => (sasl2 = how), deliver: onStanza }))
          .then(
            (done) => done || authenticateWithSasl(matched),
            (error: unknown) => {
              lastError =
                error instanceof XmppChatError ? error : new ConnectionError('unreachable', 'Part of the chat could not be loaded.');
              c.disconnect('sign-in failed');
            },
          );
      else authenticateWithSasl(matched);
    };
    // The mechanism is ours to choose, by the same policy as over WebSocket.
    const authenticateWithSasl = (matched: { mechname: string }[]) => {
      try {
        const chosen = chooseMechanism(
          matched.map((m) => m.mechname),
          {
            anonymous: !options.username,
            secure: options.service.startsWith('https:'),
            allowPlain: options.allowPlain,
            mechanisms: options.mechanisms,
          },
        );
        c._attemptSASLAuth(matched.filter((m) => m.mechname === chosen) as never);
      } catch (error) {
        lastError = error as XmppChatError;
        c.disconnect('no acceptable sign-in method');
      }
    };
    flushWithoutIdleDelay(c);
    keepBehindPolls(c);
    acknowledgeOnResponse(c, tracked);
    // strophe.js retries a failed request at once, which keeps the session and everything the
    // server holds for it; its next retries wait 8 s, then 27 s. When the retry fails too, a new
    // session is quicker, and unacknowledged messages are sent again.
    type Req = { sends: number; xhr: XMLHttpRequest };
    const proto = c._proto as unknown as { _onRequestStateChange(func: unknown, req: Req): void };
    const onStateChange = proto._onRequestStateChange.bind(proto);
    proto._onRequestStateChange = (func, req) => {
      onStateChange(func, req);
      const failed = req.xhr.readyState === 4 && (req.xhr.status === 0 || req.xhr.status >= 500);
      if (failed && req.sends >= 2 && c.authenticated && !closing && conn === c) {
        abortSession?.(new ConnectionError('closed', 'The connection to the chat server was lost.'));
      }
    };
    const redactForLog = redact;
    if (redactForLog) {
      c.xmlInput = (el: Node) => console.debug('[xmpp-chat] in', redactForLog(el));
      c.xmlOutput = (el: Element) => console.debug('[xmpp-chat] out', redactForLog(el));
    }
    const onStanza = (el: Element) => {
      // After a dropped HTTP connection, a retried request can come back with its own body as the
      // response (seen with ejabberd 23.01). It has a rid, which a server's body never has: these
      // are our own stanzas, not received ones, and the real response, with whatever it carried
      // for us, is gone. Only a new session (which catches up from the archive) can recover that.
      if ((el.parentNode as Element | null)?.getAttribute?.('rid')) {
        if (redactForLog) console.debug('[xmpp-chat] ignored an echo of our own request', redactForLog(el));
        if (c.authenticated && !closing && conn === c) {
          queueMicrotask(() =>
            abortSession?.(new ConnectionError('closed', 'The connection to the chat server was interrupted; reconnecting.')),
          );
        }
        return true;
      }
      listener.stanza(fromDom(el));
      return true;
    };
    c.addHandler(onStanza, null, null, null, null, null);
    const jid = options.username
      ? `${options.username}@${options.domain}${options.resource ? `/${options.resource}` : ''}`
      : options.domain;

    return new Promise<SessionInfo>((resolve, reject) => {
      let online = false;
      /** Attached to the earlier page's session, and waiting to hear that the server still holds it. */
      let attaching = false;
      const anew = () => {
        attaching = false;
        clearTimeout(timer);
        c.reset(); // forgets the kept session too
        resolve(connect(false));
      };
      const timer = setTimeout(() => fail(new ConnectionError('timeout', 'The chat server did not answer in time.')), options.timeoutMs);
      const fail = (error: XmppChatError) => {
        clearTimeout(timer);
        if (online) {
          online = false;
          if (!closing && conn === c) listener.dropped(error);
        } else {
          reject(error);
        }
        // An attempt given up must stop for good: strophe.js would otherwise go on retrying its
        // requests and could log in later under our resource, replacing the session that took
        // its place (the server then closes ours with a conflict).
        if (conn === c) conn = undefined;
        c._proto._abortAllRequests();
        c.reset();
      };
      abortSession = (reason) => {
        lastError = reason;
        c._proto._abortAllRequests(); // requests held on a dead link would never come back
        c._doDisconnect('link dead');
      };
      const callback = (status: number, condition: string | null, elem?: Element) => {
        if (status === Status.ATTACHED) {
          attaching = true;
          void confirmAttached(c, options.timeoutMs).then((alive) => {
            if (!attaching) return;
            if (!alive) return anew();
            attaching = false;
            callback(Status.CONNECTED, null);
          });
        } else if (status === Status.CONNECTED) {
          clearTimeout(timer);
          online = true;
          watchForStall(c, () => {
            if (!closing && conn === c) abortSession?.(new ConnectionError('timeout', 'The chat server stopped answering; reconnecting.'));
          });
          if (unacked.size > 0) {
            listener.unacknowledged?.([...unacked.values()]);
            unacked.clear();
          }
          const restored = c.restored === true;
          const streamFeatures = restored ? keptFeatures() : (sasl2?.features ?? featureNamespaces(c));
          if (keep && !restored) keepFeatures(streamFeatures);
          // The server's session goes on, but this page knows nothing of it: the chat sets up anew.
          const mechanism = restored ? 'ANONYMOUS' : (sasl2?.mechanism ?? c._sasl_mechanism?.mechname ?? '');
          resolve({ jid: c.jid, resumed: false, mechanism, streamFeatures, sasl2: Boolean(sasl2) });
        } else if (status === Status.AUTHFAIL) {
          const failure = elem ? parseSaslFailure(fromDom(elem)) : undefined;
          const cond = failure?.condition ?? condition ?? 'not-authorized';
          lastError = describeAuthFailure(cond).then((sentence) => new AuthError(cond, sentence, failure?.text));
          c.disconnect('auth failed');
        } else if (status === Status.CONNFAIL || status === Status.CONNTIMEOUT) {
          lastError ??= toChatError(condition, status, options.service);
        } else if (status === Status.DISCONNECTED && attaching) {
          anew(); // the server no longer holds the earlier page's session
        } else if (status === Status.DISCONNECTED) {
          whenDisconnected?.();
          const reason =
            lastError ??
            new ConnectionError(
              online ? 'closed' : 'unreachable',
              online ? 'The connection to the chat server was lost.' : `Could not reach the chat server at ${options.service}.`,
            );
          if (reason instanceof Promise) void reason.then(fail);
          else fail(reason);
        }
      };
      if (!attach || !restore(c, options.domain, callback)) {
        if (keep) keepFor(owner);
        c.connect(jid, options.password ?? (options.scramKeys as never) ?? '', callback); // keys: see bosh-scram.ts
      }
    });
  }

  return {
    kind: 'bosh',
    async open() {
      closing = false;
      // Code only some sessions need: SCRAM for a login with a password or keys (an anonymous
      // visitor never uses it), the log's redaction with debug. Both are kept once loaded.
      const [scram, redaction] = await Promise.all([
        options.username && !MECHANISMS['SCRAM-SHA-256'] ? import('./bosh-scram.ts') : undefined,
        options.debug && !redact ? import('../stanza/redact.ts') : undefined,
      ]).catch((error: unknown) => {
        throw new ConnectionError('unreachable', 'Part of the chat could not be loaded.', { cause: error });
      });
      if (scram) Object.assign(MECHANISMS, { 'SCRAM-SHA-256': scram.BoshScramSha256, 'SCRAM-SHA-1': scram.BoshScramSha1 });
      if (redaction) redact = redaction.redactForLog;
      return connect();
    },
    send(stanza: XmlElement) {
      if (!conn) throw new ConnectionError('closed', 'Not connected to the chat server.');
      const top = stanza.attrs.xmlns ? stanza : { ...stanza, attrs: { ...stanza.attrs, xmlns: 'jabber:client' } };
      if (top.name === 'message' && top.attrs.id) unacked.set(top.attrs.id, top);
      conn.send(toDom(top)); // queued, then flushed at once (see bosh-patches.ts)
    },
    leave() {
      closing = true;
      if (keep) forgetKeptSession();
      const proto = conn?._proto as unknown as { sid?: string; rid?: number } | undefined;
      if (!conn?.connected || !proto?.sid || typeof navigator.sendBeacon !== 'function') return;
      // A beacon outlives the page; the server ends the session on reading it.
      const body = `<body xmlns="http://jabber.org/protocol/httpbind" rid="${Number(proto.rid)}" sid="${escapeAttr(proto.sid)}" type="terminate"/>`;
      navigator.sendBeacon(options.service, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    },
    release() {
      closing = true;
      if (keep) forgetKeptSession();
      conn = undefined;
      const left = [...unacked.values()];
      unacked.clear();
      return left;
    },
    async close() {
      closing = true;
      if (keep) forgetKeptSession();
      const c = conn;
      if (!c?.connected) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.timeoutMs);
        whenDisconnected = () => {
          clearTimeout(timer);
          resolve();
        };
        c.disconnect('bye');
        c.flush();
      });
    },
    abort(reason) {
      abortSession?.(reason);
    },
  };
}

/** Attaches to the session kept for `domain`; false when there is none for it (another host's). */
function restore(conn: Connection, domain: string, callback: (status: number, condition: string | null) => void): boolean {
  try {
    conn.restore(domain, callback);
    return true;
  } catch (error) {
    if ((error as Error).name === 'StropheSessionError') return false;
    throw error;
  }
}

function featureNamespaces(conn: Connection): string[] {
  const features = conn.features as Element | undefined;
  return Array.from(features?.children ?? [], (c) => c.namespaceURI ?? c.getAttribute('xmlns') ?? '').filter(Boolean);
}

function toChatError(condition: string | null, status: number, service: string): XmppChatError | Promise<XmppChatError> {
  if (condition && STREAM_CONDITIONS.has(condition))
    return describeStreamError(condition).then((sentence) => new StreamError(condition, sentence));
  if (status === Status.CONNTIMEOUT) return new ConnectionError('timeout', `The chat server at ${service} stopped answering.`);
  return new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`);
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
