/**
 * The avatar pictures kept on this device, by the SHA-1 of their bytes: fetched once (from the
 * owner's PEP data node, else their vCard), checked against their hash, and read back as
 * `data:` URLs. Only PNG, JPEG, GIF and WebP pictures up to AVATAR_MAX_BYTES are kept.
 */
import type { Client } from '../client.ts';
import { imageType, toBase64 } from '../stanza/avatar.ts';
import type { MessageStore } from '../storage/index.ts';
import { dataOf, sha1Hex, vcardPhotoOf } from './avatars-requests.ts';

/** The largest avatar shown or published: avatars are small pictures, and each is kept on the device. */
export const AVATAR_MAX_BYTES = 256 * 1024;
const imageKey = (hash: string) => `avatar:${hash}`;

interface KeptImage {
  type: string;
  bytes: Uint8Array;
}
const dataUrl = ({ type, bytes }: KeptImage) => `data:${type};base64,${toBase64(bytes)}`;

export interface AvatarImages {
  /** Keeps `bytes` under `hash` if they are a picture we show and match it; false otherwise. */
  keep(hash: string, bytes: Uint8Array): Promise<boolean>;
  /** The picture `hash` as a data: URL: kept on this device, or fetched from `owner` and kept. */
  imageOf(owner: string, hash: string): Promise<string | undefined>;
  /** Fetches `owner`'s vCard photo and keeps it: its hash, or null for none we show. */
  vcardHash(owner: string): Promise<string | null>;
}

export function createAvatarImages(client: Client, store: Pick<MessageStore, 'getMeta' | 'setMeta'>): AvatarImages {
  async function keep(hash: string, bytes: Uint8Array): Promise<boolean> {
    const type = imageType(bytes);
    if (!type || bytes.length > AVATAR_MAX_BYTES || (await sha1Hex(bytes)) !== hash) return false;
    await store.setMeta(imageKey(hash), { type, bytes } satisfies KeptImage);
    return true;
  }
  const shown = async (hash: string, bytes: Uint8Array | undefined) =>
    bytes && (await keep(hash, bytes)) ? dataUrl({ type: imageType(bytes)!, bytes }) : undefined;

  return {
    keep,
    async imageOf(owner, hash) {
      const kept = await store.getMeta<KeptImage>(imageKey(hash));
      if (kept) return dataUrl(kept);
      return (await shown(hash, await dataOf(client, owner, hash))) ?? shown(hash, await vcardPhotoOf(client, owner));
    },
    async vcardHash(owner) {
      const bytes = await vcardPhotoOf(client, owner);
      const hash = bytes && (await sha1Hex(bytes));
      return hash && (await keep(hash, bytes)) ? hash : null;
    },
  };
}
