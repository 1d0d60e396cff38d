/**
 * What the room view offers after a refusal or a removal (RoomError.condition): the nickname form
 * again, a password field, another try, or nothing when trying again cannot help (a ban, a
 * members-only room, a room that does not exist or was closed).
 */
import type { MessageKey } from '../i18n/i18n.ts';

export type WayForward = 'nick' | 'password' | 'retry' | 'rejoin' | 'none';

export interface Refusal {
  way: WayForward;
  /** The sentence that says what to do, after the room's own words. */
  hint?: MessageKey;
}

const REFUSALS: Record<string, Refusal> = {
  conflict: { way: 'nick', hint: 'room.forward.conflict' },
  'jid-malformed': { way: 'nick', hint: 'room.forward.conflict' },
  'not-authorized': { way: 'password', hint: 'room.forward.password' },
  'registration-required': { way: 'none', hint: 'room.forward.members' },
  forbidden: { way: 'none', hint: 'room.forward.banned' },
  banned: { way: 'none', hint: 'room.forward.banned' },
  'item-not-found': { way: 'none', hint: 'room.forward.missing' },
  'not-allowed': { way: 'none', hint: 'room.forward.missing' },
  destroyed: { way: 'none', hint: 'room.forward.destroyed' },
  'service-unavailable': { way: 'retry', hint: 'room.forward.later' },
  timeout: { way: 'retry' },
  kicked: { way: 'rejoin' },
};

/** The way forward after `condition`; an unknown one may be tried again. */
export function refusalOf(condition: string | undefined): Refusal {
  return (condition && REFUSALS[condition]) || { way: 'retry' };
}
