// The two versions' message formats around the Double Ratchet's ciphertext.
//   0.3 (libsignal): WhisperMessage = 0x33 ‖ protobuf{1 dh_pub (0x05 ‖ u), 2 n, 3 pn, 4 ciphertext} ‖ MAC[8];
//     PreKeyWhisperMessage = 0x33 ‖ protobuf{1 pk_id, 2 ek, 3 ik, 4 message, 6 spk_id}.
//   OMEMO 2 (twomemo.proto): OMEMOAuthenticatedMessage{1 mac[16], 2 OMEMOMessage{1 n, 2 pn, 3 dh_pub, 4 ciphertext}};
//     OMEMOKeyExchange{1 pk_id, 2 spk_id, 3 ik (Ed25519), 4 ek, 5 OMEMOAuthenticatedMessage}.
import { concat, type Bytes } from './bytes.ts';
import { djbDecode, djbEncode, type OmemoVersion } from './identity.ts';
import { OmemoError } from './omemo-error.ts';
import { decodeMessage, encodeMessage, requireBytes, requireNumber } from './protobuf.ts';

const VERSION_BYTE = 0x33; // libsignal's (current version 3 << 4) | 3

export interface RatchetHeader {
  readonly ratchetPublic: Bytes;
  /** pn: the length of the sender's previous sending chain. */
  readonly previousLength: number;
  /** n: the message's index in its sending chain. */
  readonly index: number;
}

export interface KeyExchange {
  readonly preKeyId: number;
  readonly signedPreKeyId: number;
  /** The sender's identity key as its version sends it (0x05 ‖ u, or Ed25519). */
  readonly identityKey: Bytes;
  readonly ephemeralKey: Bytes;
}

export const MAC_LENGTH: Record<OmemoVersion, number> = { '0.3': 8, '2': 16 };

/** The serialized message the MAC covers (after the associated data). */
export function encodeRatchetMessage(version: OmemoVersion, header: RatchetHeader, ciphertext: Uint8Array): Bytes {
  if (version === '0.3') {
    const body = encodeMessage({ 1: djbEncode(header.ratchetPublic), 2: header.index, 3: header.previousLength, 4: ciphertext });
    return concat(Uint8Array.of(VERSION_BYTE), body);
  }
  return encodeMessage({ 1: header.index, 2: header.previousLength, 3: header.ratchetPublic, 4: ciphertext });
}

export function decodeRatchetMessage(version: OmemoVersion, message: Uint8Array): { header: RatchetHeader; ciphertext: Bytes } {
  if (version === '0.3') {
    if (message[0] !== VERSION_BYTE) throw new OmemoError('bad-message', 'The OMEMO 0.3 message is not of version 3.');
    const fields = decodeMessage(message.subarray(1));
    const header = {
      ratchetPublic: djbDecode(requireBytes(fields, 1)),
      index: requireNumber(fields, 2),
      previousLength: requireNumber(fields, 3),
    };
    return { header, ciphertext: requireBytes(fields, 4) };
  }
  const fields = decodeMessage(message);
  const ratchetPublic = requireBytes(fields, 3);
  if (ratchetPublic.length !== 32) throw new OmemoError('bad-message', 'The ratchet key of the OMEMO message is not 32 bytes.');
  return {
    header: { index: requireNumber(fields, 1), previousLength: requireNumber(fields, 2), ratchetPublic },
    ciphertext: requireBytes(fields, 4),
  };
}

export function joinAuthenticated(version: OmemoVersion, message: Uint8Array, mac: Uint8Array): Bytes {
  return version === '0.3' ? concat(message, mac) : encodeMessage({ 1: mac, 2: message });
}

export function splitAuthenticated(version: OmemoVersion, authenticated: Uint8Array): { message: Bytes; mac: Bytes } {
  if (version === '0.3') {
    if (authenticated.length <= MAC_LENGTH['0.3']) throw new OmemoError('bad-message', 'The OMEMO 0.3 message is too short.');
    const cut = authenticated.length - MAC_LENGTH['0.3'];
    return { message: authenticated.slice(0, cut), mac: authenticated.slice(cut) };
  }
  const fields = decodeMessage(authenticated);
  return { mac: requireBytes(fields, 1), message: requireBytes(fields, 2) };
}

export function encodeKeyExchange(version: OmemoVersion, exchange: KeyExchange, authenticated: Uint8Array): Bytes {
  if (version === '0.3') {
    const { preKeyId, ephemeralKey, identityKey, signedPreKeyId } = exchange;
    const body = encodeMessage({ 1: preKeyId, 2: djbEncode(ephemeralKey), 3: identityKey, 4: authenticated, 6: signedPreKeyId });
    return concat(Uint8Array.of(VERSION_BYTE), body);
  }
  const { preKeyId, signedPreKeyId, identityKey, ephemeralKey } = exchange;
  return encodeMessage({ 1: preKeyId, 2: signedPreKeyId, 3: identityKey, 4: ephemeralKey, 5: authenticated });
}

export function decodeKeyExchange(version: OmemoVersion, bytes: Uint8Array): { exchange: KeyExchange; authenticated: Bytes } {
  if (version === '0.3') {
    if (bytes[0] !== VERSION_BYTE) throw new OmemoError('bad-message', 'The OMEMO 0.3 key exchange is not of version 3.');
    const fields = decodeMessage(bytes.subarray(1));
    const identityKey = requireBytes(fields, 3);
    djbDecode(identityKey); // checks its form
    const exchange = {
      preKeyId: requireNumber(fields, 1),
      signedPreKeyId: requireNumber(fields, 6),
      identityKey,
      ephemeralKey: djbDecode(requireBytes(fields, 2)),
    };
    return { exchange, authenticated: requireBytes(fields, 4) };
  }
  const fields = decodeMessage(bytes);
  const identityKey = requireBytes(fields, 3);
  const ephemeralKey = requireBytes(fields, 4);
  if (identityKey.length !== 32 || ephemeralKey.length !== 32)
    throw new OmemoError('bad-message', 'A key of the key exchange is not 32 bytes.');
  const exchange = { preKeyId: requireNumber(fields, 1), signedPreKeyId: requireNumber(fields, 2), identityKey, ephemeralKey };
  return { exchange, authenticated: requireBytes(fields, 5) };
}
