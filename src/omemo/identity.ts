// Identity keys for both OMEMO versions. One random seed gives an Ed25519 key (signatures) and,
// through SHA-512(seed)[0..32], the X25519 key of the same scalar (key agreement); the seed is
// then forgotten and both private keys stay inside WebCrypto.
import { concat, randomBytes, type Bytes } from './bytes.ts';
import { edwardsToMontgomery, montgomeryToEdwards } from './field.ts';
import { OmemoError } from './omemo-error.ts';
import { ed25519Sign, ed25519Verify, importPrivateKey, sha512 } from './primitives.ts';

/** The two OMEMO versions: `0.3` is eu.siacs.conversations.axolotl, `2` is urn:xmpp:omemo:2. */
export type OmemoVersion = '0.3' | '2';

/** libsignal's type byte before a Curve25519 public key (0.3 wire format). */
export const DJB_TYPE = 0x05;

export interface IdentityKeyPair {
  /** Ed25519, signs our signed pre-keys. */
  readonly signingKey: CryptoKey;
  /** X25519 with the same scalar, for X3DH. */
  readonly agreementKey: CryptoKey;
  /** The Ed25519 public key, its sign bit 0: OMEMO 2's identity key. */
  readonly edwardsPublic: Bytes;
  /** The X25519 public key: OMEMO 0.3's identity key (sent after the 0x05 type byte). */
  readonly montgomeryPublic: Bytes;
}

/**
 * A new identity. It is drawn again until its Edwards public key has sign bit 0, so that a plain
 * Ed25519 signature is also a valid XEdDSA signature for the Montgomery public key (XEdDSA takes
 * the Edwards key with sign bit 0): one identity then serves both OMEMO versions, as python-omemo
 * shares one between its backends. Half of all seeds qualify.
 */
export async function generateIdentityKeyPair(): Promise<IdentityKeyPair> {
  for (;;) {
    const seed = randomBytes(32);
    const pair = await identityFromSeed(seed);
    seed.fill(0);
    if ((pair.edwardsPublic[31] & 0x80) === 0) return pair;
  }
}

/** The identity of a known seed (for fixtures); its sign bit may be 1, which only OMEMO 2 accepts. */
export async function identityFromSeed(seed: Uint8Array): Promise<IdentityKeyPair> {
  const digest = await sha512(seed);
  const [signing, agreement] = await Promise.all([importPrivateKey('Ed25519', seed), importPrivateKey('X25519', digest.slice(0, 32))]);
  digest.fill(0);
  const fromEdwards = edwardsToMontgomery(signing.publicKey);
  if (fromEdwards.some((byte, i) => byte !== agreement.publicKey[i])) {
    throw new OmemoError('bad-key', 'The X25519 key does not match the Ed25519 key of the same seed.');
  }
  return {
    signingKey: signing.privateKey,
    agreementKey: agreement.privateKey,
    edwardsPublic: signing.publicKey,
    montgomeryPublic: agreement.publicKey,
  };
}

/** Our identity key as the version sends it: 0x05 ‖ u for 0.3, the Ed25519 key for OMEMO 2. */
export function identityWireKey(identity: IdentityKeyPair, version: OmemoVersion): Bytes {
  return version === '0.3' ? concat(Uint8Array.of(DJB_TYPE), identity.montgomeryPublic) : identity.edwardsPublic;
}

/** A Curve25519 public key in libsignal's form, 0x05 ‖ u. */
export function djbEncode(publicKey: Uint8Array): Bytes {
  return concat(Uint8Array.of(DJB_TYPE), publicKey);
}

/** The raw u of libsignal's 0x05 ‖ u. */
export function djbDecode(serialized: Uint8Array): Bytes {
  if (serialized.length !== 33 || serialized[0] !== DJB_TYPE) {
    throw new OmemoError('bad-key', 'A Curve25519 public key is sent as 33 bytes starting with 0x05.');
  }
  return serialized.slice(1);
}

/** What a signed pre-key's signature covers: 0x05 ‖ u in 0.3 (libsignal), the raw u in OMEMO 2. */
export function signedPreKeyMessage(publicKey: Uint8Array, version: OmemoVersion): Bytes {
  return version === '0.3' ? djbEncode(publicKey) : new Uint8Array(publicKey);
}

export async function signSignedPreKey(identity: IdentityKeyPair, publicKey: Uint8Array, version: OmemoVersion): Promise<Bytes> {
  if (version === '0.3' && (identity.edwardsPublic[31] & 0x80) !== 0) {
    throw new OmemoError('bad-key', 'An OMEMO 0.3 identity needs an Edwards public key with sign bit 0.');
  }
  return ed25519Sign(identity.signingKey, signedPreKeyMessage(publicKey, version));
}

/**
 * Verifies an XEdDSA signature by a Curve25519 key: the Edwards key with sign bit 0 (XEdDSA's
 * convention), except that libsignal's older curve25519_sign carried the sign bit in the top bit of
 * signature[63], which a valid s (< 2^253) never sets; libsignal's verifier reads it from there and
 * clears it, and so do we, so both kinds of signature verify.
 */
export async function verifyXEdDSA(montgomeryPublic: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== 64 || montgomeryPublic.length !== 32) return false;
  const sig = new Uint8Array(signature);
  const signBit = (sig[63] >> 7) as 0 | 1;
  sig[63] &= 0x7f;
  let edwards: Bytes;
  try {
    edwards = montgomeryToEdwards(montgomeryPublic, signBit);
  } catch (error) {
    if (error instanceof OmemoError) return false; // u = −1 or not canonical: no key signs for it
    throw error;
  }
  return ed25519Verify(edwards, sig, message);
}

/** Verifies a peer's signed pre-key signature in its version's way (XEdDSA for 0.3, Ed25519 for 2). */
export async function verifySignedPreKey(
  identityKey: Uint8Array,
  signedPreKey: Uint8Array,
  signature: Uint8Array,
  version: OmemoVersion,
): Promise<boolean> {
  const message = signedPreKeyMessage(signedPreKey, version);
  return version === '0.3' ? verifyXEdDSA(identityKey, message, signature) : ed25519Verify(identityKey, signature, message);
}

/** The X25519 public key for X3DH of a peer's identity key (raw u for 0.3, Ed25519 for 2). */
export function agreementPublicKey(identityKey: Uint8Array, version: OmemoVersion): Bytes {
  return version === '0.3' ? new Uint8Array(identityKey) : edwardsToMontgomery(identityKey);
}
