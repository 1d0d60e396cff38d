// The first open: from navigation start until the widget says it is connected
// (`xmpp-chat-connected`), for an agent in full mode signing in with a password, on a first visit
// (a fresh browser context: no HTTP or code cache, nothing stored), over WebSocket and BOSH to
// Prosody 0.12 on loopback. The page opens the panel as soon as the element is defined, as a click
// on the launcher would. Also noted per run: when the last script arrived, and when the connection
// (the WebSocket handshake, or the first BOSH request) began, from the page's own request.
// VERBOSE=1 prints each run's scripts with their start and end.
//
// Then the same over WebSocket for an account with 2,000 contacts (roster items made by the bench,
// no subscriptions), also until its first rows are on screen: from navigation start until a row of
// the contact list (`[part~="contact"]`, in the shadow roots) shows a contact's name, looked for in
// every animation frame by the page itself.
//
// Usage: node scripts/first-open-bench.js [runs]   (needs a build in dist/ and the test servers;
// adds `firstOpen` to test/artifacts/bench.json)
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launchChromium, median } from './bench-browser.js';

const RUNS = Number(process.argv[2] ?? 7);
const REPORT = 'test/artifacts/bench.json';
const ROOT = process.cwd();
const PORT = 15280;
const SERVICES = { WebSocket: `ws://127.0.0.1:${PORT}/xmpp-websocket`, BOSH: `http://127.0.0.1:${PORT}/http-bind` };
const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

const page = (service, jid, password, rows) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first open</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<xmpp-chat mode="full" service="${service}" jid="${jid}" password="${password}"></xmpp-chat>
<script>
  addEventListener('xmpp-chat-connected', () => { window.__connectedAt = performance.now(); });
  const row = (root) => [...root.querySelectorAll('*')].some((el) =>
    (el.matches('[part~="contact"]') && el.textContent.includes('Contact ')) || (el.shadowRoot && row(el.shadowRoot)));
  const look = () => (row(document) ? (window.__rowsAt = performance.now()) : requestAnimationFrame(look));
  if (${rows}) requestAnimationFrame(look);
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
        ? page(q.get('service'), q.get('jid'), q.get('password'), q.get('rows') === '1')
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

/**
 * Gives the account `count` roster items, unless it has them (in the page: PLAIN on loopback, as the
 * test servers allow).
 */
async function fillRoster(url, username, password, count) {
  const ws = new WebSocket(url, 'xmpp');
  const inbox = [];
  let wake;
  ws.onmessage = ({ data }) => {
    if (String(data).includes("type='set'")) return; // the server's roster pushes
    inbox.push(String(data));
    wake?.();
  };
  const next = async (test) => {
    for (;;) {
      const i = inbox.findIndex(test);
      if (i >= 0) return inbox.splice(i, 1)[0];
      await new Promise((resolve) => (wake = resolve));
    }
  };
  const open = () => ws.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>');
  await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
  open();
  await next((s) => s.includes('features'));
  ws.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${btoa(`\0${username}\0${password}`)}</auth>`);
  await next((s) => s.includes('success'));
  open();
  await next((s) => s.includes('features'));
  const answered = (id) => (s) => s.includes(`id='${id}'`) || s.includes(`id="${id}"`);
  ws.send('<iq xmlns="jabber:client" type="set" id="bind"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>');
  await next(answered('bind'));
  ws.send('<iq xmlns="jabber:client" type="get" id="roster"><query xmlns="jabber:iq:roster"/></iq>');
  const have = (await next(answered('roster'))).split('<item').length - 1; // added by an earlier run
  for (let n = have; n < count; n += 50) {
    const ids = [];
    for (let k = n; k < Math.min(count, n + 50); k++) {
      ids.push(`r${k}`);
      ws.send(
        `<iq xmlns="jabber:client" type="set" id="r${k}"><query xmlns="jabber:iq:roster"><item jid="contact${k}@example.net" name="Contact ${k}"><group>Group ${k % 20}</group></item></query></iq>`,
      );
    }
    for (const id of ids) await next(answered(id));
  }
  ws.close();
}

async function visit(browser, origin, service, account, rows = false) {
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
    const query = new URLSearchParams({ service, jid: account.jid, password: account.password, rows: rows ? '1' : '0' });
    await tab.goto(`${origin}/open.html?${query}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.__connectedAt !== undefined, { timeout: 30_000 });
    if (rows) await tab.waitForFunction(() => window.__rowsAt !== undefined, { timeout: 30_000 });
    return await tab
      .evaluate(() => {
        const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
        return {
          connectedMs: window.__connectedAt,
          rowsMs: window.__rowsAt,
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

const round = (ms) => Math.round(ms);

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const rows = [];
try {
  const setup = await browser.newPage();
  await setup.goto(`${origin}/dist/xmpp-chat.js`);
  // FIRST_OPEN_NAME: the same accounts as an earlier run (registered again, the roster only filled up).
  const name = process.env.FIRST_OPEN_NAME ?? `first-open-${Math.random().toString(36).slice(2, 8)}`;
  const account = { jid: `${name}@localhost`, password: `pass-${name}` };
  await setup.evaluate(register, SERVICES.WebSocket, name, account.password);
  await setup.close();
  const roster = { jid: `${name}-2000@localhost`, password: `pass-${name}-2000` };
  const filler = await browser.newPage();
  await filler.goto(`${origin}/dist/xmpp-chat.js`);
  await filler.evaluate(register, SERVICES.WebSocket, `${name}-2000`, roster.password);
  await filler.evaluate(fillRoster, SERVICES.WebSocket, `${name}-2000`, roster.password, 2000);
  await filler.close();
  const cases = [
    ...Object.entries(SERVICES).map(([transport, service]) => [transport, service, account, false]),
    ['WebSocket, 2,000 contacts', SERVICES.WebSocket, roster, true],
  ];
  for (const [transport, service, who, withRows] of cases) {
    await visit(browser, origin, service, who, withRows); // warms the browser itself
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, origin, service, who, withRows));
    if (process.env.VERBOSE) for (const r of runs) console.log(transport, round(r.connectedMs), r.rowsMs && round(r.rowsMs), r.chain);
    rows.push({
      transport,
      runs: RUNS,
      connectedMs: round(median(runs.map((r) => r.connectedMs))),
      firstRowsMs: withRows ? round(median(runs.map((r) => r.rowsMs))) : undefined,
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
