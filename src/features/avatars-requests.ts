/**
 * The avatar requests to the server: someone's metadata, an avatar's data item, a vCard's photo. Each answer that means "nothing here for you" reads as undefined, so the
 * caller falls back to the next source; anything else (a lost link, a timeout) rejects.
 */
import type { Client } from '../client.ts';
import { StanzaError, XmppChatError } from '../errors.ts';
import {
  buildAvatarDataGet,
  buildVcardGet,
  NS_AVATAR_DATA,
  NS_AVATAR_METADATA,
  parseAvatarData,
  parseAvatarMetadata,
  parseVcardPhoto,
  vcardOf,
  type AvatarInfo,
} from '../stanza/avatar.ts';
import type { XmlElement } from '../stanza/element.ts';
import { buildItemsGet, parseItems } from '../stanza/pep.ts';

/**
 * Answers that mean "no avatar we may read": nothing published (`item-not-found`; Prosody 0.12
 * says `forbidden` where nothing was published under its default access model), a node not open
 * to us (`forbidden`, `not-authorized`), or no such service (`service-unavailable`,
 * `feature-not-implemented`, `remote-server-not-found` for an unknown domain).
 */
const NOTHING = new Set([
  'item-not-found',
  'forbidden',
  'not-authorized',
  'service-unavailable',
  'feature-not-implemented',
  'remote-server-not-found',
]);

/** Sends `request`; undefined when the answer means there is nothing for us. */
export async function ask(client: Client, request: XmlElement): Promise<XmlElement | undefined> {
  try {
    return await client.iq(request);
  } catch (error) {
    if (error instanceof StanzaError && NOTHING.has(error.condition)) return undefined;
    throw error;
  }
}

/**
 * `owner`'s published avatar versions: empty when they took it away, undefined when they
 * published none we may read.
 */
export async function metadataOf(client: Client, owner: string): Promise<AvatarInfo[] | undefined> {
  const answer = await ask(client, buildItemsGet(owner, NS_AVATAR_METADATA));
  const payload = answer && parseItems(answer, NS_AVATAR_METADATA)?.[0];
  return payload && parseAvatarMetadata(payload);
}

/** The bytes of `owner`'s data item `id`, as published (not verified here). */
export async function dataOf(client: Client, owner: string, id: string): Promise<Uint8Array | undefined> {
  const answer = await ask(client, buildAvatarDataGet(owner, id));
  const payload = answer && parseItems(answer, NS_AVATAR_DATA)?.[0];
  return payload && parseAvatarData(payload);
}

/** The photo of `owner`'s vCard, or of ours without `owner`. */
export async function vcardPhotoOf(client: Client, owner?: string): Promise<Uint8Array | undefined> {
  const answer = await ask(client, buildVcardGet(owner));
  const vcard = answer && vcardOf(answer);
  return vcard && parseVcardPhoto(vcard)?.bytes;
}

export type AvatarCondition = 'not-an-image' | 'too-large' | 'unsupported';

/** An image that cannot be an avatar, or a browser that cannot check one. */
export class AvatarError extends XmppChatError {
  override readonly name = 'AvatarError';
  constructor(
    readonly condition: AvatarCondition,
    message: string,
  ) {
    super(message);
  }
}

/** The SHA-1 of `bytes` in lower-case hex, as avatars are named (XEP-0084 §4.2, XEP-0153 §4.1). */
export async function sha1Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto exists only in secure contexts (https, localhost).
  if (!globalThis.crypto?.subtle) throw new AvatarError('unsupported', 'Pictures can be checked only on a secure (https) page.');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
