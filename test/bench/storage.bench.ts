/**
 * Chat-history storage: opening the newest page of a 10,000-message conversation against a
 * 10-message one (median of 20 opens, each by a fresh store, so nothing is cached), and storing
 * a burst of 1,000 incoming messages.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createIdbBackend, createMessageStore, type StoredMessage } from '../../src/storage/index.ts';

const RUNS = 20;
const LONG = 'long@example.org';
const SHORT = 'short@example.org';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms: number) => Math.round(ms * 100) / 100;

const incoming = (peer: string, n: number): StoredMessage => ({
  key: `${peer}-${n}`,
  peer,
  direction: 'in',
  body: `Message number ${n}, about as long as a chat line is.`,
  time: 1_700_000_000_000 + n * 1000,
  state: 'read',
  ids: [`${peer}-${n}`, `stanza-${peer}-${n}`],
});

/** Opens the newest page by a fresh store each time: nothing is cached between opens. */
async function openTime(account: string, peer: string, expected: number): Promise<number> {
  const store = createMessageStore(account);
  const start = performance.now();
  const page = await store.newestPage(peer, 50);
  const elapsed = performance.now() - start;
  store.close();
  if (page.messages.length !== expected) throw new Error(`expected ${expected} messages, got ${page.messages.length}`);
  return elapsed;
}

it('measures chat-history storage', async function () {
  this.timeout(600_000);
  const account = `bench-${crypto.randomUUID()}@example.org`;
  const writer = createMessageStore(account);
  for (let i = 0; i < 10; i++) await writer.add(Array.from({ length: 1000 }, (_, j) => incoming(LONG, i * 1000 + j)));
  await writer.add(Array.from({ length: 10 }, (_, j) => incoming(SHORT, j)));

  // Alternating, so that neither conversation is favoured by warm-up or garbage collection.
  const long: number[] = [];
  const short: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const [l, s] = [await openTime(account, LONG, 50), await openTime(account, SHORT, 10)];
    if (i > 0) (long.push(l), short.push(s)); // the first run also warms the code paths
  }

  const burstStore = createMessageStore(`bench-${crypto.randomUUID()}@example.org`);
  const start = performance.now();
  await Promise.all(Array.from({ length: 1000 }, (_, n) => burstStore.add([incoming('burst@example.org', n)])));
  const burstMs = performance.now() - start;
  const burstTransactions = burstStore.stats.transactions;
  const stored = (await burstStore.conversations())[0]?.count;
  if (stored !== 1000) throw new Error(`the burst stored ${stored} messages`);

  // The floor under any design with a record per id: reading and writing as many records
  // (two ids per message) in one transaction, with nothing else to do.
  const floorAccount = `bench-${crypto.randomUUID()}`;
  const floorKeys = Array.from({ length: 2000 }, (_, n) => [floorAccount, 'id', `stanza-${n}`, 'burst@example.org']);
  const backend = createIdbBackend();
  const floorStart = performance.now();
  await backend.transaction('readwrite', async (tx) => {
    await Promise.all(floorKeys.map((key) => tx.get(key)));
    for (const key of floorKeys) tx.put(key, { key: 'k', time: 0 });
  });
  const floorMs = performance.now() - floorStart;
  await backend.transaction('readwrite', async (tx) => tx.deletePrefix([floorAccount]));

  const opened = (what: string, times: number[]) => ({
    what,
    unit: 'ms',
    value: round(median(times)),
    runs: RUNS,
    minValue: round(Math.min(...times)),
    maxValue: round(Math.max(...times)),
  });
  const rows = [
    opened('open newest 50 of 10,000 messages (median)', long),
    opened('open newest 50 of 10 messages (median)', short),
    { what: 'store 1,000 incoming messages in one tick', unit: 'ms', value: Math.round(burstMs) },
    { what: 'store 1,000 incoming messages in one tick', unit: 'transactions', value: burstTransactions },
    { what: 'floor: get + put 2,000 id records in one transaction', unit: 'ms', value: Math.round(floorMs) },
    // Budgets, as data: the largest value each measure may take.
    { what: 'budget: open newest 50 of 10,000 messages (median)', unit: 'ms', value: round(median(long)), max: 10 },
    { what: 'budget: open 10,000 / open 10 messages (medians)', unit: 'ratio', value: round(median(long) / median(short)), max: 2 },
    { what: 'budget: store 1,000 incoming messages / floor', unit: 'ratio', value: round(burstMs / floorMs), max: 2 },
    { what: 'budget: store 1,000 incoming messages in one tick', unit: 'transactions', value: burstTransactions, max: 3 },
  ];
  await executeServerCommand('bench-record', { section: 'storage', rows });
  await Promise.all([writer.clear(), burstStore.clear()]);
  writer.close();
  burstStore.close();
});
