/**
 * The English strings of the room view (`mode="room"`), loaded with it: a visitor's widget
 * without a room never carries them.
 */
import { addStrings } from './i18n.ts';

export const enRoom = {
  'room.title': 'Room {name}',
  'room.people': 'People ({count})',
  'room.people-label': 'People in the room',
  'room.you': 'you',
  'room.owner': 'Owner',
  'room.admin': 'Admin',
  'room.moderator': 'Moderator',
  'room.member': 'Member',
  'room.visitor': 'Can only read',
  'room.away': 'Away',
  'room.nick-intro': 'Choose the name the others in the room will see.',
  'room.nick': 'Your nickname',
  'room.nick-required': 'Enter a nickname.',
  'room.password-intro': 'This room needs a password.',
  'room.password': 'Room password',
  'room.join': 'Join the room',
  'room.joining': 'Joining the room…',
  'room.rejoining': 'Back in a moment: joining the room again…',
  'room.refused': 'You are not in the room.',
  'room.forward.conflict': 'Choose another nickname.',
  'room.forward.password': 'Enter the room’s password.',
  'room.forward.members': 'Only members may join this room; ask its owner to add you.',
  'room.forward.banned': 'You cannot join this room any more.',
  'room.forward.missing': 'Check the room’s address with the site that showed it.',
  'room.forward.destroyed': 'This room has been closed.',
  'room.forward.later': 'Try again in a little while.',
  'room.try-again': 'Try again',
  'room.join-again': 'Join again',
};

addStrings(enRoom);
