/**
 * The emoji this device picked last, newest first, kept in localStorage (see local-values.ts)
 * for the picker's "recently used" row.
 */
import { loadValue, saveValue } from '../controllers/local-values.ts';

const KEY = 'xmpp-chat:emoji:recent';
/** One row of the picker's grid. */
export const RECENT_COUNT = 8;

export function loadRecentEmoji(): string[] {
  const text = loadValue(KEY);
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string').slice(0, RECENT_COUNT) : [];
  } catch (error) {
    // Not ours, or damaged: the row starts again empty, and the next pick overwrites it.
    return [];
  }
}

/** Puts `emoji` first in the recently used list and keeps it. */
export function rememberEmoji(emoji: string): void {
  const recent = [emoji, ...loadRecentEmoji().filter((e) => e !== emoji)].slice(0, RECENT_COUNT);
  saveValue(KEY, JSON.stringify(recent));
}
