/**
 * Sign-in time and round trips per server × transport × way of signing in, each from connect() to a
 * usable session (connect() resolved, the 'online' event): SASL with the password (`sasl2: false`,
 * then resource binding and, over WebSocket, stream management), SASL2 with Bind 2 and the password, and a FAST token
 * alone (no password in the options; the token was asked for by one password sign-in first). Where a
 * server does not offer SASL2 with Bind 2, or FAST, over a transport, the row says so rather than
 * timing the fallback. Round trips are counted as round-trips.ts defines them.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, type ClientOptions, type FastToken, type FastTokenStore } from '../../src/index.ts';
import { TRANSPORTS, accountOptions, serviceUrl, type TransportName } from '../integration/servers.ts';
import { countRoundTrips } from './round-trips.ts';

const RUNS = 15;
const SERVERS = { prosody: 15280, ejabberd: 25280, prosody13: 35280, ejabberd24: 45280 };
const SIGN_INS = ['SASL, password', 'SASL2, password', 'FAST token'] as const;
type SignIn = (typeof SIGN_INS)[number];

interface Row {
  server: string;
  transport: TransportName;
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
  await client.disconnect();
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

async function measure(server: string, port: number, transport: TransportName, way: SignIn): Promise<Row> {
  const row: Row = { server, transport, signIn: way };
  const options = await prepare(way, serviceUrl(transport, port));
  if (typeof options === 'string') return { ...row, note: options };
  const runs = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const run = await signIn(options);
    if ((way === 'SASL, password') === Boolean(run.info.sasl2))
      throw new Error(`run ${i} signed in ${run.info.sasl2 ? 'with' : 'without'} SASL2`);
    if (way === 'FAST token' && run.info.mechanism !== 'HT-SHA-256-NONE') throw new Error(`run ${i} used ${run.info.mechanism}`);
    if (i > 0) runs.push(run); // the first run also loads the transport's and the mechanism's modules
  }
  const times = runs.map((r) => r.ms);
  const trips = runs.map((r) => r.roundTrips);
  const [fewest, most] = [Math.min(...trips), Math.max(...trips)];
  return {
    ...row,
    runs: RUNS,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    roundTrips: fewest === most ? fewest : `${fewest}–${most}`,
    sent: median(runs.map((r) => r.sent)),
    mechanism: runs[0].info.mechanism,
  };
}

it('measures sign-in times and round trips', async function () {
  this.timeout(900_000);
  const rows: Row[] = [];
  for (const [server, port] of Object.entries(SERVERS)) {
    for (const transport of TRANSPORTS) {
      for (const way of SIGN_INS) {
        const row = await measure(server, port, transport, way).catch((error: unknown) => ({
          server,
          transport,
          signIn: way,
          note: `failed: ${error instanceof Error ? error.message : String(error)}`,
        }));
        rows.push(row);
      }
    }
  }
  await executeServerCommand('bench-record', { section: 'login', rows });
  const failed = rows.filter((r) => r.note?.startsWith('failed'));
  if (failed.length) throw new Error(failed.map((r) => `${r.server} ${r.transport} ${r.signIn}: ${r.note}`).join('\n'));
});
