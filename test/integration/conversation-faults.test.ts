/**
 * The fast part of the soak (npm run soak runs it long): a visitor and an agent write to each
 * other while their links are cut, stalled and black-holed and the server stalls or restarts.
 * Nothing lost, nothing sent twice, in both archives (read by slixmpp) and in both widgets.
 */
import { expect } from '@esm-bundle/chai';
import { runScenario, type FaultKind } from './fault-scenario.ts';
import { SERVERS, TRANSPORTS, type ServerName } from './servers.ts';

const FAULTS: Record<ServerName, FaultKind[]> = { prosody: ['drop', 'stall', 'freeze'], ejabberd: ['blackhole', 'drop', 'restart'] };

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`a conversation under faults on ${server} over ${transport}`, function () {
      this.timeout(240_000);

      it(`${FAULTS[server].join(', ')}: every message once in both archives and both widgets`, async () => {
        const result = await runScenario({ server, transport, perSide: 10, everyMs: 150, faults: FAULTS[server], seed: 20261202 });
        // ejabberd 23.01 archives a second copy of what it held for a BOSH session whose link died
        // when it later re-routes it (at a restart): the server's copy, counted apart (README).
        const serverMayCopy = server === 'ejabberd' && transport === 'bosh';
        const problems = result.details.filter((d) => !(serverMayCopy && d.endsWith("once in the sender's")));
        expect(problems, `faults: ${result.faults}\n${result.timeline?.join('\n')}`).to.deep.equal([]);
        expect(result).to.include({ lost: 0, duplicated: 0, shownTwice: 0, stillPending: 0 });
        if (!serverMayCopy) expect(result.copiedByServer).to.equal(0);
      });
    });
  }
}
