// The primitives X3DH and the Double Ratchet need, all from WebCrypto: X25519, Ed25519, HKDF and
// HMAC with SHA-256, AES-CBC (PKCS#7 padding, as both OMEMO versions use) and AES-GCM.
import { concat, type Bytes } from './bytes.ts';
import { OmemoError } from './omemo-error.ts';

const subtle = () => globalThis.crypto.subtle;

// PKCS #8 wrappers of a raw 32-byte private key (RFC 8410 §7): the only import format for private
// X25519/Ed25519 keys that WebCrypto offers besides JWK.
const PKCS8_PREFIX = { X25519: '302e020100300506032b656e04220420', Ed25519: '302e020100300506032b657004220420' };

export type CurveAlgorithm = 'X25519' | 'Ed25519';

/** A private key that never leaves WebCrypto, with its raw public key. */
export interface KeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: Bytes;
}

function prefix(algorithm: CurveAlgorithm): Bytes {
  return Uint8Array.from(PKCS8_PREFIX[algorithm].match(/../g)!, (pair) => parseInt(pair, 16));
}

/**
 * Imports a raw private key (X25519 scalar or Ed25519 seed) and learns its public key: WebCrypto
 * computes it only for an extractable key (its JWK `x`), so the key goes in twice, the second time
 * not extractable; the caller should overwrite `raw` afterwards.
 */
export async function importPrivateKey(algorithm: CurveAlgorithm, raw: Uint8Array, extractable = false): Promise<KeyPair> {
  if (raw.length !== 32) throw new OmemoError('bad-key', `A ${algorithm} private key has 32 bytes, not ${raw.length}.`);
  const usages: KeyUsage[] = algorithm === 'X25519' ? ['deriveBits'] : ['sign'];
  const pkcs8 = concat(prefix(algorithm), raw);
  const probe = await subtle().importKey('pkcs8', pkcs8, { name: algorithm }, true, usages);
  const jwk = await subtle().exportKey('jwk', probe);
  const privateKey = await subtle().importKey('pkcs8', pkcs8, { name: algorithm }, extractable, usages);
  pkcs8.fill(0);
  return { privateKey, publicKey: base64UrlBytes(jwk.x ?? '') };
}

function base64UrlBytes(text: string): Bytes {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** A fresh X25519 key pair whose private half cannot be exported. */
export async function generateX25519(): Promise<KeyPair> {
  const pair = (await subtle().generateKey({ name: 'X25519' }, false, ['deriveBits'])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/** X25519(our private key, their public u) (RFC 7748 §5). */
export async function x25519(privateKey: CryptoKey, publicKey: Uint8Array): Promise<Bytes> {
  if (publicKey.length !== 32) throw new OmemoError('bad-key', `An X25519 public key has 32 bytes, not ${publicKey.length}.`);
  try {
    const peer = await subtle().importKey('raw', copy(publicKey), { name: 'X25519' }, true, []);
    return new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
  } catch (error) {
    // WebCrypto refuses points of small order (an all-zero shared secret, RFC 7748 §6.1).
    throw new OmemoError('bad-key', 'The X25519 public key is not usable.', { cause: error });
  }
}

export async function ed25519Sign(privateKey: CryptoKey, message: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, privateKey, copy(message)));
}

/** False for a signature that does not verify and for a public key that is not a point. */
export async function ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  let key: CryptoKey;
  try {
    key = await subtle().importKey('raw', copy(publicKey), { name: 'Ed25519' }, true, ['verify']);
  } catch {
    return false; // not a point on the curve: no signature can verify under it
  }
  return subtle().verify({ name: 'Ed25519' }, key, copy(signature), copy(message));
}

/** HKDF-SHA-256 (RFC 5869) of `length` bytes. */
export async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Bytes> {
  const key = await subtle().importKey('raw', copy(ikm), 'HKDF', false, ['deriveBits']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: copy(salt), info: copy(info) };
  return new Uint8Array(await subtle().deriveBits(params, key, length * 8));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const hmacKey = await subtle().importKey('raw', copy(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', hmacKey, copy(data)));
}

export async function sha512(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-512', copy(data)));
}

export async function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Bytes> {
  const aesKey = await subtle().importKey('raw', copy(key), 'AES-CBC', false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: copy(iv) }, aesKey, copy(plaintext)));
}

/** Rejects with `bad-message` for a wrong key or padding (CBC itself cannot tell which). */
export async function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Bytes> {
  const aesKey = await subtle().importKey('raw', copy(key), 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: copy(iv) }, aesKey, copy(ciphertext)));
  } catch (error) {
    throw new OmemoError('bad-message', 'The message could not be decrypted (AES-CBC padding).', { cause: error });
  }
}

/** AES-GCM with a 16-byte tag, returned after the ciphertext as WebCrypto does. */
export async function aesGcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Bytes> {
  const aesKey = await subtle().importKey('raw', copy(key), 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: copy(iv) }, aesKey, copy(plaintext)));
}

/** Takes the ciphertext with its tag appended; rejects with `bad-mac` when the tag does not match. */
export async function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Promise<Bytes> {
  const aesKey = await subtle().importKey('raw', copy(key), 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: copy(iv) }, aesKey, copy(sealed)));
  } catch (error) {
    throw new OmemoError('bad-mac', 'The message failed authentication (AES-GCM tag).', { cause: error });
  }
}

/** WebCrypto wants a BufferSource over an ArrayBuffer (not a SharedArrayBuffer view): copy into one. */
function copy(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}
