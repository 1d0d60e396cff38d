/**
 * Invitations to rooms as they arrive (XEP-0249 direct, XEP-0045 mediated), told once each: a
 * members-only room's inviter sends both kinds, and offline storage may deliver one again on the
 * next sign-in. What was told is kept with the history, so a reload does not tell it again.
 */
import { parseInvitation } from '../stanza/invitation.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { MessageStore } from '../storage/index.ts';
import type { RoomInvitation } from './room-types.ts';

const META = 'room-invitations-told';
/** The same room from the same person within this time is the same invitation. */
const SAME_MS = 10 * 60_000;
const KEPT = 50;

export interface InvitationsDeps {
  store: MessageStore;
  report: (error: unknown) => void;
  /** We are in (or joining) this room: an invitation to it is no news. */
  isIn: (room: string) => boolean;
}

export function createInvitations({ store, report, isIn }: InvitationsDeps) {
  /** What was told: `room from` or a stanza id, with when. */
  let told: [string, number][] = [];
  const loaded = store.getMeta<[string, number][]>(META).then((kept) => {
    told = [...(kept ?? []), ...told];
  }, report);

  async function tell(keys: string[], invitation: RoomInvitation, emit: (invitation: RoomInvitation) => void): Promise<void> {
    await loaded;
    const now = Date.now();
    const seen = told.some(([key, at]) => keys.includes(key) && (key.startsWith('id ') || now - at < SAME_MS));
    if (seen || isIn(invitation.room)) return;
    told = [...told, ...keys.map((key): [string, number] => [key, now])].slice(-KEPT);
    await store.setMeta(META, told);
    emit(invitation);
  }

  return {
    /** Takes in a message; true when it was an invitation (told once, if new). */
    receive(stanza: XmlElement, emit: (invitation: RoomInvitation) => void): boolean {
      const parsed = parseInvitation(stanza);
      if (!parsed) return false;
      const invitation: RoomInvitation = { room: parsed.room, from: parsed.from };
      if (parsed.reason) invitation.reason = parsed.reason;
      if (parsed.password) invitation.password = parsed.password;
      const keys = [`${invitation.room} ${invitation.from}`, ...(stanza.attrs.id ? [`id ${stanza.attrs.id}`] : [])];
      void tell(keys, invitation, emit).catch(report);
      return true;
    },
  };
}
