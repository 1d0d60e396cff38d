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

// Without a build (only the login bench run, say) the chunks are left as they were.
const built = await readdir('dist').then(
  () => true,
  () => false,
);
if (built) {
  report.chunks = [];
  for await (const path of files('dist')) {
    const bytes = await readFile(path);
    report.chunks.push({ file: relative('dist', path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  report.chunks.sort((a, b) => a.file.localeCompare(b.file));
  await writeFile(REPORT, JSON.stringify(report, null, 2));
}

for (const [section, rows] of Object.entries(report)) {
  console.log(`\n${section}`);
  if (section === 'login') printLogins(rows);
  else if (section === 'launcher') printLauncher(rows);
  else console.table(rows);
}

/**
 * Sign-ins as a Markdown table, as the README shows them: time over the runs, and round trips
 * before the session is usable (as test/bench/round-trips.ts counts them).
 */
function printLogins(rows) {
  const header = ['server', 'transport', 'link', 'sign-in', 'median ms', 'min ms', 'max ms', 'round trips', 'mechanism'];
  const lines = rows.map((r) =>
    r.note
      ? [r.server, r.transport, r.link, r.signIn, r.note, '', '', '', '']
      : [r.server, r.transport, r.link, r.signIn, r.medianMs, r.minMs, r.maxMs, r.roundTrips, r.mechanism].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n'));
}

/** The launcher against the floor (scripts/launcher-bench.js), as the README shows it. */
function printLauncher(rows) {
  const header = ['CPU', 'floor ms', 'ours ms', 'ours − floor ms', 'runs'];
  const lines = rows.map((r) => [r.cpu, r.floorPaintMs, r.widgetPaintMs, r.aboveFloorMs, r.runs].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n'));
}

// Budgets: the bench fails when one is exceeded.
const login = (server, transport, signIn, link = 'loopback') =>
  report.login?.find((r) => r.server === server && r.transport === transport && r.link === link && r.signIn === signIn && !r.note);
// SASL2 with Bind 2, and a FAST token, must take fewer round trips than SASL and binding where offered.
const fewerTrips = (report.login ?? [])
  .filter((r) => r.signIn !== 'SASL, password' && !r.note)
  .map((r) => ({
    what: `${r.signIn} on ${r.server} over ${r.transport} (${r.link}): round trips`,
    unit: '',
    value: r.roundTrips,
    max: (login(r.server, r.transport, 'SASL, password', r.link)?.roundTrips ?? NaN) - 1,
  }));
const budgets = [
  { what: 'BOSH login on Prosody, median', unit: 'ms', value: login('prosody', 'bosh', 'SASL, password')?.medianMs, max: 150 },
  ...fewerTrips,
  // The storage bench records its own budget rows (max given); the roster must show from the cache at once.
  ...(report.storage ?? []).filter((row) => row.max !== undefined).map((row) => ({ ...row, what: row.what.replace(/^budget: /, '') })),
  ...(report.launcher ?? []).map((row) => ({ what: `launcher above the floor, ${row.cpu}`, unit: 'ms', value: row.aboveFloorMs, max: 20 })),
  // The widget's start-up on the demo shop (scripts/start-up-tasks.js): no task that would be a long
  // one (over 50 ms) under 4× CPU throttling, estimated as 4 × its CPU time.
  ...(report.startUpTasks?.rows ?? [])
    .filter((row) => row.figure.startsWith("the widget's longest task"))
    .map((row) => ({ what: "the widget's longest start-up task × 4 (CPU time)", unit: 'ms', value: Math.round(row.median * 4), max: 50 })),
  // The demo shop with and without the widget, throttling applied (scripts/lighthouse-bench.js): the
  // widget adds no layout shift, and no blocking time beyond what a busy machine adds to either page.
  ...(report.lighthouse?.rows ?? [])
    .filter((row) => row.throttling === 'devtools' && (row.figure === 'tbtMs' || row.figure === 'cls'))
    .map((row) => ({
      what: `Lighthouse, throttling applied: ${row.figure === 'cls' ? 'layout shift' : 'Total Blocking Time'} the widget adds`,
      unit: row.figure === 'cls' ? '' : 'ms',
      value: row.added,
      max: row.figure === 'cls' ? 0 : 25,
    })),
  ...(report.roster ?? []).map((row) => ({
    what: `2,000 contacts from the cache on ${row.server}`,
    unit: 'ms',
    value: row.fromCacheBeforeConnectMs,
    max: 100,
  })),
  // The desk under load (test/bench/desk-load.bench.ts): every message stored once, no long task, p99 under 1 s.
  ...(report.deskLoad ?? []).flatMap((row) => [
    { what: `${row.visitors} visitors: messages not stored exactly once`, unit: '', value: row.messages - row['stored once'], max: 0 },
    { what: `${row.visitors} visitors: the agent page's longest task`, unit: 'ms', value: row['longest task ms'], max: 50 },
    { what: `${row.visitors} visitors: send to the agent's inbox, p99`, unit: 'ms', value: row['p99 ms'], max: 1000 },
  ]),
  // A room of a thousand (test/bench/room-load.bench.ts): usable within 1 s of joining, no long task; on the machine as it is.
  ...(report.roomLoad ?? [])
    .filter((row) => row.server === 'stand-in' && row.cpu === '1×')
    .flatMap((row) => [
      { what: `${row.occupants} occupants (${row.server}): join to usable`, unit: 'ms', value: row['join → usable ms'], max: 1000 },
      {
        what: `${row.occupants} occupants (${row.server}): longest task joining`,
        unit: 'ms',
        value: row['longest task joining ms'],
        max: 50,
      },
      ...(row['flood presences']
        ? [
            {
              what: `${row.occupants} occupants (${row.server}): longest task in presence floods`,
              unit: 'ms',
              value: row['longest task floods ms'],
              max: 50,
            },
          ]
        : []),
    ]),
];
let over = 0;
for (const { what, unit, value, max } of budgets) {
  const ok = typeof value === 'number' && value <= max;
  if (!ok) over++;
  const u = unit ? ` ${unit}` : '';
  console.log(`${ok ? 'within' : 'OVER'} budget: ${what} ${value ?? 'not measured'}${u} (max ${max}${u})`);
}
process.exitCode = over > 0 ? 1 : 0;
