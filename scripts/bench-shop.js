// The demo shop as the benchmarks that compare a site's page with and without the widget serve it:
// demo/shop.html, once as it is and once with the widget's <script> tag taken out, and the build in
// dist/, from loopback. The widget's service is a closed port: nothing connects before the launcher is used.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** `/widget.html` and `/plain.html`: the shop with and without the one tag. */
export async function shopPages(root) {
  const shop = (await readFile(join(root, 'demo/shop.html'), 'utf8'))
    .replace('{{SERVICE}}', 'ws://127.0.0.1:9/xmpp-websocket')
    .replace('{{ANON_DOMAIN}}', 'anon.localhost')
    .replace('{{SUPPORT}}', 'support@localhost');
  const pages = { '/widget.html': shop, '/plain.html': shop.replace(/<!-- The one tag[\s\S]*?<\/script>/, '') };
  if (pages['/plain.html'] === shop) throw new Error('demo/shop.html: the widget tag was not found');
  return pages;
}

/** Serves `pages` and the build on a free loopback port; `headers` go with every answer. */
export function serveShop(root, pages, headers = {}) {
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname);
    const body = pages[path] ?? (path.startsWith('/dist/') ? await readFile(join(root, path)).catch(() => undefined) : undefined);
    if (body === undefined) return response.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript' }[extname(path)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...headers });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
