/**
 * The real servers started by scripts/servers.sh, and helpers to use them from browser tests.
 *
 * Four servers run: the current pair (Debian 12's Prosody 0.12 and ejabberd 23.01, `SERVERS`) and
 * the newest pair (Prosody 13.0.1 with the SASL2, Bind 2 and FAST community modules, and ejabberd
 * 24.12, `NEWEST_SERVERS`). What every visitor and agent does, and what differs most between server
 * versions (SASL2 and Bind 2 sign-in, resources, archives, PEP), runs on all four (`ALL_SERVERS`):
 *   - integration/login.test.ts: sign-in and mechanisms, discovery and fallback to BOSH, the console;
 *   - integration/chat.test.ts: messaging, receipts, carbons, offline sending, archive catch-up;
 *   - integration/restart.test.ts: a restart mid-session;
 *   - integration/desk.test.ts and e2e/support-desk.test.ts: the desk;
 *   - e2e/visitor-identity.test.ts: a returning visitor, registered or anonymous.
 * Each over WebSocket and BOSH, as it did on the current pair (the desk's suites over WebSocket, with
 * one desk test over BOSH). Every other suite stays on the current pair: fault injection, exactly-once,
 * files, avatars, rich messages, office hours, verification and the rest test the widget's own logic
 * more than the server, take most of the run's time, and on four servers would take `npm test` past
 * twenty minutes on two cores. Their per-server tables (fault kinds, what a server keeps) are written
 * for the current pair, and `ServerName` stays that pair so that they keep type-checking.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import {
  createClient,
  type Client,
  type ClientOptions,
  type FastToken,
  type FastTokenStore,
  type StatusChange,
  type XmlElement,
} from '../../src/index.ts';

/** The current pair, which every integration and end-to-end suite runs on. */
export type ServerName = 'prosody' | 'ejabberd';
/** The newest pair, for the suites listed above. */
export type NewestServerName = 'prosody13' | 'ejabberd24';
/** Any of the four test servers. */
export type AnyServerName = ServerName | NewestServerName;
export type TransportName = 'websocket' | 'bosh';

/** Where a test server listens: `httpPort` serves WebSocket, BOSH and HTTP upload. */
export interface TestServer {
  httpPort: number;
}

export const SERVERS: Record<ServerName, TestServer> = {
  prosody: { httpPort: 15280 },
  ejabberd: { httpPort: 25280 },
};
export const NEWEST_SERVERS: Record<NewestServerName, TestServer> = {
  prosody13: { httpPort: 35280 },
  ejabberd24: { httpPort: 45280 },
};
export const ALL_SERVERS: Record<AnyServerName, TestServer> = { ...SERVERS, ...NEWEST_SERVERS };
export const DOMAIN = 'localhost';
export const ANON_DOMAIN = 'anon.localhost';
export const TRANSPORTS: TransportName[] = ['websocket', 'bosh'];

/**
 * One WebSocket and one BOSH pair, each server once: for what does not depend on the server or the
 * transport (the widget's own logic, what the servers only relay) while the protocol under it is
 * tested on every pair elsewhere.
 */
export const SAMPLE_PAIRS: [ServerName, TransportName][] = [
  ['prosody', 'websocket'],
  ['ejabberd', 'bosh'],
];
export const isSamplePair = (server: AnyServerName, transport: TransportName) =>
  SAMPLE_PAIRS.some(([s, t]) => s === server && t === transport);

export function serviceUrl(transport: TransportName, port: number): string {
  return transport === 'websocket' ? `ws://127.0.0.1:${port}/xmpp-websocket` : `http://127.0.0.1:${port}/http-bind`;
}

/** Fast retries for tests; the production default starts at 1 s. */
export const TEST_OPTIONS: Partial<ClientOptions> = { allowPlain: true, reconnect: { initialMs: 200, maxMs: 1000 }, timeoutMs: 10_000 };

export function accountOptions(name: string, service: string, extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    ...TEST_OPTIONS,
    service,
    jid: `${name}@${DOMAIN}`,
    password: `pass-${name}`,
    resource: `test-${Math.random().toString(36).slice(2, 8)}`,
    ...extra,
  };
}

/**
 * A device's own name to the server (XEP-0388's user agent id) and FAST token, kept in memory, for
 * clients that stand for separate devices or tabs. Without it every client of the test page shares
 * the page's id, and ejabberd 24.12 closes a session when another of the account signs in with the
 * same one (its Bind 2 makes the resource from it): two devices of one account would replace each other.
 */
export function ownAgent(): FastTokenStore {
  let token: FastToken | undefined;
  return {
    agentId: crypto.randomUUID(),
    load: () => Promise.resolve(token),
    save: (saved) => {
      token = saved;
      return Promise.resolve();
    },
  };
}

/** Clients created by a test, disconnected after it. */
const open: Client[] = [];
export function trackedClient(options: ClientOptions): Client {
  const client = createClient(options);
  open.push(client);
  return client;
}
export async function disconnectAll(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.disconnect().catch(() => undefined)));
}

/** Records everything a client reports, for assertions. */
export function record(client: Client) {
  const statuses: StatusChange[] = [];
  const stanzas: XmlElement[] = [];
  client.on('status', (s) => statuses.push(s));
  client.on('stanza', (s) => stanzas.push(s));
  return { statuses, stanzas };
}

export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const proxy = {
  start: (targetPort: number) => executeServerCommand<number, { targetPort: number }>('proxy-start', { targetPort }),
  drop: (port: number) => executeServerCommand('proxy-drop', { port }),
  stall: (port: number) => executeServerCommand('proxy-stall', { port }),
  down: (port: number) => executeServerCommand('proxy-down', { port }),
  up: (port: number) => executeServerCommand('proxy-up', { port }),
  /** Every chunk waits `ms` before it is passed on, both ways; 0 ends it. */
  delay: (port: number, ms: number) => executeServerCommand('proxy-delay', { port, ms }),
  /** Connections open but nothing gets through, both ways, until turned off. */
  /** Empty BOSH requests (polls) wait `ms` on their way, so a request sent right behind one overtakes it. */
  delayPolls: (port: number, ms: number) => executeServerCommand('proxy-delay-polls', { port, ms }),
  blackhole: (port: number, on: boolean) => executeServerCommand('proxy-blackhole', { port, on }),
  stop: (port: number) => executeServerCommand('proxy-stop', { port }),
};

/** A clean restart of `server` (scripts/servers.sh restart), waited for. */
export async function restartServer(server: AnyServerName): Promise<void> {
  await executeServerCommand('server-restart', { server });
  for (;;) {
    const result = await executeServerCommand<{ done: boolean; error?: string }, { server: string }>('server-restart-wait', { server });
    if (result?.error) throw new Error(`restarting ${server} failed: ${result.error}`);
    if (result?.done) return;
  }
}

/** XEP-0077 over RFC 7395 framing, by hand: the client core does not register accounts. */
export function registerOverWebSocket(url: string, username: string, password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'xmpp');
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error('registration timed out'));
    }, 10_000);
    const frames: string[] = [];
    ws.onopen = () => ws.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>');
    ws.onerror = () => reject(new Error('websocket error'));
    ws.onmessage = ({ data }) => {
      frames.push(String(data));
      if (String(data).includes('features') && !frames.some((f) => f.includes('id="reg1"'))) {
        if (!String(data).includes('http://jabber.org/features/iq-register')) reject(new Error(`no registration offered: ${data}`));
        ws.send(
          `<iq xmlns="jabber:client" type="set" id="reg1" to="localhost"><query xmlns="jabber:iq:register"><username>${username}</username><password>${password}</password></query></iq>`,
        );
      } else if (String(data).includes('reg1')) {
        clearTimeout(timer);
        ws.close();
        resolve(String(data));
      }
    };
  });
}

/** A new account `name@localhost` with the password `accountOptions` uses; returns `name`. */
export async function freshAccount(prefix: string, port = SERVERS.prosody.httpPort): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  const reply = await registerOverWebSocket(serviceUrl('websocket', port), name, `pass-${name}`);
  if (!reply.includes('type="result"') && !reply.includes("type='result'")) throw new Error(`could not register ${name}: ${reply}`);
  return name;
}
