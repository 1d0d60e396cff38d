import { backoffDelay } from './backoff.ts';
import { AuthError, ConnectionError, isFatal, XmppChatError } from './errors.ts';
import { Emitter } from './events.ts';
import { IqRouter, type IqHandler } from './iq.ts';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.ts';
import { LinkWatch } from './link-watch.ts';
import { SessionOpener } from './session-opener.ts';
import { deviceIdentity } from './device-identity.ts';
import type { XmlElement } from './stanza/element.ts';
import { takeIncoming } from './stanza/incoming.ts';
import { createSharedOpener, type Opener } from './shared-session/shared-opener.ts';
import { loadTransport, type SessionInfo, type TransportKind, type TransportListener } from './transport/transport.ts';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export interface StatusChange {
  status: ConnectionStatus;
  /** Why we are reconnecting or disconnected; absent when the user asked for it. */
  reason?: XmppChatError;
  /** When reconnecting: the delay before the next attempt. */
  retryInMs?: number;
}

export interface ClientEvents extends Record<string, unknown> {
  status: StatusChange;
  /** A session is established (fresh, or resumed with nothing lost). */
  online: SessionInfo;
  /** Every incoming stanza that is not an iq the core already answered. */
  stanza: XmlElement;
  /** The server has received this stanza we sent (stream management ack or BOSH response). */
  acked: XmlElement;
  /** Failures the page should know about; connection failures also appear as status reasons. */
  error: XmppChatError;
}

export interface Client {
  readonly status: ConnectionStatus;
  /** The full JID of the current session. */
  readonly jid: string | undefined;
  readonly transport: TransportKind | undefined;
  /** With `shareSession`: whether this tab holds the session its site's tabs share, or sends through the one that does. */
  readonly sharing: 'lead' | 'follow' | undefined;
  /**
   * Counts sessions that started afresh (a resumed one keeps its number). Work begun for one
   * session checks it is still current before acting, so a replaced session leaves nothing behind.
   */
  readonly epoch: number;
  /** Connects and logs in; rejects with the first failure (and keeps retrying unless it is fatal). */
  connect(): Promise<SessionInfo>;
  disconnect(): Promise<void>;
  /** Sends a stanza; while (re)connecting it waits in order and goes out once connected. */
  send(stanza: XmlElement): void;
  /** Sends an iq get/set and resolves with its result. */
  iq(stanza: XmlElement): Promise<XmlElement>;
  /** Answers iq get/set requests with this payload (roster pushes, disco…). */
  handleIq(name: string, xmlns: string, handler: IqHandler): void;
  on<K extends keyof ClientEvents>(type: K, listener: (detail: ClientEvents[K]) => void): () => void;
}

/** A session that died younger than this was not a working one: the next drop backs off. */
const SHORT_SESSION_MS = 10_000;

/**
 * Creates a client. Throws a ConfigError at once when the options are wrong.
 * `transports` loads the transport adapters; tests pass their own.
 */
export function createClient(clientOptions: ClientOptions, transports = loadTransport): Client {
  const resolved = resolveOptions(clientOptions);
  // A kept device identity (FAST token) is signed in as by one tab at a time.
  const identity = resolved.fast && deviceIdentity(resolved.fast, Boolean(resolved.password || resolved.scramKeys));
  const options = identity ? { ...resolved, fast: identity.store } : resolved;
  const events = new Emitter<ClientEvents>();
  let status: ConnectionStatus = 'disconnected';
  let jid: string | undefined;
  let session: SessionInfo | undefined;
  let wanted = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connecting: Promise<SessionInfo> | undefined;
  let epoch = 0;
  let onlineAt = 0;
  /** Sessions in a row that dropped soon after they opened. */
  let shortSessions = 0;
  const waiting: XmlElement[] = [];

  const setStatus = (change: StatusChange) => {
    status = change.status;
    events.emit('status', change);
  };
  const transmit = (stanza: XmlElement) => opener.transport?.send(stanza);
  const iqs = new IqRouter(
    (s) => client.send(s),
    options.timeoutMs,
    (cause) => events.emit('error', new ConnectionError('closed', 'A request from the server could not be answered.', { cause })),
  );
  iqs.handle('ping', 'urn:xmpp:ping', () => undefined);
  const link = new LinkWatch(
    options,
    (iq) => iqs.request(iq),
    () => opener.transport?.abort(new ConnectionError('timeout', 'The chat server stopped answering; reconnecting.')),
  );

  const listener: TransportListener = {
    stanza(stanza) {
      link.heard();
      takeIncoming(stanza, {
        deliver: (s) => {
          if (!iqs.receive(s)) events.emit('stanza', s);
        },
        unreadable: (error, reply) => {
          events.emit('error', error);
          if (reply) client.send(reply);
        },
      });
    },
    dropped(reason) {
      link.stop();
      iqs.linkLost();
      if (!wanted) return;
      // A dropped link is retried at once: the stream may still be resumable. But a server that
      // accepts the login and drops the link every time would make that a tight loop: after a
      // second short session in a row, the retries back off.
      shortSessions = Date.now() - onlineAt < SHORT_SESSION_MS ? shortSessions + 1 : 0;
      attempt = Math.max(0, shortSessions - 2);
      retryLater(reason, shortSessions < 2 ? 0 : undefined);
    },
    acknowledged(stanza) {
      events.emit('acked', stanza);
    },
    unacknowledged(stanzas) {
      // The old stream could not be resumed. A client on its own sends its unconfirmed messages
      // again (at least once; each keeps its id). The chat turns this off: its outbox first asks
      // the archive what the server has (features/outbox.ts). Iqs of the old session fail, and
      // presence is sent afresh by the new one.
      if (options.resendUnacknowledged) waiting.unshift(...stanzas.filter((s) => s.name === 'message'));
    },
  };
  // A kept device identity is held by one tab; where tabs share one session, by the one that leads it.
  const claimDevice = async () => {
    if (!identity) return;
    await identity.claim(() =>
      setStatus({
        status: 'connecting',
        reason: new ConnectionError(
          'elsewhere',
          'This chat is open in another tab of this browser; it continues here when that tab closes.',
        ),
      }),
    );
    if (!wanted) throw new ConnectionError('closed', 'Disconnected.');
  };
  // Where the site's tabs share one session (and the browser lets them), a shared opener opens it.
  const shareName = `${sessionName(options)} ${options.shareSession === true ? '' : options.shareSession}`;
  const shared = options.shareSession
    ? createSharedOpener({ name: shareName, options, listener, load: transports, beforeLead: claimDevice })
    : undefined;
  const opener: Opener = shared ?? new SessionOpener(options, listener, transports);

  function retryLater(reason: XmppChatError, delay?: number) {
    if (!options.reconnect || isFatal(reason)) {
      wanted = false;
      iqs.rejectAll(reason);
      setStatus({ status: 'disconnected', reason });
      return;
    }
    const retryInMs = delay ?? backoffDelay(attempt, options.reconnect);
    attempt += 1;
    setStatus({ status: 'reconnecting', reason, retryInMs });
    clearTimeout(retryTimer);
    // A failed attempt has already been reported through the status and scheduled its own retry.
    retryTimer = setTimeout(() => void attemptSession().catch(() => undefined), retryInMs);
  }

  async function attemptSession(): Promise<SessionInfo> {
    try {
      if (!shared) await claimDevice();
      const info = await opener.open().catch((error: unknown) => {
        // A refused token was forgotten by the transport: the password or keys sign in instead, once.
        const refusedToken = error instanceof AuthError && error.condition === 'credentials-expired';
        if (refusedToken && options.fast && (options.password || options.scramKeys)) return opener.open();
        throw error;
      });
      if (!wanted) {
        await opener.transport?.close();
        throw new ConnectionError('closed', 'Disconnected.');
      }
      jid = info.jid;
      session = info;
      attempt = 0;
      onlineAt = Date.now();
      // Before anyone hears of the new session: what the old one still awaited fails first.
      if (!info.resumed) epoch += 1;
      iqs.sessionOpened(info.resumed);
      setStatus({ status: 'connected' });
      events.emit('online', info);
      for (const stanza of waiting.splice(0)) transmit(stanza);
      link.start();
      return info;
    } catch (caught) {
      const error =
        caught instanceof XmppChatError
          ? caught
          : new ConnectionError('unreachable', 'Could not connect to the chat server.', { cause: caught });
      if (wanted) {
        if (attempt === 0) events.emit('error', error);
        retryLater(error);
      }
      throw error;
    }
  }

  const client: Client = {
    get status() {
      return status;
    },
    get jid() {
      return jid;
    },
    get transport() {
      return opener.transport?.kind;
    },
    get sharing() {
      return opener.role;
    },
    get epoch() {
      return epoch;
    },
    connect() {
      if (status === 'connected' && session) return Promise.resolve(session);
      if (connecting) return connecting;
      wanted = true;
      attempt = 0;
      shortSessions = 0;
      clearTimeout(retryTimer);
      setStatus({ status: 'connecting' });
      connecting = attemptSession().finally(() => {
        connecting = undefined;
      });
      return connecting;
    },
    async disconnect() {
      wanted = false;
      clearTimeout(retryTimer);
      link.stop();
      waiting.length = 0;
      iqs.rejectAll(new ConnectionError('closed', 'Disconnected.'));
      await opener.transport?.close();
      identity?.release();
      if (status !== 'disconnected') setStatus({ status: 'disconnected' });
    },
    send(stanza) {
      if (status === 'connected') transmit(stanza);
      else if (wanted) waiting.push(stanza);
      else throw new ConnectionError('closed', 'Not connected to the chat server.');
    },
    iq: (stanza) => iqs.request(stanza),
    handleIq: (name, xmlns, handler) => iqs.handle(name, xmlns, handler),
    on: (type, listener) => events.on(type, listener),
  };
  return client;
}

/** The account a session is for: the tabs of a site signed in to it share one session. */
const sessionName = (options: ResolvedOptions) => `${options.username ?? 'anonymous'}@${options.domain}/${options.resource ?? ''}`;
