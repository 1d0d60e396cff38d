// X3DH as python-x3dh runs it for OMEMO: HKDF-SHA-256 over 0xFF×32 ‖ DH1 ‖ DH2 ‖ DH3 ‖ DH4 with a
// zero salt and the version's info, 32 bytes out; associated data = initiator's identity key ‖
// responder's, each in its version's wire form.
import { concat, randomBytes, type Bytes } from './bytes.ts';
import { agreementPublicKey, djbDecode, identityWireKey, verifySignedPreKey, type IdentityKeyPair, type OmemoVersion } from './identity.ts';
import type { BundleKeys } from './keys.ts';
import { OmemoError } from './omemo-error.ts';
import { generateX25519, hkdf, x25519, type KeyPair } from './primitives.ts';
import type { KeyExchange } from './wire.ts';

const INFO: Record<OmemoVersion, string> = { '0.3': 'WhisperText', '2': 'OMEMO X3DH' };

/** The X25519 key of a wire identity key (0x05 ‖ u for 0.3, Ed25519 for 2). */
function peerAgreementKey(identityKey: Uint8Array, version: OmemoVersion): Bytes {
  return agreementPublicKey(version === '0.3' ? djbDecode(identityKey) : identityKey, version);
}

async function deriveSecret(version: OmemoVersion, secrets: Bytes[]): Promise<Bytes> {
  const input = concat(new Uint8Array(32).fill(0xff), ...secrets);
  return hkdf(input, new Uint8Array(32), new TextEncoder().encode(INFO[version]), 32);
}

export interface ActiveAgreement {
  readonly sharedSecret: Bytes;
  readonly associatedData: Bytes;
  readonly exchange: KeyExchange;
}

/** The initiator's half: verifies the bundle's signed pre-key and uses one of its pre-keys at random. */
export async function agreeActive(version: OmemoVersion, identity: IdentityKeyPair, bundle: BundleKeys): Promise<ActiveAgreement> {
  const signer = version === '0.3' ? djbDecode(bundle.identityKey) : bundle.identityKey;
  if (!(await verifySignedPreKey(signer, bundle.signedPreKey, bundle.signedPreKeySignature, version))) {
    throw new OmemoError('bad-signature', 'The signed pre-key of the bundle is not signed by its identity key.');
  }
  if (bundle.preKeys.length === 0) throw new OmemoError('no-pre-key', 'The bundle offers no pre-key.');
  const preKey = bundle.preKeys[randomBytes(4).reduce((n, byte) => n * 256 + byte, 0) % bundle.preKeys.length];
  const ephemeral = await generateX25519();
  const sharedSecret = await deriveSecret(version, [
    await x25519(identity.agreementKey, bundle.signedPreKey),
    await x25519(ephemeral.privateKey, peerAgreementKey(bundle.identityKey, version)),
    await x25519(ephemeral.privateKey, bundle.signedPreKey),
    await x25519(ephemeral.privateKey, preKey.publicKey),
  ]);
  const ownKey = identityWireKey(identity, version);
  return {
    sharedSecret,
    associatedData: concat(ownKey, bundle.identityKey),
    exchange: { preKeyId: preKey.id, signedPreKeyId: bundle.signedPreKeyId, identityKey: ownKey, ephemeralKey: ephemeral.publicKey },
  };
}

/** The responder's half, from the key exchange and the signed pre-key and pre-key it names. */
export async function agreePassive(
  version: OmemoVersion,
  identity: IdentityKeyPair,
  exchange: KeyExchange,
  signedPreKey: KeyPair,
  preKey: KeyPair,
): Promise<{ sharedSecret: Bytes; associatedData: Bytes }> {
  const sharedSecret = await deriveSecret(version, [
    await x25519(signedPreKey.privateKey, peerAgreementKey(exchange.identityKey, version)),
    await x25519(identity.agreementKey, exchange.ephemeralKey),
    await x25519(signedPreKey.privateKey, exchange.ephemeralKey),
    await x25519(preKey.privateKey, exchange.ephemeralKey),
  ]);
  return { sharedSecret, associatedData: concat(exchange.identityKey, identityWireKey(identity, version)) };
}
