// Server-side commands that browser tests call through @web/test-runner-commands.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { TcpProxy } from './tcp-proxy.js';
import { BigRoom } from './big-room.js';
import { omemoPeerCommands } from './omemo-peer-commands.js';

const run = promisify(execFile);
const BENCH_REPORT = new URL('../artifacts/bench.json', import.meta.url);
const SOAK_REPORT = new URL('../artifacts/soak.json', import.meta.url);
const restarts = new Map();
const SERVERS_SCRIPT = new URL('../../scripts/servers.sh', import.meta.url).pathname;
const ARCHIVE_READER = new URL('./read-archive.py', import.meta.url).pathname;
const MESSAGE_SENDER = new URL('./send-message.py', import.meta.url).pathname;
const DESK_LOAD = new URL('./desk-load.py', import.meta.url).pathname;
const MUC_PEER = new URL('./muc-peer.py', import.meta.url).pathname;
const ROOM_LOAD = new URL('./room-load.py', import.meta.url).pathname;
const SERVER_ACTIONS = new Set(['restart', 'freeze', 'thaw', 'kill', 'start-kept', 'stop']);
/** Each test server's client-to-server port, for slixmpp; its names are the ones server-restart takes. */
const C2S_PORTS = { prosody: 15222, ejabberd: 25222, prosody13: 35222, ejabberd24: 45222, 'cluster-a': 55222, 'cluster-b': 56222 };

export function testCommands() {
  const proxies = new Map();
  const loads = new Map();
  const peers = new Map();
  const bigRooms = new Map();
  const roomLoads = new Map();
  let peerCount = 0;
  const commands = {
    // OMEMO clients (slixmpp with python-omemo): omemo-peer-start, -send, -archive, -devices, -stop…
    ...omemoPeerCommands(C2S_PORTS),
    async 'proxy-start'({ targetPort }) {
      const proxy = new TcpProxy(targetPort);
      const port = await proxy.up();
      proxies.set(port, proxy);
      return port;
    },
    async 'proxy-stall'({ port }) {
      proxies.get(port).stall();
      return true;
    },
    async 'proxy-drop'({ port }) {
      proxies.get(port).drop();
      return true;
    },
    async 'proxy-down'({ port }) {
      await proxies.get(port).down();
      return true;
    },
    async 'proxy-up'({ port }) {
      await proxies.get(port).up();
      return true;
    },
    async 'proxy-delay'({ port, ms }) {
      proxies.get(port).delay(ms);
      return true;
    },
    async 'proxy-delay-polls'({ port, ms }) {
      proxies.get(port).delayPolls(ms);
      return true;
    },
    async 'proxy-blackhole'({ port, on }) {
      proxies.get(port).blackhole(on);
      return true;
    },
    async 'proxy-stop'({ port }) {
      await proxies.get(port)?.down();
      proxies.delete(port);
      return true;
    },
    // N anonymous visitors (slixmpp) each writing M messages to one desk (desk-load.py, which
    // bounds N, M and the time). Longer than the runner's 20 s per command: start, then wait in steps.
    async 'desk-load-start'({ server, to, visitors, messages, intervalMs, rampMs = 0 }) {
      if (!(server in C2S_PORTS)) throw new Error(`unknown server ${server}`);
      if (loads.has(to)) throw new Error(`a load on ${to} is still running`);
      const args = [DESK_LOAD, '127.0.0.1', String(C2S_PORTS[server]), 'anon.localhost', to, String(visitors), String(messages)];
      args.push(String(intervalMs), String(rampMs));
      const done = run('/usr/bin/python3', args, { timeout: 200_000, maxBuffer: 64 * 1024 * 1024 }).then(
        ({ stdout }) => ({ done: true, ...JSON.parse(stdout) }),
        (error) => ({ done: true, error: `${error.message}\n${error.stderr ?? ''}` }),
      );
      loads.set(to, done);
      return true;
    },
    async 'desk-load-wait'({ to }) {
      const pending = loads.get(to);
      if (!pending) throw new Error(`no load on ${to} is running`);
      const result = await Promise.race([pending, new Promise((r) => setTimeout(() => r({ done: false }), 10_000))]);
      if (result.done) loads.delete(to);
      return result;
    },
    // The rooms bench's stand-in server (big-room.js): one room with `occupants` occupants and
    // `archived` archived messages, on a loopback port; floods of presence on demand.
    async 'big-room-start'({ room, occupants, archived }) {
      const server = new BigRoom({ room, occupants, archived });
      const port = await server.up();
      bigRooms.set(port, server);
      return port;
    },
    async 'big-room-flood'({ port, show = 'away' }) {
      return bigRooms.get(port).flood(show);
    },
    async 'big-room-churn'({ port, count }) {
      return bigRooms.get(port).churn(count);
    },
    async 'big-room-stop'({ port }) {
      const server = bigRooms.get(port);
      bigRooms.delete(port);
      await server?.down();
      return [...(server?.unknown ?? [])];
    },
    // A real room's load (room-load.py): its archive topped up to `messages` (kept between runs), or
    // `occupants` anonymous occupants who stay until stopped. Longer than the runner's 20 s per
    // command: start, then wait in steps.
    async 'room-load-start'({ server, room, messages, occupants, rampMs = 0 }) {
      if (!(server in C2S_PORTS)) throw new Error(`unknown server ${server}`);
      if (roomLoads.has(room)) throw new Error(`a load on ${room} is still running`);
      const args = messages
        ? [ROOM_LOAD, 'fill', '127.0.0.1', String(C2S_PORTS[server]), 'anon.localhost', room, String(messages)]
        : [ROOM_LOAD, 'occupants', '127.0.0.1', String(C2S_PORTS[server]), 'anon.localhost', room, String(occupants), String(rampMs)];
      if (!messages) args.push(`guest-${Math.random().toString(36).slice(2, 8)}`);
      const child = spawn('/usr/bin/python3', args, { stdio: ['pipe', 'pipe', 'ignore'] });
      const load = { child, buffer: '', result: undefined };
      load.exited = new Promise((resolve) => child.on('exit', resolve));
      child.stdout.on('data', (chunk) => {
        const lines = (load.buffer + chunk).split('\n');
        load.buffer = lines.pop();
        for (const line of lines.filter(Boolean)) load.result ??= JSON.parse(line);
      });
      void load.exited.then(() => (load.result ??= { event: 'error', why: 'the load stopped without a word' }));
      roomLoads.set(room, load);
      return true;
    },
    // The load's first word: { event: 'filled', archived, sent }, { event: 'ready', joined, failures }, or an error.
    async 'room-load-wait'({ room }) {
      const load = roomLoads.get(room);
      if (!load) throw new Error(`no load on ${room}`);
      for (let waited = 0; waited < 10_000 && !load.result; waited += 100) await new Promise((r) => setTimeout(r, 100));
      if (load.result?.event === 'filled' || load.result?.event === 'error') roomLoads.delete(room);
      return load.result ? { done: true, ...load.result } : { done: false };
    },
    async 'room-load-stop'({ room }) {
      const load = roomLoads.get(room);
      roomLoads.delete(room);
      if (!load || load.child.exitCode !== null) return true;
      load.child.stdin.write(`${JSON.stringify({ quit: true })}\n`);
      const timer = setTimeout(() => load.child.kill(), 10_000);
      await load.exited;
      clearTimeout(timer);
      return true;
    },
    // An account's archive as slixmpp (a third-party client, from Debian) reads it over c2s.
    async 'archive-read'({ server, jid, password, withJid }) {
      const args = [ARCHIVE_READER, jid, password, '127.0.0.1', String(C2S_PORTS[server])];
      if (withJid) args.push(withJid);
      const { stdout } = await run('/usr/bin/python3', args, { timeout: 19_000, maxBuffer: 64 * 1024 * 1024 }).catch((error) => ({
        stdout: error.stdout || JSON.stringify({ error: `${error.message}\n${error.stderr ?? ''}` }),
      }));
      return JSON.parse(stdout);
    },
    // A room occupant played by slixmpp (muc-peer.py), which stays in the room until stopped: it
    // joins (creating the room, with `roomPassword` as its password if given), says what it is
    // told, and records what it sees. Resolves once it is in the room, or refused.
    // With `persistent`, a room it creates is persistent. A lost connection (a server restart) it
    // makes again, and joins the room again.
    async 'muc-peer-start'({ server, jid, password, room, nick, roomPassword, persistent }) {
      if (!(server in C2S_PORTS)) throw new Error(`unknown server ${server}`);
      const args = [MUC_PEER, jid, password, '127.0.0.1', String(C2S_PORTS[server]), room, nick];
      if (roomPassword) args.push(roomPassword);
      if (persistent) args.push('--persistent');
      const child = spawn('/usr/bin/python3', args, { stdio: ['pipe', 'pipe', 'ignore'] });
      const peer = { child, events: [], buffer: '' };
      const id = String(++peerCount);
      peers.set(id, peer);
      const settled = new Promise((resolve) => {
        peer.settle = resolve;
        setTimeout(() => resolve({ event: 'error', why: 'no answer from the peer in 15 s' }), 15_000);
        child.on('exit', () => resolve({ event: 'error', why: 'the peer stopped' }));
      });
      child.stdout.on('data', (chunk) => {
        const lines = (peer.buffer + chunk).split('\n');
        peer.buffer = lines.pop();
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line);
          peer.events.push(event);
          if (event.event === 'joined' || event.event === 'error') peer.settle(event);
        }
      });
      return { id, ...(await settled) };
    },
    async 'muc-peer-say'({ id, body }) {
      peers.get(id).child.stdin.write(`${JSON.stringify({ say: body })}\n`);
      return true;
    },
    // Any other order of muc-peer.py (an invitation, a private message), as the JSON object it reads.
    async 'muc-peer-order'({ id, order }) {
      peers.get(id).child.stdin.write(`${JSON.stringify(order)}\n`);
      return true;
    },
    // The room's archive as the peer reads it: { messages: [{ archiveId, nick, body, originId }] } or { error }.
    async 'muc-peer-archive'({ id }) {
      const peer = peers.get(id);
      if (!peer) throw new Error(`no peer ${id}`);
      const before = peer.events.filter((e) => e.event === 'archive').length;
      peer.child.stdin.write(`${JSON.stringify({ archive: true })}\n`);
      for (let waited = 0; waited < 15_000; waited += 100) {
        const answers = peer.events.filter((e) => e.event === 'archive');
        if (answers.length > before) return answers.at(-1);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { error: 'no answer from the peer in 15 s' };
    },
    async 'muc-peer-events'({ id }) {
      return peers.get(id)?.events ?? [];
    },
    async 'muc-peer-stop'({ id }) {
      const peer = peers.get(id);
      peers.delete(id);
      if (!peer || peer.child.exitCode !== null) return true;
      peer.child.stdin.write(`${JSON.stringify({ quit: true })}\n`);
      const exited = new Promise((resolve) => peer.child.on('exit', resolve));
      const timer = setTimeout(() => peer.child.kill(), 5000);
      await exited;
      clearTimeout(timer);
      return true;
    },
    // One message sent by slixmpp (a third-party client), with extension elements given as XML.
    async 'third-party-send'({ server, jid, password, to, body, extensions = [] }) {
      const args = [MESSAGE_SENDER, jid, password, '127.0.0.1', String(C2S_PORTS[server]), to, body, ...extensions];
      const { stdout } = await run('/usr/bin/python3', args, { timeout: 19_000 }).catch((error) => ({
        stdout: error.stdout || JSON.stringify({ error: `${error.message}\n${error.stderr ?? ''}` }),
      }));
      return JSON.parse(stdout);
    },
    // What a URL serves, as a client outside the browser fetches it: its size and SHA-256.
    async 'http-digest'({ url }) {
      const { createHash } = await import('node:crypto');
      const response = await fetch(url);
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    // Which of the desk load bench's runs to make, from the environment of `npm run bench`
    // (DESK_LOAD_VISITORS: a comma-separated list of N, e.g. 100,500 or 1000; all by default).
    async 'desk-load-config'() {
      const wanted = (process.env.DESK_LOAD_VISITORS ?? '').split(',').filter(Boolean).map(Number);
      const { DESK_LOAD_PROFILE: profile, DESK_LOAD_TRACE: trace } = process.env;
      return { visitors: wanted.length ? wanted : undefined, profile: profile === '1', trace: trace === '1' };
    },
    // The soak's size, from the environment of `npm run soak` (SOAK_MESSAGES per side, SOAK_SEED).
    async 'soak-config'() {
      return { perSide: Number(process.env.SOAK_MESSAGES ?? 150), seed: Number(process.env.SOAK_SEED ?? Date.now() % 1e9) };
    },
    async 'soak-record'({ rows }) {
      await mkdir(new URL('.', SOAK_REPORT), { recursive: true });
      const report = JSON.parse(await readFile(SOAK_REPORT, 'utf8').catch(() => '[]'));
      await writeFile(SOAK_REPORT, JSON.stringify([...report, ...rows], null, 2));
      return true;
    },
    async 'bench-record'({ section, rows }) {
      await mkdir(new URL('.', BENCH_REPORT), { recursive: true });
      const report = JSON.parse(await readFile(BENCH_REPORT, 'utf8').catch(() => '{}'));
      report[section] = rows;
      await writeFile(BENCH_REPORT, JSON.stringify(report, null, 2));
      return true;
    },
    // A restart can outlast the runner's 20 s limit per command: start it, then wait in steps.
    // `action` is one of scripts/servers.sh's: restart (clean), freeze, thaw, kill, start-kept, stop.
    async 'server-restart'({ server, action = 'restart' }) {
      if (!Object.hasOwn(C2S_PORTS, server)) throw new Error(`unknown server ${server}`);
      if (!SERVER_ACTIONS.has(action)) throw new Error(`unknown server action ${action}`);
      if (restarts.has(server)) throw new Error(`${server} is still busy with an earlier action`);
      restarts.set(
        server,
        run(SERVERS_SCRIPT, [action, server], { timeout: 120_000 }).then(
          () => ({ done: true }),
          (error) => ({ done: true, error: `${error.message}\n${error.stderr ?? ''}` }),
        ),
      );
      return true;
    },
    async 'server-restart-wait'({ server }) {
      const pending = restarts.get(server);
      if (!pending) throw new Error(`no restart of ${server} is running`);
      const result = await Promise.race([pending, new Promise((r) => setTimeout(() => r({ done: false }), 10_000))]);
      if (result.done) restarts.delete(server);
      return result;
    },
    // The resources the server holds sessions for, for a test account (`user` is its local part).
    async 'server-sessions'({ server, user }) {
      if (!Object.hasOwn(C2S_PORTS, server)) throw new Error(`unknown server ${server}`);
      if (!/^[a-z0-9-]+$/.test(user)) throw new Error(`not a test account: ${user}`);
      const { stdout } = await run(SERVERS_SCRIPT, ['sessions', server, user], { timeout: 15_000 });
      return stdout.split('\n').filter(Boolean);
    },
    // A python-omemo device (python3-oldmemo / python3-twomemo) for src/omemo's interop test.
    async 'omemo-python'(request) {
      const { runOmemoPeer } = await import('./omemo-python.js');
      return runOmemoPeer(request);
    },
    // The README's signing snippets run on its test vector (sign-check.js); Node.js by default, as
    // the others' interpreters may be missing and the runner allows a command 20 s.
    async 'sign-check'({ languages = ['node'] }) {
      const { checkSnippets } = await import('./sign-check.js');
      return checkSnippets(languages);
    },
  };
  // Screenshots of the page as it is now, saved under test/artifacts/screenshots/ to be looked at.
  async function screenshot({ name }, session) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`bad screenshot name ${name}`);
    const dir = new URL('../artifacts/screenshots/', import.meta.url);
    await mkdir(dir, { recursive: true });
    const page = session.browser.getPage(session.id);
    await page.screenshot({ path: new URL(`${name}.png`, dir).pathname });
    return true;
  }
  // Lets the test page's origin show desktop notifications ({ revoke: true } takes that back), so
  // tests can construct a real Notification without a person answering the permission prompt.
  async function grantNotifications({ origin, revoke } = {}, session) {
    const page = session.browser.getPage(session.id);
    const context = page.browserContext();
    if (revoke) await context.clearPermissionOverrides();
    else await context.overridePermissions(origin ?? new URL(page.url()).origin, ['notifications']);
    return true;
  }
  // A CPU profile of the test page (Chromium's profiler over CDP): `start`, then `stop`, which saves
  // it as test/artifacts/profiles/<name>.cpuprofile (opens in Chromium's DevTools, Performance panel).
  const profilers = new Map();
  async function cpuProfile({ action, name = 'profile' }, session) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`bad profile name ${name}`);
    if (action === 'start') {
      const cdp = await session.browser.getPage(session.id).target().createCDPSession();
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      profilers.set(session.id, cdp);
      return true;
    }
    const cdp = profilers.get(session.id);
    if (!cdp) throw new Error('no profile was started');
    profilers.delete(session.id);
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const dir = new URL('../artifacts/profiles/', import.meta.url);
    await mkdir(dir, { recursive: true });
    await writeFile(new URL(`${name}.cpuprofile`, dir), JSON.stringify(profile));
    return true;
  }
  // A performance trace of the browser (Chromium's tracing, as DevTools' Performance panel records
  // it: tasks, scripts, style, layout, garbage collection): `start`, then `stop`, which saves it as
  // test/artifacts/profiles/<name>.trace.json (opens in DevTools or https://ui.perfetto.dev). Saving
  // can outlast the runner's 20 s per command: `stop` starts it, and answers whether it is done.
  const tracing = new Map();
  async function trace({ action, name = 'trace' }, session) {
    if (!/^[\w-]+$/.test(name)) throw new Error(`bad trace name ${name}`);
    const page = session.browser.getPage(session.id);
    if (action === 'start') {
      const dir = new URL('../artifacts/profiles/', import.meta.url);
      await mkdir(dir, { recursive: true });
      const path = new URL(`${name}.trace.json`, dir).pathname;
      await page.tracing.start({ path, categories: ['toplevel', 'devtools.timeline'] });
      return true;
    }
    if (!tracing.has(session.id))
      tracing.set(
        session.id,
        page.tracing.stop().then(() => true),
      );
    const done = await Promise.race([tracing.get(session.id), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (done) tracing.delete(session.id);
    return done;
  }
  // Slows the test page's CPU `rate` times (Chromium's throttling over CDP); rate 1 ends it.
  const throttles = new Map();
  async function cpuThrottle({ rate = 1 }, session) {
    let cdp = throttles.get(session.id);
    if (!cdp) throttles.set(session.id, (cdp = await session.browser.getPage(session.id).target().createCDPSession()));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    return true;
  }
  // The built files, for the size budget test.
  async function builtFiles(dir = new URL('../../dist/', import.meta.url).pathname, prefix = '') {
    const { readdir } = await import('node:fs/promises');
    const { gzipSync } = await import('node:zlib');
    const files = {};
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) Object.assign(files, await builtFiles(`${dir}${entry.name}/`, `${prefix}${entry.name}/`));
      else if (entry.name.endsWith('.js'))
        files[`${prefix}${entry.name}`] = { gzip: gzipSync(await readFile(`${dir}${entry.name}`), { level: 9 }).length };
    }
    return files;
  }
  return {
    name: 'xmpp-chat-test-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'screenshot') return screenshot(payload, session);
      if (command === 'built-files') return builtFiles();
      if (command === 'cpu-profile') return cpuProfile(payload ?? {}, session);
      if (command === 'trace') return trace(payload ?? {}, session);
      if (command === 'cpu-throttle') return cpuThrottle(payload ?? {}, session);
      if (command === 'grant-notifications') return grantNotifications(payload ?? {}, session);
      const handler = commands[command];
      return handler ? handler(payload ?? {}) : undefined;
    },
  };
}
