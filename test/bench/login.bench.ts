/**
 * Sign-in time and round trips per server × transport × way of signing in, each from connect() to a
 * usable session (connect() resolved, the 'online' event): SASL with the password (`sasl2: false`,
 * then resource binding and, over WebSocket, stream management), SASL2 with Bind 2 and the password, and a FAST token
 * alone (no password in the options; the token was asked for by one password sign-in first). Where a
 * server does not offer SASL2 with Bind 2, or FAST, over a transport, the row says so rather than
 * timing the fallback. Round trips are counted as round-trips.ts defines them. Each is measured over
 * loopback, and again through the test proxy delaying every chunk 25 ms each way, as a distant server
 * would: on loopback a round trip costs next to nothing, and the time goes to SCRAM and the servers.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, type ClientOptions, type FastToken, type FastTokenStore } from '../../src/index.ts';
import { TRANSPORTS, accountOptions, proxy, serviceUrl, type TransportName } from '../integration/servers.ts';
import { countRoundTrips } from './round-trips.ts';

const RUNS = 15;
/** Through the delaying proxy the link's delay dominates, so fewer runs tell as much. */
const DISTANT_RUNS = 10;
const SERVERS = { prosody: 15280, ejabberd: 25280, prosody13: 35280, ejabberd24: 45280 };
const SIGN_INS = ['SASL, password', 'SASL2, password', 'FAST token'] as const;
type SignIn = (typeof SIGN_INS)[number];
/** One-way delay of the distant link, in ms. */
const DELAY_MS = 25;
const LINKS = ['loopback', `${DELAY_MS} ms each way`] as const;

interface Row {
  server: string;
  transport: TransportName;
  link: (typeof LINKS)[number];
  signIn: SignIn;
  runs?: number;
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  /** One number when every run took the same, else "fewest–most". */
  roundTrips?: number | string;
  /** WebSocket frames or HTTP requests (empty polls included), median. */
  sent?: number;
  mechanism?: string;
  /** Why nothing was measured: 'not offered', or the error. */
  note?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function memoryStore(): FastTokenStore & { token?: FastToken } {
  const store: FastTokenStore & { token?: FastToken } = {
    agentId: crypto.randomUUID(),
    load: () => Promise.resolve(store.token),
    save: (token) => Promise.resolve(void (store.token = token)),
  };
  return store;
}

/** The delaying proxy's port while sign-ins go through it. */
let distantPort: number | undefined;

async function signIn(options: ClientOptions) {
  const client = createClient(options);
  const traffic = countRoundTrips();
  const start = performance.now();
  const outcome = await client.connect().then(
    (info) => ({ info }),
    (error: unknown) => ({ error }),
  );
  const ms = performance.now() - start;
  const counted = traffic.stop();
  // Ended without the delay: through it, ending a WebSocket session waited out the client's timeout (10 s).
  if (distantPort) await proxy.delay(distantPort, 0);
  await client.disconnect();
  if (distantPort) await proxy.delay(distantPort, DELAY_MS);
  if ('error' in outcome) throw outcome.error;
  return { ms, info: outcome.info, ...counted };
}

/** The options of each run, or why the server offers no such sign-in. */
async function prepare(way: SignIn, service: string): Promise<ClientOptions | string> {
  if (way === 'SASL, password') return accountOptions('carol', service, { sasl2: false });
  if (way === 'SASL2, password') {
    const options = accountOptions('carol', service);
    return (await signIn(options)).info.sasl2 ? options : 'not offered';
  }
  const store = memoryStore();
  const first = await signIn(accountOptions('dave', service, { fast: store }));
  if (!first.info.sasl2 || !store.token) return 'not offered';
  const { password: _, ...tokenOnly } = accountOptions('dave', service, { fast: store });
  return tokenOnly;
}

type Run = Awaited<ReturnType<typeof signIn>>;
const failure = (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`;

function check(way: SignIn, run: Run): void {
  if ((way === 'SASL, password') === Boolean(run.info.sasl2)) throw new Error(`signed in ${run.info.sasl2 ? 'with' : 'without'} SASL2`);
  if (way === 'FAST token' && run.info.mechanism !== 'HT-SHA-256-NONE') throw new Error(`signed in with ${run.info.mechanism}`);
}

function summary(row: Row, runs: Run[]): Row {
  const times = runs.map((r) => r.ms);
  const trips = runs.map((r) => r.roundTrips);
  const [fewest, most] = [Math.min(...trips), Math.max(...trips)];
  return {
    ...row,
    runs: runs.length,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    roundTrips: fewest === most ? fewest : `${fewest}–${most}`,
    sent: median(runs.map((r) => r.sent)),
    mechanism: runs[0].info.mechanism,
  };
}

/** The three ways on one server and transport, taken in turn so that a busy moment of the machine falls on each alike. */
async function measure(server: string, link: Row['link'], port: number, transport: TransportName): Promise<Row[]> {
  const service = serviceUrl(transport, port);
  const ways = [];
  for (const way of SIGN_INS) {
    const options = await prepare(way, service).catch(failure);
    ways.push({
      row: { server, transport, link, signIn: way } as Row,
      options,
      runs: [] as Run[],
      note: typeof options === 'string' ? options : undefined,
    });
  }
  const runs = link === 'loopback' ? RUNS : DISTANT_RUNS;
  for (let i = 0; i < runs + 1; i++) {
    for (const way of ways) {
      if (way.note || typeof way.options === 'string') continue;
      try {
        const run = await signIn(way.options);
        check(way.row.signIn, run);
        if (i > 0) way.runs.push(run); // the first run also loads the transport's and the mechanism's modules
      } catch (error) {
        way.note = failure(error);
      }
    }
  }
  return ways.map((way) => (way.note ? { ...way.row, note: way.note } : summary(way.row, way.runs)));
}

it('measures sign-in times and round trips', async function () {
  this.timeout(900_000);
  const rows: Row[] = [];
  for (const [server, port] of Object.entries(SERVERS)) {
    for (const transport of TRANSPORTS) rows.push(...(await measure(server, 'loopback', port, transport)));
    const distant = await proxy.start(port);
    try {
      await proxy.delay(distant, DELAY_MS);
      distantPort = distant;
      for (const transport of TRANSPORTS) rows.push(...(await measure(server, LINKS[1], distant, transport)));
    } finally {
      distantPort = undefined;
      await proxy.stop(distant);
    }
    await executeServerCommand('bench-record', { section: 'login', rows }); // kept should a later server stall the run
  }
  const failed = rows.filter((r) => r.note?.startsWith('failed'));
  if (failed.length) throw new Error(failed.map((r) => `${r.server} ${r.transport} ${r.link} ${r.signIn}: ${r.note}`).join('\n'));
});
