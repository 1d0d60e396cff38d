/**
 * Patches to a strophe.js BOSH connection, for bosh.ts. strophe.js sends queued data on a 100 ms
 * idle timer; we send it as soon as it is queued or a response has been handled, which takes a
 * login from ~500 ms to a few round trips on a fast link, and acknowledge our stanzas as soon as
 * the server has them.
 */
import type { Strophe } from 'strophe.js';
import { fromDom } from '../stanza/dom.ts';
import type { TransportListener } from './transport.ts';

type Connection = InstanceType<typeof Strophe.Connection>;
type BoshRequest = { xmlData?: Element; date: number };

/**
 * The two requests of a session (hold=1) travel on two HTTP connections, so the second can reach
 * the server first. ejabberd (23.01) then holds the first until it has something to send and
 * leaves the second, with our stanzas, queued behind it: the session stalls. Spacing requests
 * out made this rarer but slowed a busy session badly (an archive catch-up over BOSH timed out),
 * so instead a stall is noticed after this long and the session is replaced.
 */
const STALLED_MS = 5000;

/**
 * ejabberd (23.01 and 24.12) loses a request that reaches it before the one sent just ahead of
 * it, if that one is an empty poll: it holds the poll and never takes in the stanzas of the other,
 * and the session stalls (see STALLED_MS). So a request with stanzas leaves no sooner than this
 * after the request before it; one sent right behind a request with stanzas, or behind none, goes
 * at once.
 */
const BEHIND_POLL_MS = 50;

/**
 * Sends queued data in the same task instead of after strophe.js's idle timer: whatever is queued
 * (including SASL steps that strophe.js computes asynchronously) and whatever is left after a
 * response has been handled (such as a stream restart).
 */
export function flushWithoutIdleDelay(conn: Connection): void {
  const dataRecv = conn._dataRecv.bind(conn);
  conn._dataRecv = (req: never, raw?: string) => {
    dataRecv(req, raw);
    if (conn._data.length > 0) scheduleFlush(conn);
  };
  const queueData = conn._queueData.bind(conn);
  conn._queueData = (element: Element) => {
    queueData(element);
    scheduleFlush(conn);
  };
}

/** Holds a request with stanzas back while an empty poll sent just before it may still be on its way. */
export function keepBehindPolls(conn: Connection): void {
  const proto = conn._proto as unknown as { _onIdle(): void };
  const onIdle = proto._onIdle.bind(proto);
  let timer: ReturnType<typeof setTimeout> | undefined;
  proto._onIdle = () => {
    const wait = waitBehindPoll(conn);
    if (wait <= 0) return onIdle();
    timer ??= setTimeout(() => {
      timer = undefined;
      if (conn.connected) conn.flush();
    }, wait);
  };
}

/** How long the queued stanzas must wait for the poll ahead of them (0: they may go now). */
function waitBehindPoll(conn: Connection): number {
  const requests = requestsOf(conn);
  if (requests.length !== 1 || !conn.authenticated) return 0;
  const [ahead] = requests;
  if (!(ahead.date > 0) || stanzasIn(ahead).length > 0) return 0;
  if (!(conn._data as unknown[]).some((item) => item !== null && item !== 'restart')) return 0;
  return ahead.date + BEHIND_POLL_MS - Date.now();
}

/**
 * A successful response to a request means the server has what the request carried. The server
 * holds the newest request until it has something to say (hold=1), so when that one carries our
 * stanzas we send an empty request behind it, which makes the server answer it at once.
 */
export function acknowledgeOnResponse(conn: Connection, listener: TransportListener): void {
  if (!listener.acknowledged) return;
  const dataRecv = conn._dataRecv.bind(conn);
  conn._dataRecv = (req: never, raw?: string) => {
    // Decided before strophe.js handles the response: a terminate tears the session down.
    const received = serverReceived(req);
    dataRecv(req, raw);
    if (received) for (const stanza of stanzasIn(req)) listener.acknowledged?.(fromDom(stanza));
    if (holdsOurStanzas(conn)) scheduleFlush(conn);
  };
}

/**
 * Whether the response proves the server took in the request's stanzas: an HTTP 200 with a
 * body that is neither a terminate (after a server restart, a request on the old session id is
 * answered `type='terminate' condition='item-not-found'` and its stanzas are dropped) nor an
 * echo of our own request (it carries our rid; see bosh.ts).
 */
function serverReceived(req: { xhr?: XMLHttpRequest }): boolean {
  const xhr = req.xhr;
  if (!xhr || xhr.readyState !== 4 || xhr.status !== 200) return false;
  const body = xhr.responseXML?.documentElement;
  if (body) return body.localName === 'body' && body.getAttribute('type') !== 'terminate' && !body.hasAttribute('rid');
  // Served without an XML type: read the body's start tag.
  const tag = /<body\b[^>]*>/.exec(xhr.responseText)?.[0];
  return Boolean(tag) && !/\stype=['"]terminate['"]/.test(tag!) && !/\srid=/.test(tag!);
}

/**
 * Calls `stalled` when the older of two requests in flight is still unanswered long after the
 * newer one was sent: with hold=1 a server answers the older as soon as the newer arrives, unless
 * they arrived out of order and ejabberd holds both. Nothing sent on this session gets through
 * any more; only a new one recovers. Call it once authenticated (strophe.js drops timed
 * handlers that run before).
 */
export function watchForStall(conn: Connection, stalled: () => void): void {
  conn.addTimedHandler(1000, () => {
    const [older, newer] = requestsOf(conn);
    if (older?.date > 0 && newer?.date > 0 && Date.now() - newer.date > STALLED_MS) stalled();
    return true;
  });
}

const flushQueued = new WeakSet<Connection>();

/** Flushes once the current task is done, so that stanzas sent together go in one request. */
function scheduleFlush(conn: Connection): void {
  if (flushQueued.has(conn)) return;
  flushQueued.add(conn);
  queueMicrotask(() => {
    flushQueued.delete(conn);
    if (!conn.connected) return;
    conn.flush();
    if (holdsOurStanzas(conn)) {
      (conn._data as unknown[]).push(null); // strophe.js sends a queued null as an empty request
      conn.flush();
    }
  });
}

const requestsOf = (conn: Connection) => (conn._proto as unknown as { _requests: BoshRequest[] })._requests;

const stanzasIn = (req: { xmlData?: Element } | undefined) =>
  Array.from(req?.xmlData?.children ?? []).filter((c) => ['message', 'presence', 'iq'].includes(c.localName));

/** The only request in flight carries stanzas, so the server will hold it until it has news. */
function holdsOurStanzas(conn: Connection): boolean {
  const pending = requestsOf(conn);
  return conn.authenticated && !conn.disconnecting && pending.length === 1 && stanzasIn(pending[0]).length > 0;
}
