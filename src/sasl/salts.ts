/**
 * The salt and iteration count a server uses for an account's SCRAM login, read without logging
 * in: a SASL exchange is begun (RFC 5802 §5.1, the server's first message carries them) and
 * aborted (RFC 6120 §6.4.4). Each mechanism is asked twice: a server that keeps passwords in clear
 * salts every login anew (ejabberd's default `auth_password_format: plain`), and then keys derived
 * from one salt will not log in again.
 */
import { openPreLoginStream, type PreLoginEndpoint, type PreLoginStream } from '../prelogin-stream.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from '../stanza/element.ts';
import { ScramClient, type ScramHash, type ScramMechanismName } from './scram.ts';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
export const SCRAM_HASHES: Record<ScramMechanismName, ScramHash> = { 'SCRAM-SHA-256': 'SHA-256', 'SCRAM-SHA-1': 'SHA-1' };

export interface ScramSalt {
  salt: string;
  iterations: number;
}

export type ScramSalts = Partial<Record<ScramMechanismName, ScramSalt>>;

/** The stable salt per SCRAM mechanism offered for `username`; empty when none is stable or offered. */
export async function scramSalts(endpoint: PreLoginEndpoint, username: string): Promise<ScramSalts> {
  const stream = await openPreLoginStream(endpoint);
  try {
    return await scramSaltsOn(stream, username);
  } finally {
    stream.close();
  }
}

/** As `scramSalts`, on a stream already open (the one that registered the account). */
export async function scramSaltsOn(stream: PreLoginStream, username: string): Promise<ScramSalts> {
  const mechanisms = stream.features && childOf(stream.features, 'mechanisms', NS_SASL);
  const offered = new Set(mechanisms ? childrenOf(mechanisms, 'mechanism').map(textOf) : []);
  const salts: ScramSalts = {};
  for (const [mechanism, hash] of Object.entries(SCRAM_HASHES) as [ScramMechanismName, ScramHash][]) {
    if (!offered.has(mechanism)) continue;
    const first = await begin(mechanism, hash);
    const second = first && (await begin(mechanism, hash));
    if (first && second && first.salt === second.salt && first.iterations === second.iterations) salts[mechanism] = first;
  }
  return salts;

  /** One begun and aborted exchange: the server's salt, or undefined when it refused to begin. */
  async function begin(mechanism: ScramMechanismName, hash: ScramHash): Promise<ScramSalt | undefined> {
    const client = new ScramClient(hash, { username });
    const isSasl = (el: XmlElement) =>
      el.attrs.xmlns === NS_SASL && (el.name === 'challenge' || el.name === 'failure' || el.name === 'success');
    const auth = xml('auth', { xmlns: NS_SASL, mechanism }, btoa(bytes(client.clientFirst())));
    const answer = await stream.request(auth, isSasl);
    if (answer.name !== 'challenge') return undefined;
    await stream.request(xml('abort', { xmlns: NS_SASL }), isSasl);
    return client.saltOf(fromBytes(atob(textOf(answer))));
  }
}

const bytes = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));
const fromBytes = (data: string) => new TextDecoder().decode(Uint8Array.from(data, (c) => c.charCodeAt(0)));
