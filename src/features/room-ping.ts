/**
 * Self-ping (XEP-0410): a room can drop us without telling (its server restarted, a link between
 * servers broke). While we are in a room we ping our own occupant address now and then, and soon
 * after the page comes back; an answer that says we are not in means joining again.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { buildSelfPing, selfPingVerdict } from '../stanza/self-ping.ts';

const EVERY_MS = 60_000;
const SOON_MS = 2_000;

export interface SelfPingDeps {
  client: Client;
  room: string;
  nick: () => string | undefined;
  /** The room says we are not in it. */
  lost: () => void;
}

export interface SelfPing {
  start(): void;
  stop(): void;
  /** Checks in a moment (the stream resumed, the page became visible), if started. */
  soon(): void;
}

export function createSelfPing({ client, room, nick, lost }: SelfPingDeps): SelfPing {
  let interval: ReturnType<typeof setInterval> | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;

  async function check(): Promise<void> {
    const name = nick();
    if (!name || interval === undefined || client.status !== 'connected') return;
    const verdict = await client.iq(buildSelfPing(room, name)).then(
      () => 'joined',
      // No answer, or a lost link, tells nothing: the next ping asks again.
      (error: unknown) => (error instanceof StanzaError ? selfPingVerdict(error.condition) : 'unknown'),
    );
    if (verdict === 'not-joined' && interval !== undefined && nick() === name) lost();
  }
  const run = () => void check();

  return {
    start() {
      clearInterval(interval);
      interval = setInterval(run, EVERY_MS);
    },
    stop() {
      clearInterval(interval);
      clearTimeout(soonTimer);
      interval = undefined;
    },
    soon() {
      if (interval === undefined) return;
      clearTimeout(soonTimer);
      soonTimer = setTimeout(run, SOON_MS);
    },
  };
}
