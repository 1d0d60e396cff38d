// Serves the demo pages and the built widget on 127.0.0.1. Pages name their server through
// {{SERVICE}}-style placeholders, filled from XMPP_CHAT_SERVICE (default: the local Prosody).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.XMPP_CHAT_DEMO_PORT ?? 5180);
const service = process.env.XMPP_CHAT_SERVICE ?? 'ws://127.0.0.1:15280/xmpp-websocket';
const domain = process.env.XMPP_CHAT_DOMAIN ?? (process.env.XMPP_CHAT_SERVICE ? new URL(service).hostname : 'localhost');
const values = {
  SERVICE: service,
  DOMAIN: domain,
  ANON_DOMAIN: process.env.XMPP_CHAT_ANON_DOMAIN ?? `anon.${domain}`,
  SUPPORT: process.env.XMPP_CHAT_SUPPORT ?? `support@${domain}`,
  // The local test account's password; for another server, sign in on the page instead.
  SUPPORT_PASSWORD: process.env.XMPP_CHAT_SUPPORT_PASSWORD ?? (process.env.XMPP_CHAT_SERVICE ? '' : 'pass-support'),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = normalize(path === '/' ? '/demo/index.html' : path.startsWith('/dist/') ? path : join('/demo', path));
  if (file.includes('..')) return void res.writeHead(400).end();
  try {
    let body = await readFile(join(root, file));
    if (extname(file) === '.html') body = body.toString().replace(/\{\{(\w+)\}\}/g, (m, k) => escape(values[k] ?? m));
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path}`);
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`demo: http://127.0.0.1:${port}/ (shop: /shop.html, support desk: /desk.html) — chat server ${service}`);
});
