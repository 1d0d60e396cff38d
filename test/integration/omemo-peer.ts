/**
 * OMEMO clients played by slixmpp with python-omemo (test/runner/omemo-peer.py, OMEMO 0.3 and 2), driven
 * through the runner's `omemo-peer-*` commands: the third-party implementation the widget's OMEMO is
 * tested against.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { eventually } from './chat-helpers.ts';
import { DOMAIN, type AnyServerName } from './servers.ts';

export type OmemoVersion = '0.3' | '2';

/** The body an encrypted message carries for clients without OMEMO: all the server sees of it. */
export const FALLBACK = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that.';

/** A device the peer knows, its own account's or a contact's. */
export interface OmemoDevice {
  deviceId: number;
  versions: OmemoVersion[];
  /** The identity key as clients show it: hex in groups of eight. */
  fingerprint: string;
  /** The identity key, base64 of its Ed25519 form (python-omemo's; the fingerprint shows the Curve25519 form). */
  identityKey: string;
  /** `blind` (blind trust before verification), `verified`, `distrusted` or `undecided`. */
  trust: string;
  own: boolean;
}

/** What the peer reports, one object per thing that happened (see omemo-peer.py). */
export interface OmemoEvent {
  event: string;
  from?: string;
  id?: string;
  body?: string | null;
  encrypted?: boolean;
  version?: OmemoVersion | null;
  deviceId?: number | null;
  /** `sent` or `received` for a carbon (XEP-0280), else null. */
  carbon?: 'sent' | 'received' | null;
  /** A correction (XEP-0308): the id of the message it replaces, else null. */
  replaces?: string | null;
  /** OMEMO 2: the sender in the XEP-0420 envelope. */
  envelopeFrom?: string | null;
  forUs?: boolean;
  why?: string;
}

/** One message of the peer's archive, decrypted where it could be. */
export interface OmemoArchived {
  archiveId: string;
  from: string;
  to: string;
  id: string;
  /** The decrypted text (or the plain body of an unencrypted message). */
  body: string | null;
  /** The body as the server holds it: the fallback text of an encrypted message. */
  fallbackBody: string | null;
  encrypted: boolean;
  version: OmemoVersion | null;
  deviceId: number | null;
  /** Opened before (live): its keys are spent, and the text comes from the peer's own record. */
  known: boolean;
  keysOnly: boolean;
  error: string | null;
}

export interface OmemoPeerOptions {
  /** The device's name: the same name restarts the same device, another is another device of the account. */
  device?: string;
  versions?: OmemoVersion[];
  /** Signs in without presence (messages wait on the server) until its first archive read. */
  offline?: boolean;
}

export interface OmemoPeer {
  id: string;
  jid: string;
  deviceId: number;
  fingerprint: string;
}

interface Answer {
  event: string;
  why?: string;
}

const started: string[] = [];

function checked<T extends Answer>(answer: T, what: string): T {
  if (answer.event === 'error' || answer.event === 'send-failed') throw new Error(`OMEMO peer: ${what} failed: ${answer.why}`);
  return answer;
}

export const omemoPeer = {
  /** Signs in `account@localhost` (password `pass-<account>`) as an OMEMO device; resolves once it is published. */
  async start(
    server: AnyServerName,
    account: string,
    { device = 'main', versions = ['0.3', '2'], offline = false }: OmemoPeerOptions = {},
  ): Promise<OmemoPeer> {
    const jid = `${account}@${DOMAIN}`;
    const answer = await executeServerCommand<Answer & { id: string; deviceId: number; fingerprint: string }, Record<string, unknown>>(
      'omemo-peer-start',
      {
        server,
        jid,
        password: `pass-${account}`,
        device,
        versions,
        offline,
      },
    );
    started.push(answer.id);
    checked(answer, `starting ${jid} (${device})`);
    return { id: answer.id, jid, deviceId: answer.deviceId, fingerprint: answer.fingerprint };
  },
  /** An encrypted message to `to` (a bare JID); `both`: each of its devices gets the newest version it publishes. */
  async send(peer: OmemoPeer, to: string, body: string, version: OmemoVersion | 'both' = 'both') {
    const answer = await executeServerCommand<Answer & { id: string; versions: OmemoVersion[]; errors: string[] }, Record<string, string>>(
      'omemo-peer-send',
      {
        id: peer.id,
        to,
        body,
        version,
      },
    );
    return checked(answer, `sending "${body}"`);
  },
  sendPlain: (peer: OmemoPeer, to: string, body: string) => executeServerCommand('omemo-peer-send-plain', { id: peer.id, to, body }),
  async archive(peer: OmemoPeer, withJid?: string): Promise<OmemoArchived[]> {
    const answer = await executeServerCommand<Answer & { messages?: OmemoArchived[]; error?: string }, Record<string, string | undefined>>(
      'omemo-peer-archive',
      { id: peer.id, with: withJid },
    );
    if (!answer.messages) throw new Error(`OMEMO peer: reading the archive failed: ${answer.error ?? answer.why}`);
    return answer.messages;
  },
  /** The devices of `jid` as the peer fetches them, or of its own account. */
  async devices(peer: OmemoPeer, jid?: string): Promise<OmemoDevice[]> {
    const answer = await executeServerCommand<Answer & { devices: OmemoDevice[] }, Record<string, string | undefined>>(
      'omemo-peer-devices',
      { id: peer.id, jid },
    );
    return checked(answer, 'listing devices').devices;
  },
  events: async (peer: OmemoPeer) => (await executeServerCommand<OmemoEvent[], { id: string }>('omemo-peer-events', { id: peer.id })) ?? [],
  /** The decrypted message `body` as the peer received it, waited for. */
  received: (peer: OmemoPeer, body: string): Promise<OmemoEvent> =>
    eventually(
      async () => (await omemoPeer.events(peer)).find((e) => e.event === 'message' && e.body === body),
      `${peer.jid} receiving "${body}"`,
    ),
  stop: (peer: OmemoPeer) => executeServerCommand('omemo-peer-stop', { id: peer.id }),
  /** Stops every peer started since the last call. */
  stopAll: () => Promise.all(started.splice(0).map((id) => executeServerCommand('omemo-peer-stop', { id }))),
};
