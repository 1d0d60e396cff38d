// What a session layer needs from OMEMO's cryptography; loaded only where encryption is on.
export type { Bytes } from './bytes.ts';
export { fromBase64, toBase64 } from './bytes.ts';
export { OmemoError, type OmemoCondition } from './omemo-error.ts';
export { generateIdentityKeyPair, identityWireKey, type IdentityKeyPair, type OmemoVersion } from './identity.ts';
export {
  decodeBundle,
  encodeBundle,
  generatePreKeys,
  generateSignedPreKey,
  type BundleKeys,
  type PreKey,
  type SignedPreKey,
  type WireBundle,
} from './keys.ts';
export { MAX_SKIPPED_KEYS } from './ratchet.ts';
export { decryptKeyMaterial, encryptKeyMaterial, startSession, type OmemoSession, type OwnKeys } from './session.ts';
export { decryptPayload, encryptPayload, type EncryptedPayload } from './payload.ts';
