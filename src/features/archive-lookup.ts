/**
 * Which of our messages the server already has, read from our own archive (XEP-0313 keeps the
 * messages we send too). After a session the server lost (a crash, a restart, a session that
 * could not be resumed) this tells a message that got through from one that did not, so the
 * outbox sends again only what is really missing.
 */
import type { Client } from '../client.ts';
import { buildMamQuery, parseMamFin, parseMamResult } from '../stanza/mam.ts';
import { newStanzaId, parseChatMessage } from '../stanza/message.ts';

/** How far back, from the newest archived message, we look for a conversation's pending messages. */
const PAGE = 100;
const MAX_PAGES = 5;
/** Archive stamps are the server's clock, message times ours: allow for clocks that disagree. */
const CLOCK_SLACK_MS = 60 * 60_000;

export interface ArchiveLookupDeps {
  client: Client;
  /** Our bare JID: whose archive this is. */
  account: () => string;
}

/**
 * Looks for `ids` (stanza ids and origin-ids of messages we sent to `peer` since `since`, our
 * clock) in the newest pages of our archive of the conversation; resolves with those found. A
 * failed query rejects: the caller cannot tell, and must not assume either way.
 */
export function findInArchive({ client, account }: ArchiveLookupDeps, peer: string, ids: string[], since: number): Promise<Set<string>> {
  return findIn(client, { archive: account(), with: peer }, ids, since);
}

/**
 * The same in any archive: `archive` is whose it is (our account, or a room, XEP-0313 §6), queried
 * at `to` (left out for our own) for the messages `with` someone (left out for all of them).
 */
export async function findIn(
  client: Client,
  where: { archive: string; to?: string; with?: string },
  ids: string[],
  since: number,
): Promise<Set<string>> {
  const wanted = new Set(ids);
  const found = new Set<string>();
  let before: string | true = true;
  for (let page = 0; page < MAX_PAGES && found.size < wanted.size; page++) {
    const queryId = newStanzaId();
    let oldestStamp = Infinity;
    const off = client.on('stanza', (stanza) => {
      const result = parseMamResult(stanza, queryId, where.archive);
      if (!result) return;
      if (result.stamp) oldestStamp = Math.min(oldestStamp, Date.parse(result.stamp));
      const message = parseChatMessage(result.message);
      for (const id of [message?.id, message?.originId]) if (id && wanted.has(id)) found.add(id);
    });
    try {
      const fin = parseMamFin(await client.iq(buildMamQuery({ queryId, with: where.with, to: where.to, before, max: PAGE })));
      if (!fin || fin.complete || !fin.first || oldestStamp < since - CLOCK_SLACK_MS) break;
      before = fin.first;
    } finally {
      off();
    }
  }
  return found;
}
