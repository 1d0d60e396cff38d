/**
 * The picker's emoji: the generated data (emoji-data.ts) read into lists per category on first
 * use, and a search of their English names and keywords.
 */
import { EMOJI_DATA } from './emoji-data.ts';

export type EmojiCategory = keyof typeof EMOJI_DATA;

export interface Emoji {
  /** The emoji itself, in its Unicode fully-qualified form. */
  emoji: string;
  /** Its English name, as Unicode's CLDR gives it ("thumbs up"). */
  name: string;
  /** A few more English words it is found by, separated by spaces. */
  keywords: string;
}

/** The categories in Unicode's order, each with the emoji its tab shows. */
export const CATEGORIES: readonly { id: EmojiCategory; icon: string }[] = [
  { id: 'smileys', icon: '😀' },
  { id: 'people', icon: '👋' },
  { id: 'animals', icon: '🐻' },
  { id: 'food', icon: '🍔' },
  { id: 'travel', icon: '🚗' },
  { id: 'activities', icon: '⚽' },
  { id: 'objects', icon: '💡' },
  { id: 'symbols', icon: '🔣' },
  { id: 'flags', icon: '🏁' },
];

let lists: Map<EmojiCategory, Emoji[]> | undefined;
let byCharacter: Map<string, Emoji> | undefined;

/** The emoji of a category, in Unicode's order. */
export function emojiIn(category: EmojiCategory): readonly Emoji[] {
  lists ??= new Map(
    CATEGORIES.map(({ id }) => [
      id,
      EMOJI_DATA[id].split('|').map((entry) => {
        const [emoji, name, keywords] = entry.split(';');
        return { emoji, name, keywords };
      }),
    ]),
  );
  return lists.get(category)!;
}

/** The picker's entry for an emoji (for a recently used one's name), if it has one. */
export function findEmoji(emoji: string): Emoji | undefined {
  byCharacter ??= new Map(CATEGORIES.flatMap(({ id }) => emojiIn(id).map((e): [string, Emoji] => [e.emoji, e])));
  return byCharacter.get(emoji);
}

/**
 * The emoji whose name or keywords have a word starting with each word of `query`, best first:
 * the exact name, then names that start with the query, then names that hold every word, then
 * those found by a keyword; Unicode's order within each. An empty query finds nothing.
 */
export function searchEmoji(query: string): Emoji[] {
  const q = plain(query).trim().replace(/\s+/g, ' ');
  if (!q) return [];
  const terms = words(q).filter(Boolean);
  const ranked: Emoji[][] = [[], [], [], []];
  for (const { id } of CATEGORIES) {
    for (const e of emojiIn(id)) {
      const name = plain(e.name);
      const nameWords = words(name);
      if (name === q || e.emoji === query.trim()) ranked[0].push(e);
      else if (name.startsWith(q)) ranked[1].push(e);
      else if (!terms.length) continue;
      else if (terms.every((term) => nameWords.some((w) => w.startsWith(term)))) ranked[2].push(e);
      else if (terms.every((term) => nameWords.some((w) => w.startsWith(term)) || e.keywords.split(' ').some((w) => w.startsWith(term))))
        ranked[3].push(e);
    }
  }
  return ranked.flat();
}

/** Lower case without accents, so that "cote" finds "Côte d’Ivoire" and "pinata" "piñata". */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A name's words: "flag: cote d’ivoire" → flag, cote, d, ivoire. */
function words(name: string): string[] {
  return name.split(/[^\p{L}\p{N}]+/u);
}
