/**
 * Exactly once under faults, judged by the server's archive as a third-party client reads it: a
 * visitor types numbered messages to an agent who is away while the server stalls, restarts
 * cleanly and crashes. Nothing may be lost; nothing may be archived twice, except after a crash
 * at most the messages really in flight then.
 */
import { expect } from '@esm-bundle/chai';
import { closeChats, device, eventually, history } from './chat-helpers.ts';
import { countBodies, crash, freeze, readArchive, serverAction } from './faults.ts';
import { DOMAIN, SERVERS, TRANSPORTS, disconnectAll, freshAccount, serviceUrl, sleep, type ServerName } from './servers.ts';

type Fault = 'freeze' | 'restart' | 'crash';

/** Prosody is crashed too; ejabberd keeps its archive in Mnesia, which a crash may roll back. */
const FAULTS: Record<ServerName, Fault[]> = { prosody: ['freeze', 'restart', 'crash'], ejabberd: ['freeze', 'restart'] };
const COUNT = 24;
/** A fault starts this long after the previous one ended at the earliest: each is its own event. */
const SPACING_MS = 2000;
const EVERY_MS = 150;

async function inflict(server: ServerName, fault: Fault): Promise<void> {
  if (fault === 'freeze') await freeze(server, 4000);
  else if (fault === 'restart') await serverAction(server, 'restart');
  else await crash(server);
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`exactly once on ${server} over ${transport}`, function () {
      this.timeout(180_000);
      const port = SERVERS[server].httpPort;
      const service = serviceUrl(transport, port);
      afterEach(async () => {
        await closeChats();
        await disconnectAll();
      });

      it(`${FAULTS[server].join(', ')}: every message archived once at the agent, none lost`, async () => {
        const visitorName = await freshAccount('visitor', port);
        const agentName = await freshAccount('agent', port);
        const agent = `${agentName}@${DOMAIN}`;
        const visitor = device(visitorName, service);
        await visitor.connect();
        // Nobody answers, yet the server acknowledges at once: we ask it to (XEP-0198 <r/>).
        const first = await visitor.send(agent, 'is anyone there?');
        await eventually(
          async () => (await visitor.store.get(agent, first.key))?.state === 'sent',
          'the first message to be acknowledged',
          3000,
        );
        const run = Math.random().toString(36).slice(2, 8);
        const bodies = Array.from({ length: COUNT }, (_, i) => `${run} #${i + 1}`);
        const faults = FAULTS[server];
        // Faults at evenly spread points while the visitor goes on typing.
        const faultAt = faults.map((_, i) => Math.round(((i + 1) * COUNT) / (faults.length + 1)));
        let faulting: Promise<void> = Promise.resolve();
        for (const [i, body] of bodies.entries()) {
          const f = faultAt.indexOf(i);
          if (f >= 0) {
            const fault = faults[f];
            faulting = faulting
              .then(() => inflict(server, fault))
              .then(() => sleep(SPACING_MS))
              .then(() => undefined);
          }
          await visitor.send(agent, body);
          await sleep(EVERY_MS);
        }
        await faulting;
        const sent = await eventually(
          async () => {
            const mine = (await history(visitor, agent)).filter((m) => m.direction === 'out');
            return mine.length === COUNT + 1 && mine.every((m) => m.state !== 'pending') && mine;
          },
          'every message to be acknowledged',
          60_000,
        );
        expect(
          sent.filter((m) => m.state === 'failed'),
          'failed messages',
        ).to.deep.equal([]);
        await sleep(500);
        const archive = await readArchive(server, agent, `pass-${agentName}`, `${visitorName}@${DOMAIN}`);
        const { lost, duplicated } = countBodies(archive, bodies);
        if (lost.length) {
          // Where they went missing: the sender's own archive, and what the widget says of them.
          const own = await readArchive(server, `${visitorName}@${DOMAIN}`, `pass-${visitorName}`, agent);
          const states = sent
            .filter((m) => lost.includes(m.body))
            .map((m) => `${m.body}: ${m.state}, in own archive ${own.filter((o) => o.body === m.body).length}×`);
          expect(lost, `lost (${states.join('; ')})`).to.deep.equal([]);
        }
        // A crash may cut off a message the server had archived but not yet acknowledged.
        expect(duplicated.length, `duplicated: ${duplicated.join(', ')}`).to.be.at.most(faults.filter((f) => f === 'crash').length);
      });
    });
  }
}
