/**
 * The English strings of the visitor's first screen beyond its welcome line (who is there, the
 * greeting or away message, reply time, next opening, leaving an email): loaded with that screen,
 * once the desk's presence is known, so a visitor's first scripts do not carry them.
 */
import { addStrings } from './i18n.ts';

export const enFirstScreen = {
  'availability.greeting': 'We’re here. Ask us anything!',
  'availability.away': 'We’re away right now. Leave a message and we’ll answer as soon as we can.',
  'first-screen.team-one': '{names} is here.',
  'first-screen.team-many': '{names} are here.',
  'first-screen.reply': 'Usually replies within {time}.',
  'first-screen.back-today': 'Back today at {time}.',
  'first-screen.back-tomorrow': 'Back tomorrow at {time}.',
  'first-screen.back': 'Back {day} at {time}.',
  'first-screen.closed': 'We’re closed right now.',
  'first-screen.leave-email': 'Leave your email with your message, and we’ll reply there.',
  'first-screen.email': 'Your email',
  'first-screen.save-email': 'Save',
  'first-screen.will-reply': 'We’ll reply to {email}.',
};

addStrings(enFirstScreen);
