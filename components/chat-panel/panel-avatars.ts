/**
 * The avatars a panel shows: their code (the feature and `<xmpp-chat-avatar>`) loads the first
 * time a picture is wanted — in full mode at once, in a visitor's widget only once the desk's
 * presence says it has one (XEP-0153) — and the panel renders again when it is there.
 */
import type { Avatars } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';
import { loadValue, saveValue } from '../controllers/local-values.ts';

const loaded = new WeakMap<ChatSession, Avatars>();
const loading = new WeakSet<ChatSession>();

/** The session's avatars if loaded; else starts loading them and calls `ready` when they are. */
export function avatarsOf(session: ChatSession, ready: () => void, failed: (error: Error) => void): Avatars | undefined {
  const avatars = loaded.get(session);
  if (avatars || loading.has(session)) return avatars;
  loading.add(session);
  Promise.all([session.chat.avatars(), import('./avatar-element.ts')]).then(([found]) => {
    loaded.set(session, found);
    ready();
  }, failed);
  return undefined;
}

/**
 * Whether `jid` has a picture, as their presence says (a vCard photo hash, XEP-0153). What it said
 * is kept on the device (a fact about the desk, not the visitor): a page that took over a BOSH
 * session hears no presence again, and still shows the picture.
 */
export function hasPicture(session: ChatSession, jid: string): boolean {
  const photos = [
    ...session.chat.strangers.presence(jid).values(),
    ...(session.contacts.find((c) => c.jid === jid)?.presence.values() ?? []),
  ]
    .map((p) => p.photo)
    .filter((photo) => photo !== undefined);
  const key = `xmpp-chat:picture:${jid}`;
  if (!photos.length) return loadValue(key) === '1';
  const has = photos.some(Boolean);
  if ((loadValue(key) === '1') !== has) saveValue(key, has ? '1' : undefined);
  return has;
}
