// The Double Ratchet as python-doubleratchet runs it for both OMEMO versions: root chain HKDF
// (salt = root key, input = DH output), message chains HMAC(ck, 0x02) / HMAC(ck, 0x01), and an
// AEAD of HKDF(message key) → AES-256-CBC key, HMAC key and IV, with a truncated HMAC-SHA-256.
// Decryption works on a copy: a message that fails changes nothing.
import { concat, equalBytes, type Bytes } from './bytes.ts';
import type { OmemoVersion } from './identity.ts';
import { OmemoError } from './omemo-error.ts';
import { aesCbcDecrypt, aesCbcEncrypt, generateX25519, hkdf, hmacSha256, x25519, type KeyPair } from './primitives.ts';
import {
  decodeRatchetMessage,
  encodeRatchetMessage,
  joinAuthenticated,
  MAC_LENGTH,
  splitAuthenticated,
  type RatchetHeader,
} from './wire.ts';

/** Skipped-message keys a session keeps (oldest dropped first), and the most one message may skip. */
export const MAX_SKIPPED_KEYS = 1000;

const INFO: Record<OmemoVersion, { root: string; message: string }> = {
  '0.3': { root: 'WhisperRatchet', message: 'WhisperMessageKeys' },
  '2': { root: 'OMEMO Root Chain', message: 'OMEMO Message Key Material' },
};
const ZERO_SALT = new Uint8Array(32);

export interface Chain {
  readonly key: Bytes;
  readonly length: number;
}

export interface SkippedKey {
  readonly ratchetPublic: Bytes;
  readonly index: number;
  readonly messageKey: Bytes;
}

/** Plain data (and one CryptoKey), so a storage layer can keep it in IndexedDB as it is. */
export interface RatchetState {
  readonly version: OmemoVersion;
  readonly rootKey: Bytes;
  readonly own: KeyPair;
  readonly otherPublic: Bytes;
  readonly sending: Chain;
  readonly previousSendingLength: number;
  readonly receiving: Chain | null;
  readonly skipped: readonly SkippedKey[];
}

async function rootStep(version: OmemoVersion, rootKey: Bytes, own: KeyPair, otherPublic: Bytes) {
  const out = await hkdf(await x25519(own.privateKey, otherPublic), rootKey, new TextEncoder().encode(INFO[version].root), 64);
  return { rootKey: out.slice(0, 32), chain: { key: out.slice(32), length: 0 } };
}

async function chainStep(chain: Chain): Promise<{ chain: Chain; messageKey: Bytes }> {
  const [key, messageKey] = await Promise.all([hmacSha256(chain.key, Uint8Array.of(2)), hmacSha256(chain.key, Uint8Array.of(1))]);
  return { chain: { key, length: chain.length + 1 }, messageKey };
}

/** The sender's state after X3DH: the first sending chain runs against the peer's signed pre-key. */
export async function initActive(version: OmemoVersion, sharedSecret: Bytes, theirSignedPreKey: Bytes): Promise<RatchetState> {
  const own = await generateX25519();
  const { rootKey, chain } = await rootStep(version, sharedSecret, own, theirSignedPreKey);
  return { version, rootKey, own, otherPublic: theirSignedPreKey, sending: chain, previousSendingLength: 0, receiving: null, skipped: [] };
}

/** The receiver's state after X3DH, from our signed pre-key and the first message's ratchet key. */
export async function initPassive(
  version: OmemoVersion,
  sharedSecret: Bytes,
  signedPreKey: KeyPair,
  theirRatchet: Bytes,
): Promise<RatchetState> {
  const receiving = await rootStep(version, sharedSecret, signedPreKey, theirRatchet);
  const own = await generateX25519();
  const sending = await rootStep(version, receiving.rootKey, own, theirRatchet);
  return {
    version,
    rootKey: sending.rootKey,
    own,
    otherPublic: theirRatchet,
    sending: sending.chain,
    previousSendingLength: 0,
    receiving: receiving.chain,
    skipped: [],
  };
}

async function aeadKeys(version: OmemoVersion, messageKey: Bytes) {
  const out = await hkdf(messageKey, ZERO_SALT, new TextEncoder().encode(INFO[version].message), 80);
  return { encryption: out.slice(0, 32), authentication: out.slice(32, 64), iv: out.slice(64) };
}

/** Encrypts with the next sending key; `associatedData` is the identity keys the MAC covers. */
export async function ratchetEncrypt(state: RatchetState, plaintext: Uint8Array, associatedData: Uint8Array) {
  const header: RatchetHeader = {
    ratchetPublic: state.own.publicKey,
    previousLength: state.previousSendingLength,
    index: state.sending.length,
  };
  const { chain, messageKey } = await chainStep(state.sending);
  const keys = await aeadKeys(state.version, messageKey);
  const message = encodeRatchetMessage(state.version, header, await aesCbcEncrypt(keys.encryption, keys.iv, plaintext));
  const mac = (await hmacSha256(keys.authentication, concat(associatedData, message))).slice(0, MAC_LENGTH[state.version]);
  return { state: { ...state, sending: chain }, authenticated: joinAuthenticated(state.version, message, mac) };
}

/** Decrypts and authenticates; the returned state replaces the old one only when this succeeded. */
export async function ratchetDecrypt(state: RatchetState, authenticated: Uint8Array, associatedData: Uint8Array) {
  const { message, mac } = splitAuthenticated(state.version, authenticated);
  const { header, ciphertext } = decodeRatchetMessage(state.version, message);
  const known = state.skipped.find((key) => key.index === header.index && equalBytes(key.ratchetPublic, header.ratchetPublic));
  const next = known
    ? { state: { ...state, skipped: state.skipped.filter((key) => key !== known) }, messageKey: known.messageKey }
    : await advance(state, header);
  const keys = await aeadKeys(state.version, next.messageKey);
  const expected = (await hmacSha256(keys.authentication, concat(associatedData, message))).slice(0, MAC_LENGTH[state.version]);
  if (!equalBytes(expected, mac)) throw new OmemoError('bad-mac', 'The OMEMO message failed authentication.');
  const plaintext = await aesCbcDecrypt(keys.encryption, keys.iv, ciphertext);
  return { state: next.state, plaintext };
}

async function advance(state: RatchetState, header: RatchetHeader): Promise<{ state: RatchetState; messageKey: Bytes }> {
  let current = state;
  const skipped: SkippedKey[] = [];
  if (!equalBytes(header.ratchetPublic, state.otherPublic)) {
    // A new ratchet key: keep the keys of the previous receiving chain's missing messages, unless
    // there are too many to compute (python-doubleratchet then drops them rather than the message).
    if (current.receiving && header.previousLength - current.receiving.length <= MAX_SKIPPED_KEYS) {
      current = { ...current, receiving: await skipTo(current.receiving, header.previousLength, current.otherPublic, skipped) };
    }
    const receiving = await rootStep(state.version, current.rootKey, current.own, header.ratchetPublic);
    const own = await generateX25519();
    const sending = await rootStep(state.version, receiving.rootKey, own, header.ratchetPublic);
    current = {
      ...current,
      rootKey: sending.rootKey,
      own,
      otherPublic: header.ratchetPublic,
      sending: sending.chain,
      previousSendingLength: current.sending.length,
      receiving: receiving.chain,
    };
  }
  const receiving = current.receiving;
  if (!receiving) throw new OmemoError('bad-message', 'The session has no receiving chain for this message.');
  if (header.index < receiving.length) throw new OmemoError('duplicate', `Message ${header.index} of this chain was already decrypted.`);
  if (header.index - receiving.length > MAX_SKIPPED_KEYS) {
    throw new OmemoError('too-many-skipped', `The message would skip more than ${MAX_SKIPPED_KEYS} message keys.`);
  }
  const chain = await skipTo(receiving, header.index, header.ratchetPublic, skipped);
  const { chain: after, messageKey } = await chainStep(chain);
  const kept = [...current.skipped, ...skipped].slice(-MAX_SKIPPED_KEYS);
  return { state: { ...current, receiving: after, skipped: kept }, messageKey };
}

async function skipTo(chain: Chain, index: number, ratchetPublic: Bytes, into: SkippedKey[]): Promise<Chain> {
  let current = chain;
  while (current.length < index) {
    const step = await chainStep(current);
    into.push({ ratchetPublic, index: current.length, messageKey: step.messageKey });
    current = step.chain;
  }
  return current;
}
