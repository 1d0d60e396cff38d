// Our pre-keys and the bundle's key material in each version's form (XEP-0384: 0.3 sends the
// Curve25519 keys as 0x05 ‖ u, OMEMO 2 the raw u and the identity as Ed25519).
import type { Bytes } from './bytes.ts';
import { djbDecode, djbEncode, identityWireKey, signSignedPreKey, type IdentityKeyPair, type OmemoVersion } from './identity.ts';
import { OmemoError } from './omemo-error.ts';
import { generateX25519, type KeyPair } from './primitives.ts';

export interface PreKey {
  readonly id: number;
  readonly keyPair: KeyPair;
}

export interface SignedPreKey extends PreKey {
  readonly signature: Bytes;
}

/** A bundle's keys with the version's encodings removed: raw X25519 keys, the identity key as sent. */
export interface BundleKeys {
  /** 0x05 ‖ u for 0.3, Ed25519 for OMEMO 2: the form X3DH's associated data uses. */
  readonly identityKey: Bytes;
  readonly signedPreKeyId: number;
  readonly signedPreKey: Bytes;
  readonly signedPreKeySignature: Bytes;
  readonly preKeys: readonly { readonly id: number; readonly publicKey: Bytes }[];
}

/** The bytes a bundle element carries (each then base64 in XML). */
export interface WireBundle {
  readonly identityKey: Uint8Array;
  readonly signedPreKeyId: number;
  readonly signedPreKey: Uint8Array;
  readonly signedPreKeySignature: Uint8Array;
  readonly preKeys: readonly { readonly id: number; readonly publicKey: Uint8Array }[];
}

/** A signed pre-key for `version`, signed by the identity (the signature differs between versions). */
export async function generateSignedPreKey(identity: IdentityKeyPair, id: number, version: OmemoVersion): Promise<SignedPreKey> {
  const keyPair = await generateX25519();
  return { id, keyPair, signature: await signSignedPreKey(identity, keyPair.publicKey, version) };
}

/** `count` pre-keys numbered from `firstId`; their private keys cannot be exported. */
export async function generatePreKeys(firstId: number, count: number): Promise<PreKey[]> {
  return Promise.all(Array.from({ length: count }, async (_, i) => ({ id: firstId + i, keyPair: await generateX25519() })));
}

/** Our bundle's bytes for `version`. */
export function encodeBundle(
  version: OmemoVersion,
  identity: IdentityKeyPair,
  signedPreKey: SignedPreKey,
  preKeys: readonly PreKey[],
): WireBundle {
  const encode = (publicKey: Bytes) => (version === '0.3' ? djbEncode(publicKey) : publicKey);
  return {
    identityKey: identityWireKey(identity, version),
    signedPreKeyId: signedPreKey.id,
    signedPreKey: encode(signedPreKey.keyPair.publicKey),
    signedPreKeySignature: signedPreKey.signature,
    preKeys: preKeys.map((preKey) => ({ id: preKey.id, publicKey: encode(preKey.keyPair.publicKey) })),
  };
}

/** A peer's bundle bytes, checked for form (the signature is checked when a session starts). */
export function decodeBundle(version: OmemoVersion, bundle: WireBundle): BundleKeys {
  const raw = (key: Uint8Array): Bytes => {
    if (version === '0.3') return djbDecode(key);
    if (key.length !== 32) throw new OmemoError('bad-key', `An OMEMO 2 bundle key has 32 bytes, not ${key.length}.`);
    return new Uint8Array(key);
  };
  raw(bundle.identityKey);
  if (bundle.signedPreKeySignature.length !== 64) throw new OmemoError('bad-key', 'The signed pre-key signature is not 64 bytes.');
  return {
    identityKey: new Uint8Array(bundle.identityKey),
    signedPreKeyId: bundle.signedPreKeyId,
    signedPreKey: raw(bundle.signedPreKey),
    signedPreKeySignature: new Uint8Array(bundle.signedPreKeySignature),
    preKeys: bundle.preKeys.map((preKey) => ({ id: preKey.id, publicKey: raw(preKey.publicKey) })),
  };
}
