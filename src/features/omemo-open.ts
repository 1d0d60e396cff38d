/**
 * Decrypts an incoming OMEMO message (live, carbon or archived) into the same message with its text
 * as the body. A message that cannot be decrypted keeps a body that says so, in words; one of keys
 * only (completing a key exchange) advances the session and is not shown.
 */
import { decryptKeyMaterial, decryptPayload, OmemoError } from '../omemo/index.ts';
import { childOf, xml, type XmlElement } from '../stanza/element.ts';
import { parseXml } from '../stanza/dom.ts';
import { bareJid } from '../stanza/jid.ts';
import { keyFor, parseEncrypted, type OmemoEncrypted } from '../stanza/omemo.ts';
import { parseEnvelope } from '../stanza/sce.ts';
import { ownKeys } from './omemo-own.ts';
import type { PeerDevices } from './omemo-peers.ts';
import type { OmemoRecords, OwnDevice } from './omemo-records.ts';

export interface OpenDeps {
  records: OmemoRecords;
  peers: PeerDevices;
  account: string;
  device: OwnDevice;
  /** A key exchange used one of our pre-keys: it is replaced and the bundles published again. */
  usedPreKey: (id: number) => Promise<void>;
  /** Why a message could not be decrypted (it is kept with a sentence saying so). */
  failed: (error: unknown) => void;
}

/** What a message that cannot be decrypted shows instead of its text. */
export const UNREADABLE = {
  notForUs: 'This message was encrypted (OMEMO) for other devices, not this one, so it cannot be shown here.',
  failed: 'This encrypted message (OMEMO) could not be decrypted on this device.',
};

/**
 * Shared-file elements (XEP-0066, XEP-0447) in the clear: the seal covers the body only, so such an
 * element beside it may have been added on the way. A file sent encrypted is an `aesgcm://` link
 * inside the body (XEP-0454).
 */
const CLEAR_FILES = new Set(['jabber:x:oob', 'urn:xmpp:sfs:0']);

/** The message with `text` as its body in place of the fallback, without clear-text shared files. */
export function withBody(el: XmlElement, text: string): XmlElement {
  const rest = el.children.filter(
    (node) =>
      typeof node === 'string' ||
      (!CLEAR_FILES.has(node.attrs.xmlns) && (node.name !== 'body' || (node.attrs.xmlns ?? 'jabber:client') !== 'jabber:client')),
  );
  return { ...el, children: [...rest, xml('body', {}, text)] };
}

async function readPayload(enc: OmemoEncrypted, keyMaterial: Uint8Array, sender: string): Promise<string> {
  const plaintext = new TextDecoder('utf-8', { fatal: true }).decode(await decryptPayload(enc.version, keyMaterial, enc.payload!, enc.iv));
  if (enc.version === '0.3') return plaintext;
  const envelope = parseEnvelope(parseXml(plaintext));
  if (!envelope) throw new OmemoError('bad-message', 'The decrypted OMEMO 2 message holds no XEP-0420 envelope with a body.');
  // XEP-0420 §5: the envelope names its sender, so a message cannot be passed off as another's.
  if (envelope.from && bareJid(envelope.from) !== sender)
    throw new OmemoError('bad-message', 'The encrypted message names another sender.');
  return envelope.body;
}

/** Why a message could not be decrypted: it was for other devices than ours, or decrypting failed. */
export type Undecryptable = keyof typeof UNREADABLE;

/** An opened message: with its text, or (`undecryptable`) with a sentence saying why there is none. */
export interface Opened {
  element: XmlElement;
  undecryptable?: Undecryptable;
}

/**
 * The message to read; undefined for a message of keys only. Call one at a time: each step of a
 * session follows the one before.
 */
export async function open(deps: OpenDeps, el: XmlElement): Promise<Opened | undefined> {
  const encrypted = parseEncrypted(el);
  const sender = (el.attrs.from && bareJid(el.attrs.from)) || deps.account;
  let failure: unknown = new OmemoError('not-for-us', UNREADABLE.notForUs);
  for (const enc of encrypted) {
    const key = keyFor(enc, deps.account, deps.device.id);
    if (!key) continue;
    try {
      const kept = await deps.records.session(sender, enc.sid, enc.version);
      const result = await decryptKeyMaterial(enc.version, ownKeys(deps.device, enc.version), kept, key.data, key.keyExchange);
      const text = enc.payload ? await readPayload(enc, result.keyMaterial, sender) : undefined;
      await deps.records.setSession(sender, enc.sid, result.session);
      await deps.peers.learn(sender, enc.sid, result.session.peerIdentityKey, enc.version);
      if (result.usedPreKeyId !== undefined) await deps.usedPreKey(result.usedPreKeyId);
      return text === undefined ? undefined : { element: withBody(el, text) };
    } catch (error) {
      failure = error;
    }
  }
  const anyPayload = encrypted.some((enc) => enc.payload);
  if (!anyPayload && !childOf(el, 'body')) return undefined;
  // Opened before (its keys are spent): the first copy is the one kept.
  if (failure instanceof OmemoError && failure.condition === 'duplicate') return undefined;
  deps.failed(failure);
  const undecryptable: Undecryptable = failure instanceof OmemoError && failure.condition === 'not-for-us' ? 'notForUs' : 'failed';
  return { element: withBody(el, UNREADABLE[undecryptable]), undecryptable };
}
