/**
 * The soak (npm run soak): for each server and transport, a visitor and an agent write hundreds
 * of messages to each other while faults of every kind hit at random moments. The figures go to
 * test/artifacts/soak.json; scripts/soak.sh prints them and fails on a lost message or a copy
 * beyond what crashes explain.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { runScenario, seeded, type FaultKind, type ScenarioFigures } from '../integration/fault-scenario.ts';
import { SERVERS, TRANSPORTS, type ServerName } from '../integration/servers.ts';

/** ejabberd keeps its archive in Mnesia, which a crash may roll back: it is restarted cleanly. */
const KINDS: Record<ServerName, FaultKind[]> = {
  prosody: ['freeze', 'restart', 'crash', 'outage', 'stall', 'drop', 'blackhole', 'delay'],
  ejabberd: ['freeze', 'restart', 'stall', 'drop', 'blackhole', 'delay'],
};
const FAULTS_PER_RUN = 10;

describe('soak: a conversation under random faults', function () {
  this.timeout(30 * 60_000);

  for (const server of Object.keys(SERVERS) as ServerName[]) {
    for (const transport of TRANSPORTS) {
      it(`${server} over ${transport}`, async () => {
        const { perSide, seed } = await executeServerCommand<{ perSide: number; seed: number }, object>('soak-config', {});
        const random = seeded(seed);
        // Every kind once, then more at random, in a random order.
        const faults = [
          ...KINDS[server],
          ...Array.from(
            { length: FAULTS_PER_RUN - KINDS[server].length },
            () => KINDS[server][Math.floor(random() * KINDS[server].length)],
          ),
        ]
          .map((kind) => ({ kind, order: random() }))
          .sort((a, b) => a.order - b.order)
          .map(({ kind }) => kind);
        const result: ScenarioFigures = await runScenario({ server, transport, perSide, everyMs: 100, faults, seed });
        await executeServerCommand('soak-record', { rows: [{ ...result, seed }] });
      });
    }
  }
});
