/**
 * The English strings of the emoji picker, loaded with the picker's code when it is first opened,
 * so that no other script carries them. The emoji's own names are English in every language.
 */
import { addStrings } from './i18n.ts';

export const enEmoji = {
  'emoji.label': 'Emoji',
  'emoji.search': 'Search emoji',
  'emoji.categories': 'Emoji categories',
  'emoji.recent': 'Recently used',
  'emoji.results': 'Search results',
  'emoji.found': '{count} emoji found',
  'emoji.none': 'No emoji found',
  'emoji.group.smileys': 'Smileys & emotion',
  'emoji.group.people': 'People & body',
  'emoji.group.animals': 'Animals & nature',
  'emoji.group.food': 'Food & drink',
  'emoji.group.travel': 'Travel & places',
  'emoji.group.activities': 'Activities',
  'emoji.group.objects': 'Objects',
  'emoji.group.symbols': 'Symbols',
  'emoji.group.flags': 'Flags',
};

addStrings(enEmoji);
