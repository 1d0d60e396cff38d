/**
 * A visitor and an agent, each on this widget's core and each behind its own loopback proxy,
 * write to each other while faults hit the server and the links at random (seeded) moments.
 * The verdict comes from both accounts' archives as slixmpp reads them and from what both
 * widgets stored: lost and duplicated messages, and how long each fault took to recover from.
 */
import type { Chat } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { crash, freeze, readArchive, serverAction, type ArchivedMessage } from './faults.ts';
import { DOMAIN, SERVERS, freshAccount, proxy, serviceUrl, sleep, type ServerName, type TransportName } from './servers.ts';

/** `outage`: a crash, with the server back only 3 s later. */
export type FaultKind = 'freeze' | 'restart' | 'crash' | 'outage' | 'stall' | 'drop' | 'blackhole' | 'delay';
/** Faults of the links (the proxies) hit one side; faults of the server hit both. */
const LINK_FAULTS = new Set<FaultKind>(['stall', 'drop', 'blackhole', 'delay']);

export interface ScenarioOptions {
  server: ServerName;
  transport: TransportName;
  /** Messages each side writes. */
  perSide: number;
  everyMs: number;
  faults: FaultKind[];
  seed: number;
}

export interface ScenarioFigures {
  server: ServerName;
  transport: TransportName;
  messages: number;
  faults: string;
  lost: number;
  /** Sent twice by us: more than once in the sender's own archive. */
  duplicated: number;
  /** More than once in the recipient's archive only: a copy the server made (see the README). */
  copiedByServer: number;
  crashes: number;
  shownTwice: number;
  stillPending: number;
  longestRecoveryMs: number;
  /** One line per problem found. */
  details: string[];
  /** What happened when: faults, and each side's connection. */
  timeline?: string[];
}

/** A small seeded generator (mulberry32): the same seed, the same fault moments. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A dead link is noticed within 4–10 s, as a soak needs (the default is 60–70 s), yet a server
 * that stalls for 4 s is waited for, as it should be: giving up on a link whose server is only
 * slow sends again what the server will still take in.
 */
const QUICK_LINK_WATCH = { pingIntervalMs: 4000, pingTimeoutMs: 6000 };

export async function runScenario(o: ScenarioOptions): Promise<ScenarioFigures> {
  const random = seeded(o.seed);
  const port = SERVERS[o.server].httpPort;
  const [visitorName, agentName] = await Promise.all([freshAccount('soak-visitor', port), freshAccount('soak-agent', port)]);
  const visitorJid = `${visitorName}@${DOMAIN}`;
  const agentJid = `${agentName}@${DOMAIN}`;
  const proxies = { visitor: await proxy.start(port), agent: await proxy.start(port) };
  const visitor = device(visitorName, serviceUrl(o.transport, proxies.visitor), QUICK_LINK_WATCH);
  const agent = device(agentName, serviceUrl(o.transport, proxies.agent), QUICK_LINK_WATCH);
  const ackedAt = new Map<string, number>();
  // How each message came to count as sent: the server's acknowledgement, or found in our archive.
  const ackedByServer = new Set<string>();
  const began = Date.now();
  const timeline: string[] = [];
  for (const [who, chat] of [
    ['visitor', visitor],
    ['agent', agent],
  ] as const) {
    chat.client.on('status', ({ status, reason }) =>
      timeline.push(`${Date.now() - began} ms ${who} ${status}${reason ? ` (${reason.message})` : ''}`),
    );
    chat.client.on('online', ({ resumed }) => timeline.push(`${Date.now() - began} ms ${who} online${resumed ? ' (resumed)' : ''}`));
  }
  for (const chat of [visitor, agent]) {
    chat.client.on('acked', (stanza) => {
      if (stanza.attrs.id) ackedByServer.add(stanza.attrs.id);
    });
    chat.on('messages', ({ added, updated }) => {
      for (const m of [...added, ...updated])
        if (m.direction === 'out' && m.state !== 'pending' && !ackedAt.has(m.key)) ackedAt.set(m.key, Date.now());
    });
  }
  const sentAt = new Map<string, number>();
  const faultEnds: { kind: FaultKind; end: number }[] = [];
  const log: string[] = [];
  try {
    await connectAll(visitor, agent);
    const run = Math.random().toString(36).slice(2, 8);
    const total = o.perSide * 2;
    // Fault moments spread over the run, in order, each one after the previous has ended.
    const at = o.faults.map(() => Math.floor(random() * total)).sort((a, b) => a - b);
    let faulting: Promise<unknown> = Promise.resolve();
    const bodies: string[] = [];
    let faultsOver = false;
    // Writing goes on until the last fault is over, so every fault meets messages in flight.
    for (let i = 0; i < total || (!faultsOver && i < total * 20); i++) {
      if (i === total)
        void faulting.then(() => {
          faultsOver = true;
        });
      at.forEach((point, f) => {
        if (point !== i) return;
        const kind = o.faults[f];
        const side = random() < 0.5 ? 'visitor' : 'agent';
        faulting = faulting.then(async () => {
          const start = Date.now();
          const first = bodies.length;
          timeline.push(`${start - began} ms ${kind} begins`);
          await inflict(o.server, kind, proxies[side]);
          faultEnds.push({ kind, end: Date.now() });
          log.push(
            `${kind}${LINK_FAULTS.has(kind) ? ` (${side}'s link)` : ''} from message ${first} to ${bodies.length}, ${Date.now() - start} ms`,
          );
          await sleep(1000);
        });
      });
      const [from, to, who] = i % 2 ? [agent, visitorJid, 'agent'] : [visitor, agentJid, 'visitor'];
      const body = `${run} ${who} #${Math.floor(i / 2) + 1}`;
      bodies.push(body);
      const stored = await from.send(to, body);
      sentAt.set(stored.key, Date.now());
      await sleep(o.everyMs);
    }
    await faulting;
    const settled = await waitForAcks([visitor, agent], [agentJid, visitorJid], bodies.length);
    await sleep(1000); // receipts and copies in flight land before the archives are read
    const archives = await Promise.all([
      readArchive(o.server, visitorJid, `pass-${visitorName}`, agentJid),
      readArchive(o.server, agentJid, `pass-${agentName}`, visitorJid),
    ]);
    const shown = await Promise.all([history(visitor, agentJid), history(agent, visitorJid)]);
    const result = figures(
      o,
      bodies,
      archives,
      shown.map((list) => list.map((m) => m.body)),
      settled,
      faultEnds,
      sentAt,
      ackedAt,
    );
    const howSent = new Map(
      shown
        .flat()
        .filter((m) => m.direction === 'out')
        .map((m) => [
          m.body,
          ackedByServer.has(m.key) ? 'acknowledged by the server' : `${m.state}, not acknowledged (found in our archive?)`,
        ]),
    );
    result.details = result.details.map((d) => (d.includes('not in the') ? `${d} (${howSent.get(d.split(':')[0]) ?? '?'})` : d));
    return { ...result, faults: log.join('; '), timeline };
  } finally {
    await closeChats();
    await Promise.all([proxy.stop(proxies.visitor), proxy.stop(proxies.agent)]);
  }
}

async function inflict(server: ServerName, kind: FaultKind, proxyPort: number): Promise<void> {
  if (kind === 'freeze') await freeze(server, 4000);
  else if (kind === 'restart') await serverAction(server, 'restart');
  else if (kind === 'crash') await crash(server);
  else if (kind === 'outage') await crash(server, 3000);
  else if (kind === 'drop') await proxy.drop(proxyPort);
  else if (kind === 'stall')
    await proxy.stall(proxyPort); // the client's link watch must notice
  else if (LINK_FAULTS.has(kind)) {
    const on = kind === 'blackhole' ? () => proxy.blackhole(proxyPort, true) : () => proxy.delay(proxyPort, 1500);
    const off = kind === 'blackhole' ? () => proxy.blackhole(proxyPort, false) : () => proxy.delay(proxyPort, 0);
    await on();
    await sleep(5000);
    await off();
  }
}

/** Waits until every message either side wrote is acknowledged; gives those still pending. */
async function waitForAcks(chats: Chat[], peers: string[], total: number): Promise<number> {
  const pending = async () => {
    const lists = await Promise.all(chats.map((c, i) => history(c, peers[i])));
    const out = lists.flat().filter((m) => m.direction === 'out');
    return { count: out.length, pending: out.filter((m) => m.state === 'pending').length };
  };
  try {
    await eventually(
      async () => {
        const p = await pending();
        return p.count === total && p.pending === 0;
      },
      'every message to be acknowledged',
      120_000,
    );
  } catch {
    // Reported in the figures, with what the archives say.
  }
  return (await pending()).pending;
}

function figures(
  o: ScenarioOptions,
  bodies: string[],
  archives: ArchivedMessage[][],
  shown: string[][],
  stillPending: number,
  faultEnds: { kind: FaultKind; end: number }[],
  sentAt: Map<string, number>,
  ackedAt: Map<string, number>,
): ScenarioFigures {
  const details: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let copiedByServer = 0;
  let shownTwice = 0;
  const owners = ['visitor', 'agent'];
  const counts = archives.map((archive) => tally(archive.map((m) => m.body)));
  bodies.forEach((body) => {
    const sender = body.includes(' visitor #') ? 0 : 1;
    const atSender = counts[sender].get(body) ?? 0;
    const atRecipient = counts[1 - sender].get(body) ?? 0;
    if (atRecipient === 0) {
      lost++;
      details.push(`${body}: not in the ${owners[1 - sender]}'s archive`);
    }
    if (atSender > 1) {
      duplicated++;
      details.push(`${body}: sent ${atSender}× (the ${owners[sender]}'s archive)`);
    } else if (atRecipient > 1) {
      copiedByServer++;
      details.push(`${body}: ${atRecipient}× in the ${owners[1 - sender]}'s archive, once in the sender's`);
    }
  });
  shown.forEach((list, i) => {
    const seen = tally(list);
    for (const body of bodies) {
      if ((seen.get(body) ?? 0) !== 1) {
        shownTwice++;
        details.push(`${body}: stored ${seen.get(body) ?? 0}× by the ${owners[i]}'s widget`);
      }
    }
  });
  // Recovery: from a fault's end until everything written before that end was acknowledged.
  let longestRecoveryMs = 0;
  for (const { end } of faultEnds) {
    for (const [key, sent] of sentAt) {
      if (sent > end) continue;
      const acked = ackedAt.get(key);
      if (acked !== undefined && acked > end) longestRecoveryMs = Math.max(longestRecoveryMs, acked - end);
    }
  }
  return {
    server: o.server,
    transport: o.transport,
    messages: bodies.length,
    faults: o.faults.join(' '),
    lost,
    duplicated,
    copiedByServer,
    crashes: o.faults.filter((f) => f === 'crash' || f === 'outage').length,
    shownTwice,
    stillPending,
    longestRecoveryMs,
    details,
  };
}

const tally = (list: (string | undefined)[]) => {
  const counts = new Map<string, number>();
  for (const item of list) if (item) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
};
