/**
 * What publishing our avatar sends: the User Avatar (XEP-0084) data and metadata payloads, and
 * our vCard with the photo (XEP-0054, for XEP-0153 clients). Loaded only when one publishes.
 */
import { NS_AVATAR_DATA, NS_AVATAR_METADATA, NS_VCARD, toBase64, type AvatarInfo } from './avatar.ts';
import { xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

/** A metadata payload for this avatar, or the empty one that takes the avatar away. */
export function buildAvatarMetadata(info?: AvatarInfo): XmlElement {
  const attrs = info && { ...info, bytes: String(info.bytes), width: info.width?.toString(), height: info.height?.toString() };
  return xml('metadata', { xmlns: NS_AVATAR_METADATA }, attrs && xml('info', attrs));
}

/** The data payload (§4.1): the image bytes in base64. */
export function buildAvatarData(bytes: Uint8Array): XmlElement {
  return xml('data', { xmlns: NS_AVATAR_DATA }, toBase64(bytes));
}

/**
 * Sets our vCard to `vcard` (the one we have, so its other fields are kept: a set replaces the
 * whole vCard) with this photo instead of its own, or with none.
 */
export function buildVcardPhotoSet(vcard: XmlElement | undefined, photo?: { type: string; bytes: Uint8Array }): XmlElement {
  const kept = vcard ? vcard.children.filter((child) => typeof child !== 'object' || child.name !== 'PHOTO') : [];
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml(
      'vCard',
      { xmlns: NS_VCARD },
      kept,
      photo && xml('PHOTO', {}, xml('TYPE', {}, photo.type), xml('BINVAL', {}, toBase64(photo.bytes))),
    ),
  );
}
