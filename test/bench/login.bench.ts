/** Login time per server × transport: median of 20 logins, each from createClient() to connected. */
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient } from '../../src/index.ts';
import { SERVERS, TRANSPORTS, accountOptions, serviceUrl, type ServerName } from '../integration/servers.ts';

const RUNS = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

it('measures login times', async function () {
  this.timeout(600_000);
  const rows = [];
  for (const server of Object.keys(SERVERS) as ServerName[]) {
    for (const transport of TRANSPORTS) {
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      const times: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const client = createClient(accountOptions('carol', service));
        const start = performance.now();
        await client.connect();
        const elapsed = performance.now() - start;
        await client.disconnect();
        if (i > 0) times.push(elapsed); // the first run also loads the transport's module
      }
      rows.push({
        server,
        transport,
        runs: RUNS,
        medianMs: Math.round(median(times)),
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
      });
    }
  }
  await executeServerCommand('bench-record', { section: 'login', rows });
});
