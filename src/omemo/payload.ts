// The message body's encryption, whose key material the ratchet then carries to each device.
//   0.3: AES-128-GCM, 12-byte IV; key material = key[16] ‖ GCM tag[16] (the tag moved out of the payload).
//   OMEMO 2 (XEP-0384 §4.4): key[32] → HKDF-SHA-256(salt 0×32, info "OMEMO Payload") → AES-256-CBC
//   key, HMAC key, IV; key material = key ‖ HMAC-SHA-256(ciphertext)[16].
import { concat, equalBytes, randomBytes, type Bytes } from './bytes.ts';
import type { OmemoVersion } from './identity.ts';
import { OmemoError } from './omemo-error.ts';
import { aesCbcDecrypt, aesCbcEncrypt, aesGcmDecrypt, aesGcmEncrypt, hkdf, hmacSha256 } from './primitives.ts';

export interface EncryptedPayload {
  readonly ciphertext: Bytes;
  /** 0.3's <iv/>; OMEMO 2 derives it and sends none. */
  readonly iv?: Bytes;
  /** What goes to each device through its session. */
  readonly keyMaterial: Bytes;
}

async function omemo2Keys(key: Uint8Array) {
  const out = await hkdf(key, new Uint8Array(32), new TextEncoder().encode('OMEMO Payload'), 80);
  return { encryption: out.slice(0, 32), authentication: out.slice(32, 64), iv: out.slice(64) };
}

export async function encryptPayload(version: OmemoVersion, plaintext: Uint8Array): Promise<EncryptedPayload> {
  if (version === '0.3') {
    const key = randomBytes(16);
    const iv = randomBytes(12);
    const sealed = await aesGcmEncrypt(key, iv, plaintext);
    const cut = sealed.length - 16;
    return { ciphertext: sealed.slice(0, cut), iv, keyMaterial: concat(key, sealed.slice(cut)) };
  }
  const key = randomBytes(32);
  const keys = await omemo2Keys(key);
  const ciphertext = await aesCbcEncrypt(keys.encryption, keys.iv, plaintext);
  const tag = (await hmacSha256(keys.authentication, ciphertext)).slice(0, 16);
  return { ciphertext, keyMaterial: concat(key, tag) };
}

/**
 * Decrypts a body with the key material its session gave. For 0.3, 16 bytes of key material mean
 * the sender left the GCM tag on the payload, as the earliest clients did.
 */
export async function decryptPayload(
  version: OmemoVersion,
  keyMaterial: Uint8Array,
  ciphertext: Uint8Array,
  iv?: Uint8Array,
): Promise<Bytes> {
  if (version === '0.3') {
    if (!iv) throw new OmemoError('bad-message', 'An OMEMO 0.3 payload needs its IV.');
    if (keyMaterial.length === 16) return aesGcmDecrypt(keyMaterial, iv, ciphertext);
    if (keyMaterial.length !== 32) throw new OmemoError('bad-message', 'The OMEMO 0.3 key material is not 16 or 32 bytes.');
    return aesGcmDecrypt(keyMaterial.subarray(0, 16), iv, concat(ciphertext, keyMaterial.subarray(16)));
  }
  if (keyMaterial.length !== 48) throw new OmemoError('bad-message', 'The OMEMO 2 key material is not 48 bytes.');
  const keys = await omemo2Keys(keyMaterial.subarray(0, 32));
  const tag = (await hmacSha256(keys.authentication, ciphertext)).slice(0, 16);
  if (!equalBytes(tag, keyMaterial.subarray(32))) throw new OmemoError('bad-mac', 'The OMEMO 2 payload failed authentication.');
  return aesCbcDecrypt(keys.encryption, keys.iv, ciphertext);
}
