// The first open: from navigation start until the widget says it is connected
// (`xmpp-chat-connected`), for an agent in full mode signing in with a password, on a first visit
// (a fresh browser context: no HTTP or code cache), over WebSocket and BOSH to Prosody 0.12 on
// loopback. The page opens the panel as soon as the element is defined, as a click on the launcher
// would. Also noted per run: when the last script arrived, and when the connection (the WebSocket
// handshake, or the first BOSH request) began, from the page's own request. VERBOSE=1 prints each
// run's scripts with their start and end.
//
// Usage: node scripts/first-open-bench.js [runs]   (needs a build in dist/ and the test servers;
// adds `firstOpen` to test/artifacts/bench.json)
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

const RUNS = Number(process.argv[2] ?? 7);
const REPORT = 'test/artifacts/bench.json';
const ROOT = process.cwd();
const PORT = 15280;
const SERVICES = { WebSocket: `ws://127.0.0.1:${PORT}/xmpp-websocket`, BOSH: `http://127.0.0.1:${PORT}/http-bind` };
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

const page = (service, jid, password) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first open</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<xmpp-chat mode="full" service="${service}" jid="${jid}" password="${password}"></xmpp-chat>
<script>
  addEventListener('xmpp-chat-connected', () => { window.__connectedAt = performance.now(); });
  customElements.whenDefined('xmpp-chat').then(() => document.querySelector('xmpp-chat').open());
</script>
<script type="module" src="/dist/xmpp-chat.js"></script></body></html>`;

/** Serves the page (its service and account in the query) and the build, without caching. */
function serve() {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    const path = normalize(url.pathname);
    const q = url.searchParams;
    const body =
      path === '/open.html'
        ? page(q.get('service'), q.get('jid'), q.get('password'))
        : path.startsWith('/dist/')
          ? await readFile(join(ROOT, path)).catch(() => undefined)
          : undefined;
    if (body === undefined) return response.writeHead(404).end();
    response.writeHead(200, {
      'content-type': `${TYPES[extname(path)] ?? 'application/octet-stream'}; charset=utf-8`,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Registers an account in the page (in-band registration over WebSocket). */
function register(url, username, password) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'xmpp');
    ws.onopen = () => ws.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>');
    ws.onerror = () => reject(new Error('websocket error'));
    ws.onmessage = ({ data }) => {
      if (String(data).includes('<stream:features') || String(data).includes('features')) {
        if (!String(data).includes('reg1'))
          ws.send(
            `<iq xmlns="jabber:client" type="set" id="reg1" to="localhost"><query xmlns="jabber:iq:register"><username>${username}</username><password>${password}</password></query></iq>`,
          );
      }
      if (String(data).includes('reg1')) {
        ws.close();
        resolve(String(data));
      }
    };
  });
}

async function visit(browser, origin, service, account) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.enable');
    // CDP timestamps (s, monotonic): the page's own request, and the connection's first.
    let documentAt;
    let connectionAt;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.type === 'Document') documentAt ??= e.timestamp;
      else if (e.request.url.includes('/http-bind')) connectionAt ??= e.timestamp;
    });
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
      connectionAt ??= e.timestamp;
    });
    const query = new URLSearchParams({ service, jid: account.jid, password: account.password });
    await tab.goto(`${origin}/open.html?${query}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.__connectedAt !== undefined, { timeout: 30_000 });
    return await tab
      .evaluate(() => {
        const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
        return {
          connectedMs: window.__connectedAt,
          scripts: scripts.length,
          lastScriptMs: Math.max(...scripts.map((r) => r.responseEnd)),
          chain: scripts.map((r) => `${r.name.split('/').pop()}@${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`).join(' '),
        };
      })
      .then((r) => ({ ...r, connectionMs: (connectionAt - documentAt) * 1000 }));
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].filter((v) => v !== undefined).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms) => Math.round(ms);

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS, headless: true });
const rows = [];
try {
  const setup = await browser.newPage();
  await setup.goto(`${origin}/dist/xmpp-chat.js`);
  const name = `first-open-${Math.random().toString(36).slice(2, 8)}`;
  const account = { jid: `${name}@localhost`, password: `pass-${name}` };
  await setup.evaluate(register, SERVICES.WebSocket, name, account.password);
  await setup.close();
  for (const [transport, service] of Object.entries(SERVICES)) {
    await visit(browser, origin, service, account); // warms the browser itself
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, origin, service, account));
    if (process.env.VERBOSE) for (const r of runs) console.log(transport, round(r.connectedMs), r.chain);
    rows.push({
      transport,
      runs: RUNS,
      connectedMs: round(median(runs.map((r) => r.connectedMs))),
      lastScriptMs: round(median(runs.map((r) => r.lastScriptMs))),
      connectionStartMs: round(median(runs.map((r) => r.connectionMs))),
      scripts: median(runs.map((r) => r.scripts)),
    });
  }
} finally {
  await browser.close();
  server.close();
}

await mkdir('test/artifacts', { recursive: true });
const report = JSON.parse(await readFile(REPORT, 'utf8').catch(() => '{}'));
report.firstOpen = rows;
await writeFile(REPORT, JSON.stringify(report, null, 2));
console.table(rows);
