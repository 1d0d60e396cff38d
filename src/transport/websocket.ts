/**
 * WebSocket transport (RFC 7395) built from xmpp.js packages — the only module that imports them.
 * We compose the pieces ourselves, as @xmpp/client does, but leave out what the core does better
 * or does not need: its fixed-delay reconnect, its catch-all iq responder (the core answers iqs for
 * both transports), TCP/TLS and DNS resolution. SASL SCRAM comes from our WebCrypto module.
 */
import { Client, xml as ltx } from '@xmpp/client-core';
import websocket from '@xmpp/websocket';
import middlewareFactory from '@xmpp/middleware';
import streamFeaturesFactory from '@xmpp/stream-features';
import iqCallerFactory from '@xmpp/iq/caller.js';
import saslFactoryFeature from '@xmpp/sasl';
import resourceBinding from '@xmpp/resource-binding';
import streamManagementFactory from '@xmpp/stream-management';
import { AuthError, ConnectionError, StreamError, type XmppChatError } from '../errors.ts';
import { AnonymousMechanism, MechanismFactory, PlainMechanism } from '../sasl/mechanisms.ts';
import type { ScramMechanism } from '../sasl/scram.ts';
import { describeAuthFailure, describeStreamError } from '../stanza/conditions.ts';
import type { XmlElement } from '../stanza/element.ts';
import { fromPlainTree } from '../stanza/tree.ts';
import { chooseMechanism } from '../sasl/choose.ts';
import type { SessionOptions, Transport, TransportListener, SessionInfo } from './transport.ts';
import { createPingAcks } from './ack-by-ping.ts';
import { useSasl2 } from './websocket-sasl2.ts';

const NS_SM = 'urn:xmpp:sm:3';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

// xmpp.js ships no type declarations; this is the part of its element API we use.
interface LtxElement {
  name: string;
  attrs: Record<string, string>;
  children: (LtxElement | string)[];
  is(name: string, xmlns?: string): boolean;
  getChild(name: string, xmlns?: string): LtxElement | undefined;
  /** The element as XML text. */
  toString(): string;
}

const textOf = (el: LtxElement) => el.children.filter((c): c is string => typeof c === 'string').join('');

const toLtx = (el: XmlElement): LtxElement =>
  ltx(el.name, { ...el.attrs }, ...el.children.map((c) => (typeof c === 'string' ? c : toLtx(c))));

const fromLtx = (el: LtxElement): XmlElement => fromPlainTree(el); // bounded: see stanza/tree.ts

export function createWebSocketTransport(options: SessionOptions, listener: TransportListener): Transport {
  const entity = new Client({ service: options.service, domain: options.domain, timeout: options.timeoutMs });
  const middleware = middlewareFactory({ entity });
  const streamFeatures = streamFeaturesFactory({ middleware });
  const iqCaller = iqCallerFactory({ middleware, entity });
  const sasl = new MechanismFactory();
  // @xmpp/sasl ignores the data in <success>; we keep the SCRAM exchange to check the server's
  // signature there, which proves the server knows the password.
  const exchange: { scram?: ScramMechanism } = {};
  let authenticatedWith = '';
  let sasl2Used = false;
  let streamFeatureNs: string[] = [];
  sasl.use(PlainMechanism);
  sasl.use(AnonymousMechanism);
  // Order matters: SASL2 with Bind 2 where offered, else SASL, then stream management (which
  // resumes, or binds and then enables).
  const smHooks: { bound?(el: LtxElement): unknown; resumed?(el: LtxElement): unknown } = {};
  useSasl2<LtxElement>(options, {
    entity,
    streamFeatures,
    get sm() {
      return sm;
    },
    hooks: smHooks,
    toXml: fromLtx,
    fromXml: toLtx,
    authenticated({ mechanism, features }) {
      authenticatedWith = mechanism;
      sasl2Used = true;
      streamFeatureNs = [...new Set([...streamFeatureNs, ...features])];
    },
  });
  saslFactoryFeature(
    { streamFeatures, saslFactory: sasl },
    async (authenticate: (credentials: Record<string, unknown>, mechanism: string) => Promise<void>, offered: string[]) => {
      // Only a saved token was kept, and this server (or transport) takes none.
      if (options.username && !options.password && !options.scramKeys)
        throw new AuthError(
          'credentials-expired',
          'This server does not accept the saved sign-in here. Please sign in again with your password.',
        );
      const secure = options.service.startsWith('wss:');
      const mechanism = chooseMechanism(offered, {
        anonymous: !options.username,
        secure,
        allowPlain: options.allowPlain,
        mechanisms: options.mechanisms,
      });
      authenticatedWith = mechanism;
      exchange.scram = undefined;
      let successData = '';
      const onNonza = (el: LtxElement) => {
        if (el.is('success', NS_SASL)) successData = textOf(el);
      };
      entity.on('nonza', onNonza);
      try {
        await authenticate({ username: options.username, password: options.password, scramKeys: options.scramKeys }, mechanism);
      } finally {
        entity.off('nonza', onNonza);
      }
      const scram = exchange.scram as ScramMechanism | undefined; // set by the mechanism during authenticate()
      await scram?.verifySuccess(atob(successData));
    },
  );
  // Stream features after SASL2 may offer stream management again (ejabberd 24 does, after an inline
  // resumption it refused): Bind 2 has enabled it, and xmpp.js would try to resume the new stream.
  streamFeatures.use('sm', NS_SM, (_ctx: unknown, next: () => Promise<void>) => (sm.enabled ? Promise.resolve() : next()));
  const sm = streamManagementFactory({
    streamFeatures,
    entity,
    middleware,
    // Its inline hooks for Bind 2 and SASL2: the answers websocket-sasl2.ts reads are passed to them.
    bind2: { use: (ns: string, _request: unknown, answer: (el: LtxElement) => unknown) => ns === NS_SM && (smHooks.bound = answer) },
    sasl2: {
      use: (ns: string, _request: unknown, answer: (el: LtxElement) => unknown) =>
        ns === NS_SM && (smHooks.resumed = (el: LtxElement) => (queue.fit(el), answer(el))),
    },
  });
  resourceBinding({ iqCaller, streamFeatures }, options.resource);
  websocket({ entity });
  const queue = trackQueue(options, entity, sm, listener);

  let closing = false;
  let online = false;
  /** The server's stream error, explained (its sentence loads with it). */
  let streamError: Promise<XmppChatError> | undefined;
  let abortReason: XmppChatError | undefined;
  const unacked: XmlElement[] = [];
  /** Whether this session has stream management; without it, pings acknowledge our messages. */
  let withSm = false;
  const pingAcks = createPingAcks({
    domain: options.domain,
    // A ping lost with the stream confirms nothing, which is what the outbox needs to know.
    send: (iq) => void entity.send(toLtx(iq)).catch(() => undefined),
    acknowledged: (stanza) => listener.acknowledged?.(stanza),
  });

  entity.on('stanza', (el: LtxElement) => {
    const stanza = fromLtx(el);
    // xmpp.js counted it before this runs (its middleware listens first).
    if (!pingAcks.receive(stanza)) listener.stanza(stanza, sm.id ? sm.inbound : undefined);
  });
  sm.on('fail', (el: LtxElement) => unacked.push(fromLtx(el)));
  sm.on('ack', (el: LtxElement) => listener.acknowledged?.(fromLtx(el)));
  entity.on('error', (error: { name?: string; condition?: string; text?: string }) => {
    if (error.name === 'StreamError' && error.condition) {
      const { condition, text } = error;
      streamError = describeStreamError(condition).then((sentence) => new StreamError(condition, sentence, text));
    }
  });
  entity.on('disconnect', () => {
    pingAcks.reset();
    if (closing || !online) return;
    online = false;
    const explained = streamError;
    const reason = abortReason ?? new ConnectionError('closed', 'The connection to the chat server was lost.');
    streamError = undefined;
    abortReason = undefined;
    const dropped = (why: XmppChatError) => {
      if (options.debug) console.debug('[xmpp-chat] websocket dropped', why);
      listener.dropped(why);
    };
    if (explained) void explained.then(dropped);
    else dropped(reason);
  });

  /**
   * Code that only some sessions need, loaded before the first one that does: SCRAM for a login
   * with a password or keys (an anonymous visitor never uses it), the log's redaction with debug.
   * SCRAM is registered before the server's features arrive, as @xmpp/sasl offers only known ones.
   */
  let loaded: Promise<void> | undefined;
  const loadOnce = () =>
    (loaded ??= Promise.all([
      options.username &&
        import('../sasl/scram.ts').then(({ scramMechanism }) => {
          for (const hash of ['SHA-256', 'SHA-1'] as const) {
            const Scram = scramMechanism(hash);
            sasl.use(
              class extends Scram {
                constructor() {
                  super();
                  exchange.scram = this;
                }
              },
            );
          }
        }),
      options.debug &&
        import('../stanza/redact.ts').then(({ redactForLog }) => {
          entity.on('send', (el: LtxElement) => console.debug('[xmpp-chat] out', redactForLog(String(el))));
          entity.on('element', (el: LtxElement) => console.debug('[xmpp-chat] in', redactForLog(fromLtx(el))));
        }),
    ]).then(
      () => undefined,
      (error: unknown) => {
        loaded = undefined; // tried again on the next attempt
        throw error;
      },
    ));

  async function open(): Promise<SessionInfo> {
    closing = false;
    streamError = undefined;
    sasl2Used = false;
    // The stream header names the account, as ejabberd offers SASL2 only then (RFC 6120 §4.7.1 allows it
    // once the stream is protected; xmpp.js adds it on wss: and loopback).
    if (options.username && !entity.jid) entity._jid(`${options.username}@${options.domain}`);
    const resuming = Boolean(sm.id);
    const session = waitForSession(resuming);
    try {
      // Awaited together so that an error reported both ways is observed once, never left unhandled.
      // The socket opens (a round trip) while that code loads; the stream is opened, and the server
      // sends its features, only once it has.
      const [info] = await Promise.all([
        session.promise,
        Promise.all([loadOnce(), entity.connect(options.service)]).then(() => entity.open({ domain: options.domain, lang: 'en' })),
      ]);
      online = true;
      if (unacked.length > 0) listener.unacknowledged?.(unacked.splice(0));
      return info;
    } catch (error) {
      session.cancel();
      closing = true;
      entity.socket?.end();
      throw await toChatError(error, options.service);
    }
  }

  /** Resolves once the session is usable: resumed, or bound with stream management settled. */
  function waitForSession(resuming: boolean) {
    let cancel = () => {};
    const promise = new Promise<SessionInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ConnectionError('timeout', 'The chat server did not answer in time.')), options.timeoutMs);
      let smOffered = false;
      // Whether acknowledgements come by stream management: xmpp.js marks itself enabled only
      // after our listener has seen <enabled/>, so that element is the answer.
      const done = (resumed: boolean, smOn = sm.enabled) => {
        cleanup();
        withSm = smOn;
        resolve({ jid: String(entity.jid), resumed, mechanism: authenticatedWith, streamFeatures: [...streamFeatureNs], sasl2: sasl2Used });
      };
      const onElement = (el: LtxElement) => {
        if (el.name === 'stream:features') {
          smOffered = Boolean(el.getChild('sm', NS_SM));
          streamFeatureNs = el.children.flatMap((c) => (typeof c === 'string' || !c.attrs.xmlns ? [] : [c.attrs.xmlns]));
        }
        if (el.is('enabled', NS_SM)) done(false, true);
        else if (el.is('failed', NS_SM) && !resuming) done(false, false);
      };
      const onOnline = () => {
        if (!smOffered) done(false);
      };
      const onResumed = () => done(true);
      const onError = (error: unknown) => {
        cleanup();
        void toChatError(error, options.service).then(reject);
      };
      const cleanup = () => {
        clearTimeout(timer);
        entity.off('element', onElement);
        entity.off('online', onOnline);
        sm.off('resumed', onResumed);
        entity.off('error', onError);
      };
      entity.on('element', onElement);
      entity.on('online', onOnline);
      sm.on('resumed', onResumed);
      entity.on('error', onError);
      cancel = cleanup;
    });
    return { promise, cancel: () => cancel() };
  }

  return {
    kind: 'websocket',
    open,
    send(stanza) {
      // Handing a stanza to the socket proves nothing: the server acknowledges it, by stream
      // management or, on a stream without it, by answering a ping sent after it.
      entity.send(toLtx(stanza)).then(
        () => {
          if (!withSm && online) pingAcks.sent(stanza);
        },
        (error: unknown) => {
          if (options.debug) console.debug('[xmpp-chat] send failed; the outbox sends it again', error);
        },
      );
    },
    async close() {
      closing = true;
      sm.id = ''; // a closed session is not to be resumed
      if (entity.status === 'offline' || entity.status === 'disconnect') return;
      await entity.stop().catch((error: unknown) => {
        if (options.debug) console.debug('[xmpp-chat] close failed', error);
      });
    },
    leave() {
      closing = true;
      sm.id = '';
      const raw = entity.socket?.socket as WebSocket | undefined;
      if (raw?.readyState !== WebSocket.OPEN) return;
      raw.send('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
    },
    release() {
      closing = true;
      sm.id = '';
      // What stream management still waits to hear confirmed, and what an earlier failed resumption left.
      const queued = (sm.outbound_q as { stanza: LtxElement }[]).splice(0).map((item) => fromLtx(item.stanza));
      entity.socket?.end();
      return [...unacked.splice(0), ...queued];
    },
    stream() {
      if (!online || !sm.enabled || !sm.id) return undefined;
      return { id: sm.id, jid: String(entity.jid), handled: sm.inbound, confirmed: sm.outbound, unconfirmed: queue.unconfirmed() };
    },
    abort(reason) {
      // A dead link may take minutes to close by itself: let go of it now and report the drop.
      const socket = entity.socket;
      if (!socket) return;
      abortReason = reason;
      const raw = socket.socket;
      socket._detachSocket();
      raw?.close();
      socket.emit('close', true, { reason: 'link dead' });
    },
  };
}

interface StreamManagement {
  id: string;
  enabled: boolean;
  inbound: number;
  outbound: number;
  outbound_q: { stanza: LtxElement; stamp: string }[];
}

/**
 * Seeds xmpp.js's stream management with a stream another transport left (the first `open()` then
 * resumes it, or fails it back into `unacknowledged`), and tells the listener of each stanza that
 * enters its queue of unconfirmed ones.
 */
function trackQueue(
  options: SessionOptions,
  entity: { _jid(jid: string): unknown; on(event: 'send' | 'element', listener: (el: LtxElement) => void): void },
  sm: StreamManagement,
  listener: TransportListener,
) {
  const ours = new WeakMap<LtxElement, XmlElement>();
  const left = options.resume;
  if (left) {
    entity._jid(left.jid);
    const stamp = new Date().toISOString();
    Object.assign(sm, { id: left.id, inbound: left.handled, outbound: left.confirmed });
    sm.outbound_q = left.unconfirmed.map((stanza) => {
      const el = toLtx(stanza);
      ours.set(el, stanza);
      return { stanza: el, stamp };
    });
  }
  // xmpp.js queues a stanza as it is sent (its filter runs before this listener): the last one is it.
  entity.on('send', (el: LtxElement) => {
    if (sm.outbound_q.at(-1)?.stanza !== el || ours.has(el)) return;
    const stanza = fromLtx(el);
    ours.set(el, stanza);
    listener.queued?.(stanza);
  });
  /**
   * Before xmpp.js reads `<resumed h>`: a server that took in more of ours than the queue holds got
   * the newest ones from a tab that went before it told of them, so all we hold arrived (xmpp.js
   * would otherwise fail, reading past the queue's end).
   */
  const fit = (el: LtxElement) => {
    const h = Number(el.attrs.h);
    if (el.is('resumed', NS_SM) && Number.isInteger(h)) sm.outbound = Math.max(sm.outbound, h - sm.outbound_q.length);
  };
  entity.on('element', fit); // before xmpp.js's own listener, which is added as it sends <resume/>
  return { fit, unconfirmed: () => sm.outbound_q.map((item) => ours.get(item.stanza) ?? fromLtx(item.stanza)) };
}

async function toChatError(error: unknown, service: string): Promise<XmppChatError> {
  const e = error as { name?: string; condition?: string; text?: string; message?: string };
  if (e?.name === 'SASLError' && e.condition) return new AuthError(e.condition, await describeAuthFailure(e.condition), e.text);
  if (e?.name === 'StreamError' && e.condition) return new StreamError(e.condition, await describeStreamError(e.condition), e.text);
  // Our SCRAM and token mechanisms' errors, by name: their explanation loads only when one fails.
  if (e?.name === 'ScramError' || e?.name === 'HashedTokenError') {
    const explained = (await import('./mechanism-errors.ts')).mechanismError(error);
    if (explained) return explained;
  }
  if (e instanceof ConnectionError || e instanceof AuthError || e instanceof StreamError) return e;
  if (e?.name === 'TimeoutError') return new ConnectionError('timeout', 'The chat server did not answer in time.');
  return new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`, { cause: error });
}
