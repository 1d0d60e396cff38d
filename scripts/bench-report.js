// Adds the gzip size of every built chunk to the bench report and prints it as tables.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const REPORT = 'test/artifacts/bench.json';
const report = JSON.parse(await readFile(REPORT, 'utf8').catch(() => '{}'));

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

report.chunks = [];
for await (const path of files('dist')) {
  const bytes = await readFile(path);
  report.chunks.push({ file: relative('dist', path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
}
report.chunks.sort((a, b) => a.file.localeCompare(b.file));
await writeFile(REPORT, JSON.stringify(report, null, 2));

for (const [section, rows] of Object.entries(report)) {
  console.log(`\n${section}`);
  console.table(rows);
}

// Budgets: the bench fails when one is exceeded.
const loginMedian = (server, transport) => report.login?.find((r) => r.server === server && r.transport === transport)?.medianMs;
const budgets = [
  { what: 'BOSH login on Prosody, median', unit: 'ms', value: loginMedian('prosody', 'bosh'), max: 150 },
  // The storage bench records its own budget rows (max given); the roster must show from the cache at once.
  ...(report.storage ?? []).filter((row) => row.max !== undefined).map((row) => ({ ...row, what: row.what.replace(/^budget: /, '') })),
  ...(report.roster ?? []).map((row) => ({
    what: `2,000 contacts from the cache on ${row.server}`,
    unit: 'ms',
    value: row.fromCacheBeforeConnectMs,
    max: 100,
  })),
];
let over = 0;
for (const { what, unit, value, max } of budgets) {
  const ok = typeof value === 'number' && value <= max;
  if (!ok) over++;
  console.log(`${ok ? 'within' : 'OVER'} budget: ${what} ${value ?? 'not measured'} ${unit} (max ${max} ${unit})`);
}
process.exitCode = over > 0 ? 1 : 0;
