// npm run test:package — the package as a developer gets it: `npm pack` of the working tree, its
// file list asserted, a second build compared byte for byte, then throwaway apps in a temp folder
// that install the tarball: both entries imported in plain Node (nothing may touch a browser
// global at import time); a strict TypeScript app built with Vite, esbuild and webpack 5, and a
// React 19 app built with Vite (and rendered on the server), each type-checked and loaded in
// Chromium against Prosody, where the widget (Alice) and the core (Bob) exchange one message; the
// README's Vue, Angular and Svelte snippets compiled by vue-tsc, ngc and Svelte's compiler.
// KEEP_PACKAGE_TEST=1 keeps the temp folder.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { launch, run, serve } from './browser.js';
import { assertReproducible, copyWorkingTree, pack } from './pack.js';
import { placeSnippets } from './snippets.js';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const work = mkdtempSync(join(tmpdir(), 'xmpp-chat-package-'));
const service = process.env.XMPP_CHAT_PACKAGE_SERVICE ?? 'ws://127.0.0.1:15280/xmpp-websocket';
let passed = 0;
let failed = 0;

async function step(name, action) {
  const started = Date.now();
  try {
    const note = await action();
    passed += 1;
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${note ? ` — ${note}` : ''}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sh(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: undefined } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd}:\n${result.stdout}${result.stderr}`.trim());
  return result.stdout;
}

/**
 * A fresh app from test/package/apps/<name>, with the tarball as its dependency. The apps' sources
 * are kept as `*.txt`: they import the installed package, which the repository's own type check
 * and lint cannot resolve; they are checked here, in the app, with the app's settings.
 */
function copyApp(name, tarball) {
  const dir = join(work, name);
  cpSync(join(root, 'test/package/apps', name), dir, { recursive: true });
  for (const file of readdirSync(dir, { recursive: true }).map(String)) {
    if (file.endsWith('.txt')) renameSync(join(dir, file), join(dir, file.slice(0, -'.txt'.length)));
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  manifest.dependencies = { ...manifest.dependencies, 'xmpp-chat': `file:${tarball}` };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** `npm install` in `dir`, in the background: the apps install side by side while the build is checked. */
function install(dir) {
  return new Promise((resolve, reject) => {
    const npm = spawn('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += chunk));
    npm.stderr.on('data', (chunk) => (output += chunk));
    npm.on('close', (code) => (code === 0 ? resolve(dir) : reject(new Error(`npm install in ${dir}:\n${output}`))));
  });
}

// The test servers are shared: started here only when nobody runs them.
const status = spawnSync(join(root, 'scripts/servers.sh'), ['status', 'prosody'], { encoding: 'utf8' });
const startedHere = status.status !== 0 && !process.env.XMPP_CHAT_PACKAGE_SERVICE;
if (startedHere) execFileSync(join(root, 'scripts/servers.sh'), ['start', 'prosody'], { stdio: 'inherit' });

let packed;
await step('npm pack: file list and size', () => {
  copyWorkingTree(root, join(work, 'source'));
  packed = pack(join(work, 'source'), work);
  return `${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked`;
});
if (!packed) process.exit(finish());

const dirs = Object.fromEntries(['node', 'vanilla', 'react', 'frameworks'].map((name) => [name, copyApp(name, packed.tarball)]));
await step("README's npm snippets placed in the apps that compile them", () => {
  return `${placeSnippets(join(work, 'source/README.md'), (name) => dirs[name])} snippets`;
});
const apps = Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, install(dir)]));
for (const installing of Object.values(apps)) installing.catch(() => undefined); // each step reports its own app's failure
await step('build reproducible (two builds, same bytes)', () => `${assertReproducible(join(work, 'source'))} files identical`);

await step('plain Node imports both entries', async () => sh('npm', ['run', '--silent', 'imports'], await apps.node).trim());
await step('TypeScript app (strict): type check', async () => sh('npm', ['run', 'typecheck'], await apps.vanilla) && '');
const outputs = [];
for (const bundler of ['vite', 'esbuild', 'webpack']) {
  await step(`TypeScript app: ${bundler} build`, async () => {
    const dir = await apps.vanilla;
    sh('npm', ['run', `build:${bundler}`], dir);
    outputs.push({ name: `TypeScript app (${bundler})`, dir: join(dir, 'out', bundler) });
  });
}
let react;
await step('React 19 app: type check, vite build', async () => {
  const dir = await apps.react;
  sh('npm', ['run', 'typecheck'], dir);
  sh('npm', ['run', 'build:vite'], dir);
  react = dir;
});
await step('React 19 server rendering in Node', async () => sh('npm', ['run', '--silent', 'ssr'], await apps.react).trim());
await step('Vue 3 template types (vue-tsc)', async () => sh('npm', ['run', 'check:vue'], await apps.frameworks) && '');
await step('Angular template (ngc, strict templates)', async () => sh('npm', ['run', 'check:angular'], await apps.frameworks) && '');
await step('Svelte 5 component compiles', async () => sh('npm', ['run', '--silent', 'check:svelte'], await apps.frameworks).trim());

const browser = await launch();
try {
  for (const output of outputs) {
    await step(`${output.name} in Chromium: widget and core exchange a message`, async () => {
      const server = await serve(output.dir);
      try {
        const token = `pkg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
        const { result, loaded } = await run(browser, `${server.origin}/?service=${encodeURIComponent(service)}&token=${token}`);
        if (result !== 'ok') throw new Error(String(result));
        return `${loaded.filter((path) => path.endsWith('.js')).length} scripts loaded`;
      } finally {
        await server.close();
      }
    });
  }
  if (react) {
    await step('React 19 app in Chromium: properties set, event prop called', async () => {
      const server = await serve(join(react, 'out/vite'));
      try {
        const { result } = await run(browser, `${server.origin}/?service=${encodeURIComponent(service)}`, {
          ready: async (page) => {
            await page.waitForFunction(() => customElements.get('xmpp-chat') && document.querySelector('xmpp-chat'));
            const properties = await page.evaluate(() => {
              const chat = document.querySelector('xmpp-chat');
              return { service: chat.service, mode: chat.mode, opened: chat.opened, className: chat.className, open: typeof chat.open };
            });
            if (properties.mode !== 'full' || !properties.opened || properties.className !== 'chat' || properties.open !== 'function') {
              throw new Error(`properties as set: ${JSON.stringify(properties)}`);
            }
            await page.click('#connect');
            const handle = await page.waitForFunction(() => document.getElementById('jid')?.textContent, { timeout: 30_000 });
            return handle.jsonValue();
          },
        });
        if (!String(result).startsWith('alice@localhost/')) throw new Error(`connected as ${result}`);
        return `connected as ${result}`;
      } finally {
        await server.close();
      }
    });
  }
} finally {
  await browser.close();
}

process.exit(finish());

function finish() {
  if (startedHere) execFileSync(join(root, 'scripts/servers.sh'), ['stop', 'prosody'], { stdio: 'inherit' });
  if (!process.env.KEEP_PACKAGE_TEST) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  console.log(`package: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
