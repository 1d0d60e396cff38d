// Arithmetic modulo p = 2^255 - 19, enough to move public keys between the Montgomery form
// (X25519, u) and the twisted Edwards form (Ed25519, y) of Curve25519 (RFC 7748 §4.1).
import { OmemoError } from './omemo-error.ts';

export const P = (1n << 255n) - 19n;

export function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** The inverse by Fermat's little theorem; 0 has none. */
export function invert(a: bigint): bigint {
  if (mod(a) === 0n) throw new OmemoError('bad-key', 'The key is not a point of Curve25519 that has an Edwards form.');
  return pow(a, P - 2n);
}

/** Reads 32 little-endian bytes; `maskTop` drops bit 255 (the sign bit of an Edwards key). */
export function readLittleEndian(bytes: Uint8Array, maskTop = true): bigint {
  if (bytes.length !== 32) throw new OmemoError('bad-key', `A Curve25519 key has 32 bytes, not ${bytes.length}.`);
  let n = 0n;
  for (let i = 31; i >= 0; i--) n = (n << 8n) | BigInt(i === 31 && maskTop ? bytes[i] & 0x7f : bytes[i]);
  return n;
}

export function writeLittleEndian(n: bigint): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(32);
  let rest = n;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** Edwards y (and its sign bit, ignored) to Montgomery u = (1 + y) / (1 − y). */
export function edwardsToMontgomery(edwardsPublic: Uint8Array): Uint8Array<ArrayBuffer> {
  const y = readLittleEndian(edwardsPublic);
  if (y >= P) throw new OmemoError('bad-key', 'The Ed25519 public key is not canonical.');
  return writeLittleEndian(mod((1n + y) * invert(1n - y)));
}

/** Montgomery u to Edwards y = (u − 1) / (u + 1), with the sign bit (the x coordinate's parity) given. */
export function montgomeryToEdwards(montgomeryPublic: Uint8Array, signBit: 0 | 1 = 0): Uint8Array<ArrayBuffer> {
  const u = readLittleEndian(montgomeryPublic);
  if (u >= P) throw new OmemoError('bad-key', 'The Curve25519 public key is not canonical.');
  const out = writeLittleEndian(mod((u - 1n) * invert(u + 1n)));
  out[31] |= signBit << 7;
  return out;
}
