// Lighthouse on the demo shop with and without the widget: what the one script tag costs a site's
// page. Both pages are the same file (demo/shop.html) served the same way from loopback, one with
// the widget's <script> tag taken out; the widget's service is a closed port (nothing connects
// before the launcher is used, so a server is not needed). Lighthouse 12.2.3 (the last to run on
// Node 20), fetched by npx on first use, drives Debian's Chromium with the mobile preset, twice:
// with its default simulated throttling, and with applied throttling (`devtools`: 4× CPU slowdown
// and a slow network really applied, so long tasks are real). Printed: the median of each figure
// over the runs, with and without, and the difference, and the machine's load average before and
// after (a busy machine lengthens both pages' tasks; scripts/bench-report.js holds the widget's
// added blocking time and layout shift to a budget).
//
// Usage: node scripts/lighthouse-bench.js [runs]   (needs a build in dist/; adds `lighthouse` to
// test/artifacts/bench.json)
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { serveShop, shopPages } from './bench-shop.js';
import { promisify } from 'node:util';
import { median } from './bench-browser.js';

const RUNS = Number(process.argv[2] ?? 3);
const REPORT = 'test/artifacts/bench.json';
const ROOT = process.cwd();
const LIGHTHOUSE = 'lighthouse@12.2.3';
const FIGURES = {
  fcpMs: 'first-contentful-paint',
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  speedIndexMs: 'speed-index',
};

const PAGES = await shopPages(ROOT);

/** One Lighthouse run: the figures above, and the long tasks it saw (ms). */
async function lighthouse(url, method) {
  const { stdout } = await promisify(execFile)(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance',
      `--throttling-method=${method}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout);
  const figures = Object.fromEntries(Object.entries(FIGURES).map(([key, id]) => [key, report.audits[id].numericValue]));
  const tasks = report.audits['long-tasks']?.details?.items ?? [];
  return { ...figures, longTasksMs: tasks.map((t) => Math.round(t.duration)) };
}

const round = (value, places = 0) => Math.round(value * 10 ** places) / 10 ** places;

const load = () => loadavg().map((value) => round(value, 2));
const loadBefore = load();
const server = await serveShop(ROOT, PAGES);
const origin = `http://127.0.0.1:${server.address().port}`;
const rows = [];
try {
  for (const method of ['simulate', 'devtools']) {
    const runs = { plain: [], widget: [] };
    for (let i = 0; i < RUNS; i++)
      for (const name of ['plain', 'widget']) runs[name].push(await lighthouse(`${origin}/${name}.html`, method));
    for (const key of Object.keys(FIGURES)) {
      const places = key === 'cls' ? 3 : 0;
      const plain = median(runs.plain.map((r) => r[key]));
      const widget = median(runs.widget.map((r) => r[key]));
      rows.push({
        throttling: method,
        figure: key,
        plain: round(plain, places),
        widget: round(widget, places),
        added: round(widget - plain, places),
      });
    }
    rows.push({
      throttling: method,
      figure: 'widget long tasks (ms, per run)',
      plain: '',
      widget: runs.widget.map((r) => r.longTasksMs.join('+') || '0').join(' '),
      added: '',
    });
  }
} finally {
  server.close();
}

const loadAverage = { before: loadBefore, after: load() };
console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, mobile preset, demo shop with and without the widget, median of ${RUNS}:`);
console.table(rows);
console.log(`Load average (1, 5, 15 min) before: ${loadAverage.before.join(', ')}; after: ${loadAverage.after.join(', ')}`);
await mkdir('test/artifacts', { recursive: true });
const report = JSON.parse(await readFile(REPORT, 'utf8').catch(() => '{}'));
await writeFile(REPORT, JSON.stringify({ ...report, lighthouse: { runs: RUNS, loadAverage, rows } }, null, 2));
