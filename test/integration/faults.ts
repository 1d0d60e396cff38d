/**
 * The fault bed: what a test can do to the real servers (freeze, thaw, crash, start again,
 * restart cleanly) and to the links to them (through the loopback proxy in servers.ts), and the
 * server's archive as a third-party client (slixmpp) reads it — the judge of exactly-once.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { AnyServerName } from './servers.ts';

export type ServerAction = 'restart' | 'freeze' | 'thaw' | 'kill' | 'start-kept' | 'stop';
/** The two nodes of the ejabberd cluster (scripts/servers.sh's cluster-a and cluster-b). */
export type ClusterNode = 'cluster-a' | 'cluster-b';

/** Runs one of scripts/servers.sh's actions on a server and waits until it is done. */
export async function serverAction(server: AnyServerName | ClusterNode, action: ServerAction): Promise<void> {
  await executeServerCommand('server-restart', { server, action });
  for (;;) {
    const result = await executeServerCommand<{ done: boolean; error?: string }, { server: string }>('server-restart-wait', { server });
    if (result?.error) throw new Error(`${action} of ${server} failed: ${result.error}`);
    if (result?.done) return;
  }
}

/** A crash: the server is killed (no goodbye to anyone) and started again on its data. */
export async function crash(server: AnyServerName, downMs = 0): Promise<void> {
  await serverAction(server, 'kill');
  if (downMs) await new Promise((r) => setTimeout(r, downMs));
  await serverAction(server, 'start-kept');
}

/** A stall: the server stops answering for `ms` (SIGSTOP), links stay open, then it goes on. */
export async function freeze(server: AnyServerName, ms: number): Promise<void> {
  await serverAction(server, 'freeze');
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    await serverAction(server, 'thaw');
  }
}

export interface ArchivedMessage {
  archiveId: string;
  from: string;
  to: string;
  id?: string;
  originId?: string;
  body?: string;
  /** Beyond text, as a client that knows these extensions reads them (test/runner/read-archive.py). */
  oob?: string;
  file?: Record<string, string>;
  reactions?: { id: string; emojis: string[] };
  reply?: { id: string; to?: string };
  retract?: string;
  replace?: string;
}

/** Sends one message as slixmpp does (a third-party client), with extension elements as XML; its id. */
export async function thirdPartySend(
  server: AnyServerName,
  from: { jid: string; password: string },
  to: string,
  body: string,
  extensions: string[] = [],
): Promise<string> {
  const result = await executeServerCommand<{ id?: string; error?: string }, object>('third-party-send', {
    server,
    ...from,
    to,
    body,
    extensions,
  });
  if (!result?.id) throw new Error(`slixmpp could not send as ${from.jid}: ${result?.error ?? 'no answer'}`);
  return result.id;
}

/** What `url` serves to a client outside the browser: its status, size and SHA-256 (hex). */
export const httpDigest = (url: string) =>
  executeServerCommand<{ status: number; size: number; sha256: string }, object>('http-digest', { url }) as Promise<{
    status: number;
    size: number;
    sha256: string;
  }>;

/** Every message in `jid`'s archive (optionally only with `withJid`), in archive order. */
export async function readArchive(
  server: AnyServerName | ClusterNode,
  jid: string,
  password: string,
  withJid?: string,
): Promise<ArchivedMessage[]> {
  const result = await executeServerCommand<{ messages?: ArchivedMessage[]; error?: string }, object>('archive-read', {
    server,
    jid,
    password,
    withJid,
  });
  if (!result?.messages) throw new Error(`reading the archive of ${jid} failed: ${result?.error ?? 'no answer'}`);
  return result.messages;
}

/** How often each body occurs: the archive's verdict on lost (0) and duplicated (> 1) messages. */
export function countBodies(messages: ArchivedMessage[], bodies: string[]): { lost: string[]; duplicated: string[] } {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.body) counts.set(m.body, (counts.get(m.body) ?? 0) + 1);
  return {
    lost: bodies.filter((b) => !counts.get(b)),
    duplicated: bodies.filter((b) => (counts.get(b) ?? 0) > 1),
  };
}
