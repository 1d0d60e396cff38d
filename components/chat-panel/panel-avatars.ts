/**
 * The avatars a panel shows: their code (the feature and `<xmpp-chat-avatar>`) loads the first
 * time a picture is wanted — in full mode at once, in a visitor's widget only once the desk's
 * presence says it has one (XEP-0153) — and the panel renders again when it is there.
 */
import type { Avatars } from '../../src/index.ts';
import type { ChatSession } from '../controllers/chat-session.ts';

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

/** Whether `jid`'s presence says they have a picture (a vCard photo hash, XEP-0153). */
export const hasPicture = (session: ChatSession, jid: string): boolean =>
  [...session.chat.strangers.presence(jid).values(), ...(session.contacts.find((c) => c.jid === jid)?.presence.values() ?? [])].some(
    (p) => !!p.photo,
  );
