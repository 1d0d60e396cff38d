/**
 * A big room in the one-tag widget: 1,000 occupants and 10,000 archived messages, served by a
 * stand-in server on loopback (test/runner/big-room.js: a real server cannot seat a thousand
 * occupants on the test machine, see there), over WebSocket, answering at once, so that the
 * figures are the widget's own.
 *
 * - join → messages: from the nickname form's submit (which calls join()) to the first frame
 *   with the archive's newest messages rendered;
 * - join → occupants: to the first frame whose people button counts everyone (the list is open);
 * - join → usable: to the first frame with the composer enabled and the messages shown;
 * - longest task, joining: the longest task (PerformanceObserver, 'longtask') from the submit
 *   until 3 s after, the thousand presences of the join included;
 * - longest task, floods: while every occupant changes its presence at once (1,000 presences),
 *   then half of them leave and as many come in (1,000 more), then all are back (1,000), each
 *   followed by 2 s of quiet;
 * - heap: the page's used JS heap at the end (performance.memory).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { closePages, deep, deepAll, page, waitFor } from '../e2e/pages.ts';
import { SERVERS, serviceUrl } from '../integration/servers.ts';

const OCCUPANTS = 1000;
const ARCHIVED = 10_000;
const USABLE_MAX_MS = 1000;
const LONG_TASK_MAX_MS = 50;
/** Real occupants on the shared Prosody: 150 cost it about 7 s of CPU to seat (and as much to see off). */
const REAL_OCCUPANTS = 150;
/** Kept from run to run: the archive is topped up to ARCHIVED messages only when short. */
const ARCHIVE_ROOM = `bench-archive-${ARCHIVED}@conference.localhost`;

type Frame = Window & typeof globalThis & { performance: Performance & { memory?: { usedJSHeapSize: number } } };

/** Resolves with the time (the frame's clock) of the first animation frame in which `check` holds. */
function firstFrame(win: Frame, check: () => boolean, what: string, timeoutMs = 20_000): Promise<number> {
  const started = win.performance.now();
  return new Promise((resolve, reject) => {
    const look = (now: number) => {
      if (check()) return resolve(now);
      if (now - started > timeoutMs) return reject(new Error(`not within ${timeoutMs} ms: ${what}`));
      win.requestAnimationFrame(look);
    };
    win.requestAnimationFrame(look);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unique = () => Math.random().toString(36).slice(2, 10);

interface Joined {
  doc: Document;
  win: Frame;
  /** The figures of the join, and `longestIn` for what follows. */
  figures: Record<string, number>;
  longestIn: (from: number, to: number) => number;
  everyoneCounted: () => boolean;
  tasks: string;
}

/**
 * Opens the one-tag room with the people list shown, gives a nickname, and times the join (the
 * first frame with the newest message `newest`, with all `everyone` counted, with the composer
 * enabled), then watches 3 s more for long tasks.
 */
async function openRoom(service: string, room: string, everyone: number, newest: RegExp): Promise<Joined> {
  for (const key of Object.keys(localStorage)) if (key.startsWith('xmpp-chat')) localStorage.removeItem(key);
  const frame = await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${service}"
    data-domain="anon.localhost" data-mode="room" data-room="${room}" data-title="A big room"></script>`);
  const doc = frame.contentDocument!;
  const win = frame.contentWindow as Frame;
  const tasks: { start: number; duration: number }[] = [];
  new win.PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const longestIn = (from: number, to: number) =>
    Math.round(Math.max(0, ...tasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration)));

  (await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher')).click();
  const input = await waitFor(() => deep<HTMLInputElement>(doc, '[part~="nick-input"]'), 'the nickname form');
  (await waitFor(() => deep(doc, '[part~="occupants-button"]'), 'the people button')).click();
  await sleep(1000); // past the sign-in's own work
  input.value = `bench-${unique()}`;

  // At least: on a real server someone of an earlier run may not have left yet.
  const everyoneCounted = () => {
    const count = /\(([\d,]+)\)/.exec(deep(doc, '[part~="occupants-button"]')?.textContent ?? '')?.[1];
    return Number(count?.replace(',', '')) >= everyone;
  };
  const bodies = () => deepAll(doc, '[part~="message-body"]');
  const composer = () => deep<HTMLTextAreaElement>(doc, 'textarea');
  const joined = win.performance.now();
  input.form!.requestSubmit();
  const [messagesAt, occupantsAt, usableAt] = await Promise.all([
    firstFrame(win, () => bodies().some((b) => newest.test(b.textContent ?? '')), 'the newest messages'),
    firstFrame(win, () => everyoneCounted() && deepAll(doc, '[part~="occupant"]').length > 0, 'everyone listed'),
    firstFrame(win, () => !!composer() && !composer()!.disabled && bodies().length > 0, 'the room usable'),
  ]).catch((error: Error) => {
    throw new Error(`${error.message} (people button: ${deep(doc, '[part~="occupants-button"]')?.textContent})`);
  });
  await sleep(3000);
  return {
    doc,
    win,
    figures: {
      'join → messages ms': Math.round(messagesAt - joined),
      'join → occupants ms': Math.round(occupantsAt - joined),
      'join → usable ms': Math.round(usableAt - joined),
      'longest task joining ms': longestIn(joined, win.performance.now()),
    },
    longestIn,
    everyoneCounted,
    get tasks() {
      return tasks.map((t) => `${Math.round(t.start - joined)}: ${Math.round(t.duration)}`).join(', ');
    },
  };
}

const heapMB = (win: Frame) => Math.round((win.performance.memory?.usedJSHeapSize ?? NaN) / 1e5) / 10;

describe('a room of a thousand', function () {
  this.timeout(180_000);
  const rows: Record<string, unknown>[] = [];
  after(() => executeServerCommand('bench-record', { section: 'roomLoad', rows }));
  afterEach(() => closePages());

  for (const cpu of [1, 4])
    it(`${OCCUPANTS} occupants, ${ARCHIVED} archived messages (stand-in server), CPU ${cpu}× slower`, async () => {
      const room = `big-${unique()}@conference.localhost`;
      const port = await executeServerCommand<number, object>('big-room-start', { room, occupants: OCCUPANTS, archived: ARCHIVED });
      await executeServerCommand('cpu-throttle', { rate: cpu });
      try {
        const joined = await openRoom(`ws://127.0.0.1:${port}/`, room, OCCUPANTS + 1, /archived message 10000 of/);
        const floods: Array<[string, Record<string, unknown>]> = [
          ['big-room-flood', { port, show: 'away' }],
          ['big-room-churn', { port, count: OCCUPANTS / 2 }],
          ['big-room-flood', { port, show: '' }],
        ];
        const floodStart = joined.win.performance.now();
        let presences = 0;
        for (const [command, payload] of floods) {
          presences += await executeServerCommand<number, Record<string, unknown>>(command, payload);
          await sleep(2000);
        }
        await waitFor(joined.everyoneCounted, 'everyone listed after the floods');
        rows.push({
          server: 'stand-in',
          cpu: `${cpu}×`,
          occupants: OCCUPANTS,
          archived: ARCHIVED,
          ...joined.figures,
          'flood presences': presences,
          'longest task floods ms': joined.longestIn(floodStart, joined.win.performance.now()),
          'heap MB': heapMB(joined.win),
        });
        console.log(JSON.stringify(rows.at(-1)), 'long tasks (ms after the join: ms)', joined.tasks);
      } finally {
        await executeServerCommand('cpu-throttle', { rate: 1 });
        const unknown = await executeServerCommand<string[], object>('big-room-stop', { port });
        if (unknown.length) console.log(`asked of the stand-in server, not answered: ${unknown.join(', ')}`);
      }
    });

  // The same on Prosody 0.12: the real archive (filled once, kept while the server runs) and as
  // many real occupants as the shared server seats in seconds (each joiner's presence goes to all).
  it(`${REAL_OCCUPANTS} occupants, ${ARCHIVED} archived messages on Prosody 0.12`, async () => {
    const load = async (room: string, what: Record<string, unknown>) => {
      await executeServerCommand('room-load-start', { server: 'prosody', room, ...what });
      for (;;) {
        const result = await executeServerCommand<{ done: boolean; event?: string; why?: string }, object>('room-load-wait', { room });
        if (result.done && result.event === 'error') throw new Error(`the room's load failed: ${result.why}`);
        if (result.done) return result;
      }
    };
    const filled = (await load(ARCHIVE_ROOM, { messages: ARCHIVED })) as { newestPageMs?: number };
    console.log(`the archive: ${JSON.stringify(filled)}`);
    try {
      const seated = await load(ARCHIVE_ROOM, { occupants: REAL_OCCUPANTS, rampMs: 3000 });
      console.log(`the occupants: ${JSON.stringify(seated)}`);
      const joined = await openRoom(
        serviceUrl('websocket', SERVERS.prosody.httpPort),
        ARCHIVE_ROOM,
        REAL_OCCUPANTS + 1,
        /archived message 10000 of/,
      );
      rows.push({
        server: 'Prosody 0.12',
        cpu: '1×',
        occupants: REAL_OCCUPANTS,
        archived: ARCHIVED,
        ...joined.figures,
        "server's newest 100 ms": filled.newestPageMs,
        'heap MB': heapMB(joined.win),
      });
      console.log(JSON.stringify(rows.at(-1)), 'long tasks (ms after the join: ms)', joined.tasks);
    } finally {
      await executeServerCommand('room-load-stop', { room: ARCHIVE_ROOM });
    }
  });

  // The goals are the widget's: on the stand-in server, on the machine as it is (four times slower
  // shows the margin; on Prosody the server's own time to read its archive counts too).
  it('within the goals', () => {
    const over = rows.filter(
      (r) =>
        r.server === 'stand-in' &&
        r.cpu === '1×' &&
        ((r['join → usable ms'] as number) > USABLE_MAX_MS ||
          (r['longest task floods ms'] as number) > LONG_TASK_MAX_MS ||
          (r['longest task joining ms'] as number) > LONG_TASK_MAX_MS),
    );
    if (over.length)
      throw new Error(`over the goals (usable in ${USABLE_MAX_MS} ms, no task over ${LONG_TASK_MAX_MS} ms): ${JSON.stringify(over)}`);
  });
});
