/**
 * Finding our server's HTTP File Upload service (XEP-0363 §3): the server itself, or the first of
 * its items (XEP-0030) that offers `urn:xmpp:http:upload:0`, with its size limit.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { buildDiscoInfoGet } from '../stanza/disco.ts';
import { buildDiscoItemsGet, parseDiscoItems, parseUploadService, type UploadService } from '../stanza/upload.ts';

export interface UploadServiceDeps {
  client: Client;
  /** Our server's domain. */
  domain: () => string;
}

/**
 * Returns the lookup: the upload service of the current session, or undefined when the server
 * has none. The answer is kept for the session (a new one may be on a server set up anew); a
 * lookup that failed for want of a connection is made again on the next call.
 */
export function createUploadServiceLookup({ client, domain }: UploadServiceDeps): () => Promise<UploadService | undefined> {
  let kept: { epoch: number; answer: Promise<UploadService | undefined> } | undefined;
  return () => {
    if (kept && kept.epoch === client.epoch) return kept.answer;
    const entry = { epoch: client.epoch, answer: findService(client, domain()) };
    kept = entry;
    entry.answer.catch(() => {
      if (kept === entry) kept = undefined; // the caller hears of it; the next call asks again
    });
    return entry.answer;
  };
}

/** An entity that refuses disco (a stanza error) offers nothing; a lost connection is an error. */
function nothing(error: unknown): undefined {
  if (error instanceof StanzaError) return undefined;
  throw error;
}

async function findService(client: Client, domain: string): Promise<UploadService | undefined> {
  // The server's own info and its items at once: one round trip when the server is the service.
  const [own, items] = await Promise.all([
    client.iq(buildDiscoInfoGet(domain)).then((iq) => parseUploadService(iq, domain), nothing),
    client.iq(buildDiscoItemsGet(domain)).then((iq) => parseDiscoItems(iq, domain), nothing),
  ]);
  if (own) return own;
  const services = await Promise.all(
    (items ?? []).map((jid) => client.iq(buildDiscoInfoGet(jid)).then((iq) => parseUploadService(iq, jid), nothing)),
  );
  return services.find((service) => service !== undefined);
}
