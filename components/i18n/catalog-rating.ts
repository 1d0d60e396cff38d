/**
 * The English strings of a visitor's rarely used views — the rating prompt and the transcript —
 * loaded with the code of those views, so a visitor's first script does not carry them.
 */
import { addStrings } from './i18n.ts';

export const enRating = {
  'rating.title': 'How did we do?',
  'rating.hint': '1 is poor, 5 is great.',
  'rating.score': '{score} of 5',
  'rating.comment': 'Anything you want to add? (optional)',
  'rating.submit': 'Send rating',
  'rating.required': 'Choose a score from 1 to 5.',
  'rating.thanks': 'Thank you for your rating!',
  'transcript.title': 'Conversation with {name}',
  'transcript.unsent': 'not sent',
};

addStrings(enRating);
