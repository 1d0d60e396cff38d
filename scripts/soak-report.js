// Prints the soak's figures and fails when a message was lost or sent more often than crashes
// explain (a crash may cut off one message in flight per side).
import { readFile } from 'node:fs/promises';

const rows = JSON.parse(await readFile('test/artifacts/soak.json', 'utf8').catch(() => '[]'));
if (rows.length === 0) {
  console.error('soak: no figures were recorded (see the test output above)');
  process.exit(1);
}
const COLUMNS = [
  'server',
  'transport',
  'messages',
  'lost',
  'duplicated',
  'crashes',
  'copiedByServer',
  'shownTwice',
  'stillPending',
  'longestRecoveryMs',
];
console.table(rows.map((row) => ({ ...Object.fromEntries(COLUMNS.map((c) => [c, row[c]])), faults: row.faults.split('; ').length })));
let failed = 0;
for (const row of rows) {
  const bound = row.crashes * 2;
  const bad = row.lost > 0 || row.duplicated > bound || row.shownTwice > 0 || row.stillPending > 0;
  if (!bad && row.details.length === 0) continue;
  console.log(`\n${row.server} over ${row.transport} (seed ${row.seed}): ${row.faults}`);
  for (const line of row.details) console.log(`  ${line}`);
  if (bad) failed++;
}
const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
console.log(
  `\n${total('messages')} messages, ${rows.reduce((n, r) => n + r.faults.split('; ').length, 0)} faults: ${total('lost')} lost, ` +
    `${total('duplicated')} sent twice (${total('crashes')} crashes), ${total('copiedByServer')} copied by a server, ` +
    `longest recovery ${Math.max(...rows.map((r) => r.longestRecoveryMs))} ms`,
);
process.exit(failed ? 1 : 0);
