// The main thread's tasks while the demo shop loads, with and without the widget, by CPU time: a
// figure a busy machine changes little (its wall-clock times, and Lighthouse's, stretch with the
// load). Each visit is a fresh browser context, unthrottled, recorded with the DevTools trace; a
// task is a top-level `RunTask` of the page's main thread, its CPU time the trace's `tdur`. A task
// that runs the widget's code (a script of /dist/, or its module) is the widget's; the rest are
// the page's own (its parsing, style, layout and paint). 4 × CPU time estimates the task under
// Lighthouse's 4× CPU throttling on an idle machine of this speed; over 50 ms it would be a long task.
//
// Printed: per visit, the widget's tasks (start ms · CPU ms, of which script · what ran); then the median over the
// visits of the widget's longest task, of its tasks' CPU in all, and of the page's own longest task.
//
// Usage: node scripts/start-up-tasks.js [runs]   (needs a build in dist/; VERBOSE=1 lists every task;
// adds `startUpTasks` to test/artifacts/bench.json, where scripts/bench-report.js holds the widget's
// longest task to 50 ms at 4×)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { serveShop, shopPages } from './bench-shop.js';
import { launchChromium, median } from './bench-browser.js';

const RUNS = Number(process.argv[2] ?? 5);
const ROOT = process.cwd();
const REPORT = 'test/artifacts/bench.json';
const SCRIPT = /^(v8\.evaluateModule|v8\.compileModule|FunctionCall|RunMicrotasks|EvaluateScript)$/;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'loading'];

const PAGES = await shopPages(ROOT);

/** The page's top-level main-thread tasks from a trace: start and CPU ms, and whether the widget's code ran. */
function tasks(events, page) {
  const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url).endsWith(page));
  const { pid, tid } = parse;
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === pid)?.ts ?? parse.ts;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= parse.ts).sort((a, b) => a.ts - b.ts);
  const runs = main.filter((e) => e.name === 'RunTask');
  const top = runs.filter((t) => !runs.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur));
  return top.map((task) => {
    const inner = main.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const ran = new Set();
    for (const e of inner) {
      const url = String(e.args?.data?.url ?? '');
      if (url.includes('/dist/')) ran.add(url.split('/').pop());
      else if (/evaluateModule|compileModule/.test(e.name)) ran.add('module');
    }
    // Of its CPU time, how much ran script (the outermost script events, each counted once).
    const script = inner.filter((e) => SCRIPT.test(e.name));
    const outer = script.filter((e) => !script.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur));
    const scriptMs = outer.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    return { atMs: Math.round((task.ts - start) / 1000), cpuMs: (task.tdur ?? 0) / 1000, scriptMs, ran: [...ran] };
  });
}

async function visit(browser, origin, page) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.tracing.start({ categories: CATEGORIES });
    await tab.goto(origin + page, { waitUntil: 'load' });
    await tab.waitForFunction(() => !document.querySelector('xmpp-chat') || customElements.get('xmpp-chat'), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // its first render and paint
    const events = JSON.parse(new TextDecoder().decode(await tab.tracing.stop())).traceEvents;
    return tasks(events, page);
  } finally {
    await context.close();
  }
}

const ms = (value) => value.toFixed(1);

const server = await serveShop(ROOT, PAGES, { 'cache-control': 'no-store' });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const visits = { widget: [], plain: [] };
try {
  await visit(browser, origin, '/plain.html'); // warms the browser itself
  for (let i = 0; i < RUNS; i++)
    for (const name of i % 2 ? ['widget', 'plain'] : ['plain', 'widget']) visits[name].push(await visit(browser, origin, `/${name}.html`));
} finally {
  await browser.close();
  server.close();
}

const widgetTasks = (list) => list.filter((t) => t.ran.length > 0);
const ownTasks = (list) => list.filter((t) => t.ran.length === 0);
for (const [i, list] of visits.widget.entries()) {
  const shown = process.env.VERBOSE ? list.filter((t) => t.cpuMs >= 1) : widgetTasks(list);
  console.log(
    `visit ${i + 1}: ${shown.map((t) => `${t.atMs} ms · ${ms(t.cpuMs)} ms${t.ran.length ? ` (script ${ms(t.scriptMs)} ms: ${t.ran.join(', ')})` : ''}`).join('; ')}`,
  );
}
const longest = (list) => Math.max(0, ...list.map((t) => t.cpuMs));
const rows = [
  { figure: "the widget's longest task, CPU ms", median: median(visits.widget.map((l) => longest(widgetTasks(l)))) },
  {
    figure: "the widget's tasks in all, CPU ms",
    median: median(visits.widget.map((l) => widgetTasks(l).reduce((s, t) => s + t.cpuMs, 0))),
  },
  { figure: "with the widget: the page's own longest task, CPU ms", median: median(visits.widget.map((l) => longest(ownTasks(l)))) },
  { figure: "without: the page's longest task, CPU ms", median: median(visits.plain.map((l) => longest(l))) },
].map((row) => ({ ...row, median: Math.round(row.median * 10) / 10 }));
console.table(rows);
await mkdir('test/artifacts', { recursive: true });
const report = JSON.parse(await readFile(REPORT, 'utf8').catch(() => '{}'));
await writeFile(REPORT, JSON.stringify({ ...report, startUpTasks: { runs: RUNS, rows } }, null, 2));
