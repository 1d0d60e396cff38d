// The launcher against the floor: how long after a trivial custom element that draws a <button>
// (the floor) our one-tag widget's launcher is painted, on the same blank page served the same way
// from loopback, in Debian's Chromium, with and without 4× CPU throttling. Each run is a fresh
// browser context (a first visit: no HTTP or code cache), floor and widget alternating.
//
// The time of a page: from navigation start to the first paint of its content
// (`first-contentful-paint`); the page has nothing but the element, so that paint is the button.
// Printed: the median over the runs of each, and ours − floor. Also recorded: when the button first exists in the element's shadow root (a check in every
// animation frame), and the long tasks (≥ 50 ms) until then.
//
// Usage: node scripts/launcher-bench.js [runs]   (needs a build in dist/; adds `launcher` to
// test/artifacts/bench.json)
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launchChromium, median } from './bench-browser.js';

const RUNS = Number(process.argv[2] ?? 7);
const REPORT = 'test/artifacts/bench.json';
const ROOT = process.cwd();
const ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28"><path d="M4 5h16v11H10l-5 4z" fill="currentColor"/></svg>';

/** The floor: a custom element that draws a round button in its shadow root, and nothing else. */
const FLOOR_JS = `customElements.define('floor-button', class extends HTMLElement {
  connectedCallback() {
    this.attachShadow({ mode: 'open' }).innerHTML = '<style>button{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#2563eb;color:#fff}</style><button aria-label="Open chat">${ICON}</button>';
  }
});
document.body.append(document.createElement('floor-button'));`;

const page = (script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>${script}</body></html>`;
const PAGES = {
  '/floor.html': page('<script type="module" src="/floor.js"></script>'),
  '/widget.html': page(
    '<script type="module" src="/dist/xmpp-chat.js" data-service="ws://127.0.0.1:9/xmpp-websocket" data-to="support@localhost"></script>',
  ),
  '/floor.js': FLOOR_JS,
};
const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

/** Serves the pages above and the build, without caching. */
function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname);
    const body = PAGES[path] ?? (path.startsWith('/dist/') ? await readFile(join(ROOT, path)).catch(() => undefined) : undefined);
    if (body === undefined) return response.writeHead(404).end();
    response.writeHead(200, {
      'content-type': `${TYPES[extname(path)] ?? 'application/octet-stream'}; charset=utf-8`,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page before its scripts: notes when the button exists, and the long tasks. */
function observe() {
  const found = () => {
    for (const host of document.querySelectorAll('floor-button, xmpp-chat')) if (host.shadowRoot?.querySelector('button')) return true;
    return false;
  };
  window.__bench = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
  const frame = (now) => (found() ? (window.__bench.buttonAt = now) : requestAnimationFrame(frame));
  requestAnimationFrame(frame);
}

/** One first visit of `path`: its figures in ms from navigation start. */
async function visit(browser, origin, path, throttle) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await tab.evaluateOnNewDocument(observe);
    await tab.goto(origin + path, { waitUntil: 'load' });
    await tab.waitForFunction(
      () => window.__bench.buttonAt !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0,
      { timeout: 30_000 },
    );
    const figures = await tab.evaluate(() => ({
      paintMs: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      buttonMs: window.__bench.buttonAt,
      longTasks: window.__bench.longTasks,
      scripts: performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).length,
    }));
    return figures;
  } finally {
    await context.close();
  }
}

const round = (ms) => Math.round(ms * 10) / 10;

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const rows = [];
try {
  for (const throttle of [1, 4]) {
    await visit(browser, origin, '/floor.html', throttle); // warms the browser itself, not the pages
    await visit(browser, origin, '/widget.html', throttle);
    const runs = { floor: [], widget: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const name of i % 2 ? ['widget', 'floor'] : ['floor', 'widget'])
        runs[name].push(await visit(browser, origin, `/${name}.html`, throttle));
    }
    const at = (name, key) => median(runs[name].map((r) => r[key]));
    const paint = { floor: at('floor', 'paintMs'), widget: at('widget', 'paintMs') };
    rows.push({
      cpu: throttle === 1 ? 'unthrottled' : `${throttle}× throttled`,
      runs: RUNS,
      floorPaintMs: round(paint.floor),
      widgetPaintMs: round(paint.widget),
      aboveFloorMs: round(paint.widget - paint.floor),
      // The same from each pair of visits one after the other, less swayed by the machine's load.
      pairedAboveFloorMs: round(median(runs.widget.map((r, i) => r.paintMs - runs.floor[i].paintMs))),
      floorButtonMs: round(at('floor', 'buttonMs')),
      widgetButtonMs: round(at('widget', 'buttonMs')),
      widgetScripts: at('widget', 'scripts'),
      widgetLongTasksMs: runs.widget.map((r) => r.longTasks.join('+') || '0').join(' '),
    });
  }
} finally {
  await browser.close();
  server.close();
}

await mkdir('test/artifacts', { recursive: true });
const report = JSON.parse(await readFile(REPORT, 'utf8').catch(() => '{}'));
report.launcher = rows;
await writeFile(REPORT, JSON.stringify(report, null, 2));
console.table(rows);
