/** A room's refusals and removals in words: what happened, and what to do about it. */
import { RoomError } from './room-types.ts';

const SENTENCES: Record<string, string> = {
  conflict: 'Someone in the room already uses this nickname. Choose another one and join again.',
  'registration-required': 'This room is for members only. Ask one of its owners to add you as a member.',
  forbidden: 'You are banned from this room.',
  'not-authorized': 'This room needs a password, and the one given was missing or wrong. Check it and join again.',
  'item-not-found': 'This room does not exist, and this server does not let you create it. Check the room address.',
  'service-unavailable': 'The room is full, or the chat service is not available. Try again later.',
  'not-allowed': 'This room does not exist, and this server does not let you create rooms. Check the room address.',
  'jid-malformed': 'A nickname is needed to join the room. Choose one and join again.',
  'not-acceptable': 'The room does not accept this nickname (it may be reserved for someone). Choose another one.',
  kicked: 'You were removed from the room by a moderator. You can join it again.',
  banned: 'You were banned from this room.',
  removed: 'You are no longer allowed in this room (your membership was changed).',
  'members-only': 'The room became members-only, and you are not a member. Ask one of its owners to add you.',
  shutdown: 'The chat service is shutting down. The room will be joined again when it is back.',
  destroyed: 'This room was closed by its owner.',
  left: 'You left the room before joining it.',
  timeout: 'The room did not answer. Check your connection and try again.',
};

/** A RoomError for a condition (XEP-0045 error, or how we left), with the room's own text when it sent one. */
export function roomError(condition: string, text?: string): RoomError {
  const sentence = SENTENCES[condition] ?? `The room refused (${condition}).`;
  return new RoomError(condition, text ? `${sentence} The room said: “${text}”` : sentence);
}
