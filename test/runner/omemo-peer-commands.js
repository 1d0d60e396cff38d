// The runner's `omemo-peer-*` commands: OMEMO clients played by slixmpp with python-omemo (omemo-peer.py),
// which stay signed in until stopped. Each device's keys and sessions live in a directory of its own under
// one temporary directory per test run, named by account and device: starting the same account and device
// again is a restart of that device, another device name is another device of the account.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OMEMO_PEER = new URL('./omemo-peer.py', import.meta.url).pathname;
const WAIT_MS = 20_000;

export function omemoPeerCommands(c2sPorts) {
  const peers = new Map();
  let stateRoot;
  let count = 0;

  /** The first event from `from` on that `match`es, waited for; an `{ event: 'error' }` if none comes. */
  function next(peer, from, match, what) {
    const found = peer.events.slice(from).find(match);
    if (found) return Promise.resolve(found);
    const stopped = { event: 'error', why: `the peer stopped before ${what}` };
    if (peer.child.exitCode !== null) return Promise.resolve(stopped);
    // Woken by each line the peer writes (and by its end) rather than polled: a hundred sends in a
    // row would otherwise wait out a polling interval each.
    return new Promise((resolve) => {
      const look = (event) => {
        if (event && !match(event)) return;
        clearTimeout(timer);
        peer.waiting.delete(look);
        resolve(event ?? stopped);
      };
      const timer = setTimeout(() => look({ event: 'error', why: `no ${what} from the peer in ${WAIT_MS / 1000} s` }), WAIT_MS);
      peer.waiting.add(look);
    });
  }

  /**
   * A peer process that has done its imports (a second or more of a start) and waits for its arguments;
   * another is started at once for the next peer, while the test goes on.
   */
  let spare;
  function takeSpare() {
    const child = spare && spare.exitCode === null ? spare : startSpare();
    spare = startSpare();
    for (const handle of [child, child.stdin, child.stdout]) handle.ref();
    return child;
  }
  function startSpare() {
    const child = spawn('/usr/bin/python3', [OMEMO_PEER, '--spare'], { stdio: ['pipe', 'pipe', 'ignore'] });
    // Unused, it keeps the runner from nothing: it ends with the runner, when its stdin closes.
    for (const handle of [child, child.stdin, child.stdout]) handle.unref();
    return child;
  }

  function order(id, order) {
    const peer = peers.get(id);
    if (!peer) throw new Error(`no OMEMO peer ${id}`);
    const from = peer.events.length;
    peer.child.stdin.write(`${JSON.stringify(order)}\n`);
    return { peer, from };
  }

  return {
    // Signs in `jid` as the device named `device` ('main' unless given) with OMEMO `versions` (['0.3',
    // '2'] unless given); `offline`: without presence until its first archive read. Resolves with
    // { id, deviceId, fingerprint, versions } once its device is published, or { event: 'error', why }.
    async 'omemo-peer-start'({ server, jid, password, device = 'main', versions = ['0.3', '2'], offline = false }) {
      if (!(server in c2sPorts)) throw new Error(`unknown server ${server}`);
      stateRoot ??= mkdtempSync(join(tmpdir(), 'xmpp-chat-omemo-'));
      const state = join(stateRoot, server, jid, device);
      const resource = `omemo-${device}-${Math.random().toString(36).slice(2, 8)}`;
      const args = [jid, password, '127.0.0.1', String(c2sPorts[server]), `--state=${state}`];
      args.push(`--versions=${versions.join(',')}`, `--resource=${resource}`);
      if (offline) args.push('--offline');
      const child = takeSpare();
      child.stdin.write(`${JSON.stringify(args)}\n`);
      const peer = { child, events: [], buffer: '', waiting: new Set() };
      child.stdout.on('data', (chunk) => {
        const lines = (peer.buffer + chunk).split('\n');
        peer.buffer = lines.pop();
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line);
          peer.events.push(event);
          for (const look of [...peer.waiting]) look(event);
        }
      });
      // After the last of its output: whoever still waits hears that the peer is gone.
      child.on('close', () => {
        for (const look of [...peer.waiting]) look(undefined);
      });
      const id = String(++count);
      peers.set(id, peer);
      const answer = await next(peer, 0, (e) => e.event === 'ready' || e.event === 'error', 'ready');
      return { id, ...answer };
    },
    // An encrypted message: version '0.3', '2' or 'both' (each device its newest). Resolves with the
    // peer's { event: 'sent', id, versions, errors } or { event: 'send-failed', why }.
    async 'omemo-peer-send'({ id, to, body, version = 'both' }) {
      const { peer, from } = order(id, { send: body, to, version });
      return next(peer, from, (e) => (e.event === 'sent' || e.event === 'send-failed') && e.body === body, 'send');
    },
    async 'omemo-peer-send-plain'({ id, to, body }) {
      const { peer, from } = order(id, { plain: body, to });
      return next(peer, from, (e) => e.event === 'sent' && e.body === body, 'send');
    },
    // The archive as the peer reads and decrypts it: { event: 'archive', messages } or { error }.
    async 'omemo-peer-archive'({ id, with: withJid }) {
      const { peer, from } = order(id, withJid ? { archive: true, with: withJid } : { archive: true });
      return next(peer, from, (e) => e.event === 'archive', 'archive');
    },
    // A contact's devices as the peer fetches them, or the peer's own account's (`jid` left out).
    async 'omemo-peer-devices'({ id, jid }) {
      const { peer, from } = order(id, { devices: jid ?? true });
      return next(peer, from, (e) => e.event === 'devices' || e.event === 'error', 'device list');
    },
    async 'omemo-peer-trust'({ id, jid, deviceId, level }) {
      const { peer, from } = order(id, { trust: jid, deviceId, level });
      return next(peer, from, (e) => e.event === 'trusted' || e.event === 'error', 'trust');
    },
    // Everything the peer reported since it started (messages received, undecryptable ones, keys).
    async 'omemo-peer-events'({ id }) {
      return peers.get(id)?.events ?? [];
    },
    async 'omemo-peer-stop'({ id }) {
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
  };
}
