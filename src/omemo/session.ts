// An OMEMO session with one device: X3DH to start it, the Double Ratchet for each message's key
// material, and the key exchange sent along until the peer answers (as python-omemo does).
import { equalBytes, type Bytes } from './bytes.ts';
import type { IdentityKeyPair, OmemoVersion } from './identity.ts';
import type { BundleKeys } from './keys.ts';
import { OmemoError } from './omemo-error.ts';
import type { KeyPair } from './primitives.ts';
import { initActive, initPassive, ratchetDecrypt, ratchetEncrypt, type RatchetState } from './ratchet.ts';
import { decodeKeyExchange, decodeRatchetMessage, encodeKeyExchange, splitAuthenticated, type KeyExchange } from './wire.ts';
import { agreeActive, agreePassive } from './x3dh.ts';

export interface OmemoSession {
  readonly version: OmemoVersion;
  readonly initiator: boolean;
  /** The peer's identity key in its version's wire form (0x05 ‖ u, or Ed25519): what trust is about. */
  readonly peerIdentityKey: Bytes;
  /** Initiator's identity key ‖ responder's, from X3DH. */
  readonly associatedData: Bytes;
  readonly ratchet: RatchetState;
  /** The key exchange that built the session. */
  readonly exchange: KeyExchange;
  /** Until the peer's first message arrives, each message we send carries the key exchange. */
  readonly confirmed: boolean;
}

/** Our keys a key exchange may name; a pre-key is looked up by id and should be replaced once used. */
export interface OwnKeys {
  readonly identity: IdentityKeyPair;
  signedPreKey(id: number): KeyPair | undefined;
  preKey(id: number): KeyPair | undefined;
}

/** Starts a session with the device of `bundle` (checks its signed pre-key's signature). */
export async function startSession(version: OmemoVersion, identity: IdentityKeyPair, bundle: BundleKeys): Promise<OmemoSession> {
  const agreement = await agreeActive(version, identity, bundle);
  const ratchet = await initActive(version, agreement.sharedSecret, bundle.signedPreKey);
  const { associatedData, exchange } = agreement;
  return { version, initiator: true, peerIdentityKey: bundle.identityKey, associatedData, ratchet, exchange, confirmed: false };
}

/** The associated data the MAC covers: OMEMO 2 always uses X3DH's; 0.3 (libsignal) puts the sender's key first. */
function associatedDataFor(session: OmemoSession, sending: boolean): Bytes {
  const ad = session.associatedData;
  if (session.version === '2' || session.initiator === sending) return ad;
  const half = ad.length / 2;
  return Uint8Array.from([...ad.subarray(half), ...ad.subarray(0, half)]);
}

/** Encrypts one message's key material for the session's device. */
export async function encryptKeyMaterial(session: OmemoSession, keyMaterial: Uint8Array) {
  const { state, authenticated } = await ratchetEncrypt(session.ratchet, keyMaterial, associatedDataFor(session, true));
  const next = { ...session, ratchet: state };
  if (session.confirmed) return { session: next, message: authenticated, keyExchange: false };
  return { session: next, message: encodeKeyExchange(session.version, session.exchange, authenticated), keyExchange: true };
}

function sameExchange(a: KeyExchange, b: KeyExchange): boolean {
  return (
    a.preKeyId === b.preKeyId &&
    a.signedPreKeyId === b.signedPreKeyId &&
    equalBytes(a.identityKey, b.identityKey) &&
    equalBytes(a.ephemeralKey, b.ephemeralKey)
  );
}

/**
 * Decrypts one message's key material. A key exchange that repeats the one of `session` is read
 * with it; another builds a new session (returned, with the pre-key it used). Nothing changes when
 * this rejects.
 */
export async function decryptKeyMaterial(
  version: OmemoVersion,
  keys: OwnKeys,
  session: OmemoSession | undefined,
  message: Uint8Array,
  keyExchange: boolean,
): Promise<{ session: OmemoSession; keyMaterial: Bytes; usedPreKeyId?: number }> {
  if (!keyExchange) {
    if (!session || session.version !== version)
      throw new OmemoError('no-session', 'A message arrived from a device we have no session with.');
    return readWith(session, message);
  }
  const { exchange, authenticated } = decodeKeyExchange(version, message);
  if (session && session.version === version && sameExchange(session.exchange, exchange)) return readWith(session, authenticated);
  const signedPreKey = keys.signedPreKey(exchange.signedPreKeyId);
  const preKey = keys.preKey(exchange.preKeyId);
  if (!signedPreKey || !preKey) throw new OmemoError('no-pre-key', 'The key exchange names a pre-key we no longer have.');
  const agreement = await agreePassive(version, keys.identity, exchange, signedPreKey, preKey);
  const { header } = decodeRatchetMessage(version, splitAuthenticated(version, authenticated).message);
  const ratchet = await initPassive(version, agreement.sharedSecret, signedPreKey, header.ratchetPublic);
  const fresh: OmemoSession = {
    version,
    initiator: false,
    peerIdentityKey: exchange.identityKey,
    associatedData: agreement.associatedData,
    ratchet,
    exchange,
    confirmed: true,
  };
  return { ...(await readWith(fresh, authenticated)), usedPreKeyId: exchange.preKeyId };
}

async function readWith(session: OmemoSession, authenticated: Uint8Array) {
  const { state, plaintext } = await ratchetDecrypt(session.ratchet, authenticated, associatedDataFor(session, false));
  return { session: { ...session, ratchet: state, confirmed: true }, keyMaterial: plaintext };
}
