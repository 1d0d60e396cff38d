/**
 * Avatars: User Avatar (XEP-0084) from personal eventing nodes, with vCard-based avatars
 * (XEP-0153, XEP-0054) where someone has no readable PEP avatar. An avatar is known by the SHA-1
 * of its bytes: the bytes are checked against it and kept on this device under it, so a reload
 * shows every avatar seen before without fetching it again. Loaded with the first `chat.avatars()`.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { avatarHash, parseAvatarEvent, type AvatarInfo } from '../stanza/avatar.ts';
import { bareJid } from '../stanza/jid.ts';
import { parsePresence, type Presence } from '../stanza/presence.ts';
import type { MessageStore } from '../storage/index.ts';
import { AVATAR_MAX_BYTES, createAvatarImages } from './avatars-images.ts';
import { metadataOf } from './avatars-requests.ts';

export { AvatarError, type AvatarCondition } from './avatars-requests.ts';
export { AVATAR_MAX_BYTES } from './avatars-images.ts';

/** Whose avatar is which (by hash), kept across reloads. */
const HASHES_KEY = 'avatars';

export interface AvatarsEvents extends Record<string, unknown> {
  /** Someone's avatar changed (or was taken away): ask `of(jid)` again. */
  change: { jid: string };
  /** Finding out someone's avatar in the background failed. */
  error: Error;
}

export interface Avatars {
  /**
   * A `data:` URL of the picture of `jid` (a bare address), or undefined when they have none we
   * can show: only PNG, JPEG, GIF and WebP images up to AVATAR_MAX_BYTES whose bytes match their hash.
   */
  of(jid: string): Promise<string | undefined>;
  /**
   * Publishes our avatar: `image` a PNG, JPEG, GIF or WebP of at most AVATAR_MAX_BYTES (the
   * picker makes one of at most 192 pixels), readable by anyone, and in our vCard for older clients.
   * Rejects with an AvatarError for anything else.
   */
  publish(image: Blob, size?: { width: number; height: number }): Promise<void>;
  on<K extends keyof AvatarsEvents>(type: K, listener: (detail: AvatarsEvents[K]) => void): () => void;
}

export interface AvatarsDeps {
  /** The connection: notifications and presence in, requests out. */
  client: Client;
  /** Where the bytes are kept across reloads. */
  store: Pick<MessageStore, 'getMeta' | 'setMeta' | 'updateMeta'>;
  /** Our bare address. */
  account: () => string;
  /** The presences known of `jid` (contacts'), for the vCard hash they carry. */
  presences?: (jid: string) => Iterable<Presence>;
  /** Our server keeps PEP avatars and vCard photos the same by itself (XEP-0398). */
  converts?: () => boolean;
}

export function createAvatars({ client, store, account, presences = () => [], converts = () => false }: AvatarsDeps): Avatars {
  const events = new Emitter<AvatarsEvents>();
  /** Each address's avatar hash as last heard, null for none; saved ones fill in until then. */
  const known = new Map<string, string | null>();
  /** Addresses whose hash came from their PEP metadata: a vCard hash in presence does not override it. */
  const fromPep = new Set<string>();
  /** Addresses asked about in each session (by epoch), and those asked for while offline. */
  const asked = new Map<string, Promise<string | null>>();
  let askedIn = client.epoch;
  const waiting = new Set<string>();
  const shown = new Map<string, Promise<string | undefined>>();
  const images = createAvatarImages(client, store);
  const report = (error: Error) => events.emit('error', error);
  // Without storage, avatars are fetched each session: the failure is reported, not fatal.
  const saved: Promise<Record<string, string>> = store.getMeta<Record<string, string>>(HASHES_KEY).then(
    (hashes) => hashes ?? {},
    (error: Error) => {
      report(error);
      return {};
    },
  );

  /** Takes in `hash` as `jid`'s avatar; tells listeners when it is news. */
  async function learn(jid: string, hash: string | null): Promise<void> {
    const before = known.has(jid) ? known.get(jid) : ((await saved)[jid] ?? null);
    known.set(jid, hash);
    if (before === hash) return;
    events.emit('change', { jid });
    await store.updateMeta<Record<string, string>>(HASHES_KEY, (hashes = {}) => {
      const { [jid]: _, ...others } = hashes;
      return hash ? { ...others, [jid]: hash } : others;
    });
  }

  /** What the server says of `jid`'s avatar now: PEP metadata, else the vCard hash in presence, else the vCard. */
  async function askServer(jid: string): Promise<string | null> {
    const infos = await metadataOf(client, jid);
    let hash: string | null;
    if (infos) {
      fromPep.add(jid);
      hash = chosen(infos)?.id ?? null;
    } else {
      const photos = [...presences(jid)].map((p) => p.photo).filter((photo) => photo !== undefined);
      // Servers put the hash in presence for their users (Prosody's vcard_legacy, ejabberd's
      // mod_vcard_xupdate): without one in a presence we have, there is no photo to fetch.
      hash = photos.length ? (avatarHash(photos[0]) ?? null) : await images.vcardHash(jid);
    }
    await learn(jid, hash);
    return hash;
  }

  async function hashOf(jid: string): Promise<string | null> {
    const last = known.has(jid) ? known.get(jid)! : ((await saved)[jid] ?? null);
    if (client.epoch !== askedIn) {
      asked.clear();
      askedIn = client.epoch;
    }
    if (client.status !== 'connected') {
      waiting.add(jid);
      return last;
    }
    let asking = asked.get(jid);
    if (!asking) {
      asking = askServer(jid);
      asked.set(jid, asking);
      asking.catch(() => asked.delete(jid)); // asked again next time; the failure is the caller's
    }
    // What we knew shows at once; what the server says follows as a change.
    if (known.has(jid) || last) {
      asking.catch(report);
      return last;
    }
    return asking;
  }

  client.on('stanza', (stanza) => {
    const event = parseAvatarEvent(stanza);
    const from = event && bareJid(event.from);
    if (event && from) {
      fromPep.add(from);
      void learn(from, chosen(event.infos)?.id ?? null).catch(report);
      return;
    }
    const presence = stanza.name === 'presence' ? parsePresence(stanza) : undefined;
    const jid = presence?.from && bareJid(presence.from);
    if (!jid || presence.type !== 'available' || presence.photo === undefined || fromPep.has(jid)) return;
    void learn(jid, avatarHash(presence.photo) ?? null).catch(report);
  });
  client.on('online', (info) => {
    if (info.resumed) return;
    fromPep.clear();
    // Those asked for while offline are asked about now, and shown anew if it changed.
    for (const jid of waiting) void hashOf(jid).catch(report);
    waiting.clear();
  });

  return {
    async of(jid) {
      const bare = bareJid(jid) ?? jid;
      const hash = await hashOf(bare);
      if (!hash) return undefined;
      let image = shown.get(hash);
      if (!image) {
        image = images.imageOf(bare, hash);
        shown.set(hash, image);
        // What could not be had now may be had later (another source, another session).
        const forget = () => shown.delete(hash);
        image.then((url) => url || forget(), forget);
      }
      return image;
    },
    async publish(image, size) {
      const { publishAvatar } = await import('./avatars-publish.ts');
      const published = (hash: string) => {
        fromPep.add(account());
        return learn(account(), hash);
      };
      await publishAvatar({ client, images, converts, published }, image, size);
    },
    on: (type, listener) => events.on(type, listener),
  };
}

/** The version we show: the first of a type we show (the one in the data node, XEP-0084 §4.2.1). */
function chosen(infos: readonly AvatarInfo[]): AvatarInfo | undefined {
  return infos.find((info) => info.bytes <= AVATAR_MAX_BYTES && /^image\/(png|jpeg|gif|webp)$/.test(info.type));
}
