/**
 * A desk under load: N anonymous visitors (slixmpp, test/runner/desk-load.py) on Prosody each
 * write M messages at a steady rate to one agent, whose widget is in full mode over WebSocket.
 *
 * - stored once: every message the visitors sent is in the agent's message store exactly once
 *   (counted by the visitor's message id, after the run);
 * - latency: from the visitor's send (its clock, just before the stanza is written) to the end of
 *   the first update of the agent's inbox element that renders that message's conversation with
 *   that message, or a later one of the same visitor, as its latest (the row's preview);
 * - longest task: the longest task of the page (PerformanceObserver, 'longtask') during the run;
 * - heap: the page's used JS heap after the run (performance.memory).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createMessageStore } from '../../src/storage/index.ts';
import { SERVERS, freshAccount, serviceUrl } from '../integration/servers.ts';
import { closePages, deep, page, waitFor } from '../e2e/pages.ts';

interface Sent {
  id: string;
  from: string;
  body: string;
  at: number;
}
interface LoadResult {
  done: boolean;
  sent?: Sent[];
  failed?: string[];
  error?: string;
}
interface InboxLike extends HTMLElement {
  rows: { peer: string; preview: string }[];
}

/**
 * N visitors, M messages each, the interval between one visitor's messages, the spread of their
 * sign-ins. `npm run bench` makes the runs of 100 and 500; DESK_LOAD_VISITORS (e.g. `1000` or
 * `100,500,1000`) chooses others, DESK_LOAD_PROFILE=1 saves a CPU profile of each run's page in
 * test/artifacts/profiles/, and DESK_LOAD_TRACE=1 a performance trace there.
 */
const RUNS = [
  { visitors: 100, messages: 5, intervalMs: 2000, rampMs: 5000 },
  { visitors: 500, messages: 4, intervalMs: 2000, rampMs: 10_000 },
  { visitors: 1000, messages: 3, intervalMs: 2000, rampMs: 20_000 },
];
const DEFAULT_VISITORS = [100, 500];
const LONG_TASK_MAX_MS = 50;
const P99_MAX_MS = 1000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/**
 * Watches the inbox's renders; records when each visitor's n-th message is first rendered as its
 * conversation's latest (or a later one of the same visitor is: the earlier one was then shown).
 */
function watchInbox(inbox: InboxLike): { shown: Map<string, number>; stop: () => void } {
  const shown = new Map<string, number>();
  const latest = new Map<string, number>();
  // The inbox keeps the row objects of conversations that did not change: each is read once, so
  // that the watch adds little to the page's tasks it measures.
  const read = new WeakSet<object>();
  const element = inbox as unknown as { updated: (changed: unknown) => void };
  const updated = element.updated;
  element.updated = function (this: InboxLike, changed: unknown) {
    updated.call(this, changed);
    const now = performance.timeOrigin + performance.now();
    for (const row of this.rows) {
      if (read.has(row)) continue;
      read.add(row);
      const match = /^load (\d+)-(\d+)$/.exec(row.preview);
      if (!match || (latest.get(match[1]) ?? -1) >= Number(match[2])) continue;
      for (let k = (latest.get(match[1]) ?? -1) + 1; k <= Number(match[2]); k++) shown.set(`load ${match[1]}-${k}`, now);
      latest.set(match[1], Number(match[2]));
    }
  };
  return { shown, stop: () => void (element.updated = updated) };
}

async function load(to: string, run: (typeof RUNS)[number]): Promise<LoadResult> {
  await executeServerCommand('desk-load-start', { server: 'prosody', to, ...run });
  for (;;) {
    const result = await executeServerCommand<LoadResult, object>('desk-load-wait', { to });
    if (result?.done) return result;
  }
}

/** Every message in the store, by id: how many times each id is there. */
async function storedIds(account: string): Promise<Map<string, number>> {
  const store = createMessageStore(account);
  const counts = new Map<string, number>();
  for (const { peer } of await store.conversations()) {
    const page = await store.newestPage(peer, 1000);
    for (const message of page.messages) for (const id of new Set(message.ids)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  store.close();
  return counts;
}

describe('a desk under load', function () {
  this.timeout(600_000);
  const rows: Record<string, unknown>[] = [];
  let config = { visitors: DEFAULT_VISITORS, profile: false, trace: false };
  before(async () => {
    const chosen = await executeServerCommand<{ visitors?: number[]; profile: boolean; trace: boolean }, object>('desk-load-config', {});
    config = { visitors: chosen?.visitors ?? DEFAULT_VISITORS, profile: !!chosen?.profile, trace: !!chosen?.trace };
  });
  after(() => executeServerCommand('bench-record', { section: 'deskLoad', rows }));
  afterEach(() => closePages());

  for (const run of RUNS) {
    it(`${run.visitors} visitors × ${run.messages} messages`, async function () {
      if (!config.visitors.includes(run.visitors)) this.skip();
      const agent = await freshAccount('load', SERVERS.prosody.httpPort);
      const jid = `${agent}@localhost`;
      const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
      const frame = await page(
        `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${jid}" password="pass-${agent}"></xmpp-chat></main>
        <script type="module" src="/dist/xmpp-chat.js"></script>`,
        { width: 1200 },
      );
      const doc = frame.contentDocument!;
      const inbox = await waitFor(() => deep<InboxLike>(doc, 'xmpp-chat-desk-inbox'), 'the inbox', 30_000);
      await new Promise((r) => setTimeout(r, 1000)); // past the sign-in's own work

      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const watch = watchInbox(inbox);
      const longs: string[] = [];
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => longs.push(`${Math.round(e.startTime)}:${Math.round(e.duration)}`)),
      ).observe({ type: 'longtask' });
      if (config.profile) await executeServerCommand('cpu-profile', { action: 'start' });
      if (config.trace) await executeServerCommand('trace', { action: 'start', name: `desk-load-${run.visitors}` });
      const result = await load(jid, run);
      if (!result.sent) throw new Error(`the load did not run: ${result.error}`);
      const sent = result.sent;
      await waitFor(() => watch.shown.size >= sent.length, 'every message in the inbox', 30_000).catch(() => undefined);
      watch.stop();
      if (config.profile) await executeServerCommand('cpu-profile', { action: 'stop', name: `desk-load-${run.visitors}` });
      if (config.trace) while (!(await executeServerCommand('trace', { action: 'stop' })));
      console.log(longs.join(' '));
      observer.disconnect();
      const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;

      const latencies = sent.filter((m) => watch.shown.has(m.body)).map((m) => watch.shown.get(m.body)! - m.at);
      const counts = await storedIds(jid);
      const once = sent.filter((m) => counts.get(m.id) === 1).length;
      const twice = sent.filter((m) => (counts.get(m.id) ?? 0) > 1).length;
      rows.push({
        visitors: run.visitors,
        messages: sent.length,
        'stored once': once,
        'stored twice or more': twice,
        'shown in inbox': latencies.length,
        'p50 ms': Math.round(percentile(latencies, 50)),
        'p99 ms': Math.round(percentile(latencies, 99)),
        'longest task ms': Math.round(longest),
        'heap MB': Math.round(heap / 1e5) / 10,
        'load failures': result.failed?.length ?? 0,
      });
      console.log(JSON.stringify(rows.at(-1)), result.failed?.slice(0, 3));
      if (once !== sent.length) throw new Error(`${sent.length - once} of ${sent.length} messages were not stored exactly once`);
    });
  }

  it('within the goals', () => {
    const over = rows.filter((r) => (r['longest task ms'] as number) > LONG_TASK_MAX_MS || (r['p99 ms'] as number) > P99_MAX_MS);
    if (over.length) throw new Error(`over the goals (longest task ${LONG_TASK_MAX_MS} ms, p99 ${P99_MAX_MS} ms): ${JSON.stringify(over)}`);
  });
});
