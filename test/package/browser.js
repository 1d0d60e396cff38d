// Serves a built app from its folder and opens it in Debian's Chromium (never a downloaded
// browser), until the page reports its result on <body data-result>.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** A static server on a free loopback port; `close()` stops it. */
export async function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * Opens `url` and waits for `body[data-result]` (or for `ready(page)` when given); returns the
 * result, with the page's errors and the files it loaded for the report.
 */
export async function run(browser, url, { timeoutMs = 60_000, ready } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  const loaded = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('requestfinished', (request) => loaded.push(new URL(request.url()).pathname));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  try {
    await page.goto(url);
    const result = ready
      ? await ready(page)
      : await page.waitForFunction(() => document.body.dataset.result, { timeout: timeoutMs }).then((handle) => handle.jsonValue());
    const steps = await page.evaluate(() => document.body.dataset.steps ?? '');
    return { result, steps, errors, loaded };
  } catch (error) {
    const steps = await page.evaluate(() => document.body.dataset.steps ?? '').catch(() => '');
    throw new Error(`${url}: ${error.message} (steps: ${steps || 'none'}; page errors: ${errors.join(' | ') || 'none'})`);
  } finally {
    await context.close();
  }
}
