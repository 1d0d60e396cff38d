/**
 * Publishing our avatar: the picture's data, then its metadata (XEP-0084 §4.3: whoever hears of
 * the new metadata finds its data there already), both open to anyone so that a visitor, even an
 * anonymous one, sees a desk's picture; then our vCard's photo for older clients. Loaded with the
 * first `avatars.publish()`, so a reader of avatars (a visitor) never loads it.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { buildVcardGet, imageType, NS_AVATAR_DATA, NS_AVATAR_METADATA, vcardOf } from '../stanza/avatar.ts';
import { buildAvatarData, buildAvatarMetadata, buildVcardPhotoSet } from '../stanza/avatar-publish.ts';
import type { XmlElement } from '../stanza/element.ts';
import { buildConfigure, buildPublish } from '../stanza/pep.ts';
import { AVATAR_MAX_BYTES, type AvatarImages } from './avatars-images.ts';
import { ask, AvatarError, sha1Hex } from './avatars-requests.ts';

/** Anyone may read our avatar. */
const OPEN = { 'pubsub#access_model': 'open' } as const;

/** Publishes `payload` as item `id` of our node `node`, open to everyone. */
async function publishOpen(client: Client, node: string, id: string, payload: XmlElement): Promise<void> {
  const publish = () => client.iq(buildPublish(node, id, payload, OPEN));
  try {
    await publish();
  } catch (error) {
    // A node made before with another access model (by another client, or by the server from a
    // vCard) fails the publish options' precondition (`conflict`, XEP-0060 §7.1.5): open it, then publish.
    if (!(error instanceof StanzaError && error.condition === 'conflict')) throw error;
    await client.iq(buildConfigure(node, OPEN));
    await publish();
  }
}

/** Puts this photo in our vCard (XEP-0153 §3.1), keeping its other fields; nothing happens on a server without vCards. */
async function setVcardPhoto(client: Client, photo: { type: string; bytes: Uint8Array }): Promise<void> {
  const answer = await ask(client, buildVcardGet());
  await ask(client, buildVcardPhotoSet(answer && vcardOf(answer), photo));
}

export interface PublishDeps {
  client: Client;
  images: AvatarImages;
  /** Our server keeps PEP avatars and vCard photos the same by itself (XEP-0398). */
  converts: () => boolean;
  /** Called once the picture is published and before the vCard is: it is ours now. */
  published: (hash: string) => Promise<void>;
}

/** Publishes `image` as our avatar; rejects with an AvatarError for a picture we would not show. */
export async function publishAvatar(
  { client, images, converts, published }: PublishDeps,
  image: Blob,
  size?: { width: number; height: number },
): Promise<void> {
  const bytes = new Uint8Array(await image.arrayBuffer());
  const type = imageType(bytes);
  if (!type) throw new AvatarError('not-an-image', 'The picture must be a PNG, JPEG, GIF or WebP image.');
  if (bytes.length > AVATAR_MAX_BYTES) throw new AvatarError('too-large', 'The picture is too large; choose a smaller one.');
  const id = await sha1Hex(bytes);
  await publishOpen(client, NS_AVATAR_DATA, id, buildAvatarData(bytes));
  await publishOpen(client, NS_AVATAR_METADATA, id, buildAvatarMetadata({ id, bytes: bytes.length, type, ...size }));
  await images.keep(id, bytes);
  await published(id);
  if (!converts()) await setVcardPhoto(client, { type, bytes });
}
