/**
 * Avatars: User Avatar (XEP-0084) metadata and data payloads on personal eventing nodes, the
 * avatar hash that vCard-based avatars (XEP-0153) put in presence, and the PHOTO of a vcard-temp
 * (XEP-0054) vCard. Pure builders and readers; features/avatars.ts sends them.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

export const NS_AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
export const NS_AVATAR_DATA = 'urn:xmpp:avatar:data';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const NS_VCARD = 'vcard-temp';

/** The image types shown; never SVG, which is a document that can carry scripts and links. */
export type AvatarType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** One version of an avatar as its metadata describes it (XEP-0084 §4.2). */
export interface AvatarInfo {
  /** The SHA-1 of the image bytes, in lower-case hex: how the data item and the cache name it. */
  id: string;
  bytes: number;
  /** The media type as published; what is shown is decided from the bytes themselves. */
  type: string;
  width?: number;
  height?: number;
}

const HASH = /^[0-9a-f]{40}$/;
/** A SHA-1 in hex as the specs give it, lower-cased; undefined for anything else. */
export const avatarHash = (text: string | undefined): string | undefined => {
  const hash = text?.trim().toLowerCase();
  return hash && HASH.test(hash) ? hash : undefined;
};

const dimension = (text: string | undefined) => {
  const n = Number(text);
  return text && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
};

/**
 * Reads a metadata payload: the versions it lists with a valid id, bytes and type, in its
 * order. An empty list means the avatar was taken away (§4.2.3). Undefined for anything else.
 */
export function parseAvatarMetadata(payload: XmlElement): AvatarInfo[] | undefined {
  if (payload.name !== 'metadata' || payload.attrs.xmlns !== NS_AVATAR_METADATA) return undefined;
  return childrenOf(payload, 'info').flatMap(({ attrs }) => {
    const id = avatarHash(attrs.id);
    const bytes = Number(attrs.bytes);
    if (!id || !attrs.type || !Number.isInteger(bytes) || bytes <= 0) return [];
    const info: AvatarInfo = { id, bytes, type: attrs.type };
    const width = dimension(attrs.width);
    const height = dimension(attrs.height);
    if (width) info.width = width;
    if (height) info.height = height;
    return [info];
  });
}

/**
 * What a PEP notification tells of `from`'s avatar: the infos of the newest metadata item
 * (empty: taken away). Undefined for other messages.
 */
export function parseAvatarEvent(message: XmlElement): { from: string; infos: AvatarInfo[] } | undefined {
  if (message.name !== 'message' || message.attrs.type === 'error' || !message.attrs.from) return undefined;
  const items = childOf(childOf(message, 'event', NS_EVENT) ?? message, 'items');
  if (!childOf(message, 'event', NS_EVENT) || items?.attrs.node !== NS_AVATAR_METADATA) return undefined;
  const payload = childrenOf(items, 'item')
    .flatMap((item) => childrenOf(item, 'metadata', NS_AVATAR_METADATA))
    .at(-1);
  const infos = payload && parseAvatarMetadata(payload);
  return infos && { from: message.attrs.from, infos };
}

/** The image bytes of a data payload; undefined for anything else or for base64 that does not decode. */
export function parseAvatarData(payload: XmlElement): Uint8Array | undefined {
  if (payload.name !== 'data' || payload.attrs.xmlns !== NS_AVATAR_DATA) return undefined;
  return fromBase64(textOf(payload));
}

/** Asks `owner`'s account for the data item `id` (its hash) only, rather than the newest (XEP-0060 §6.5.8). */
export function buildAvatarDataGet(owner: string, id: string): XmlElement {
  return xml(
    'iq',
    { type: 'get', to: owner, id: newStanzaId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_AVATAR_DATA }, xml('item', { id }))),
  );
}

/** Asks for `owner`'s vCard, or our own without `owner` (XEP-0054 §3.1, §3.3). */
export function buildVcardGet(owner?: string): XmlElement {
  return xml('iq', { type: 'get', to: owner, id: newStanzaId() }, xml('vCard', { xmlns: NS_VCARD }));
}

/** The vCard of an iq result; undefined when the result has none (an empty vCard is still one). */
export function vcardOf(iq: XmlElement): XmlElement | undefined {
  return iq.name === 'iq' && iq.attrs.type === 'result' ? childOf(iq, 'vCard', NS_VCARD) : undefined;
}

/** The PHOTO of a vCard given inline (TYPE and BINVAL); a PHOTO given as a link (EXTVAL) is never fetched. */
export function parseVcardPhoto(vcard: XmlElement): { type?: string; bytes: Uint8Array } | undefined {
  const photo = childOf(vcard, 'PHOTO');
  const bytes = photo && fromBase64(textOf(childOf(photo, 'BINVAL')));
  if (!bytes?.length) return undefined;
  const type = textOf(childOf(photo!, 'TYPE')).trim();
  return type ? { type, bytes } : { bytes };
}

/** The type of an image from its first bytes: PNG, JPEG, GIF or WebP; undefined for anything else (SVG included). */
export function imageType(bytes: Uint8Array): AvatarType | undefined {
  const starts = (offset: number, ...expected: number[]) => expected.every((byte, i) => bytes[offset + i] === byte);
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

/** Base64 of bytes, in slices so a large image never overflows the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of base64 text (line breaks and spaces allowed, as vCards have them); undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch (error) {
    if (error instanceof DOMException) return undefined; // InvalidCharacterError: not base64
    throw error;
  }
}
