/**
 * Encrypted files as OMEMO clients share them (XEP-0454, the `aesgcm://` link): the file is encrypted
 * with AES-256-GCM under a fresh key and a 12-byte IV and uploaded as its ciphertext followed by the
 * 16-byte tag; the message, itself encrypted, carries the upload's https URL with the scheme `aesgcm`
 * and the IV and the key in hex as its fragment. Older clients used a 16-byte IV: such links are read.
 */
import { fromHex, randomBytes, toHex, type Bytes } from './bytes.ts';
import { OmemoError } from './omemo-error.ts';

/** Where an encrypted file is, and what opens it. */
export interface MediaLink {
  /** The https URL to fetch the ciphertext from (the link's with `https:` for `aesgcm:`). */
  url: string;
  iv: Bytes;
  key: Bytes;
}

const FRAGMENT = /^#((?:[0-9a-f]{24}|[0-9a-f]{32})[0-9a-f]{64})$/i;

/** The link in `text` (a message body that is just the link), or undefined. */
export function parseMediaLink(text: string): MediaLink | undefined {
  const trimmed = text.trim();
  if (!/^aesgcm:\/\/[^\s]+$/i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${trimmed.slice('aesgcm://'.length)}`);
  } catch {
    return undefined; // not a URL: the body is shown as the text it is
  }
  const fragment = FRAGMENT.exec(url.hash)?.[1];
  if (!fragment) return undefined;
  const bytes = fromHex(fragment);
  url.hash = '';
  return { url: url.href, iv: bytes.slice(0, bytes.length - 32), key: bytes.slice(bytes.length - 32) };
}

/** The `aesgcm://` link for a file uploaded to `url` (https) and encrypted with `iv` and `key`. */
export function buildMediaLink({ url, iv, key }: MediaLink): string {
  const https = new URL(url);
  if (https.protocol !== 'https:' && https.protocol !== 'http:') throw new OmemoError('bad-message', 'A file link must be http(s).');
  https.hash = '';
  return `aesgcm://${https.href.slice(https.protocol.length + 2)}#${toHex(iv)}${toHex(key)}`;
}

/** The file encrypted for upload, with what its link will carry. */
export async function encryptMedia(data: BufferSource): Promise<{ data: Bytes; iv: Bytes; key: Bytes }> {
  const iv = randomBytes(12);
  const key = randomBytes(32);
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return { data: new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, data)), iv, key };
}

/** The file fetched from a link, decrypted; rejects with `bad-mac` when it was altered or the key is not its. */
export async function decryptMedia(data: BufferSource, { iv, key }: Pick<MediaLink, 'iv' | 'key'>): Promise<Bytes> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, cryptoKey, data));
  } catch (error) {
    throw new OmemoError('bad-mac', 'The encrypted file could not be decrypted: it was changed, or the link is not its.', { cause: error });
  }
}
