/** Unsent drafts, one per conversation, kept across reloads (see local-values.ts). */
import { loadValue, saveValue } from '../controllers/local-values.ts';

const PREFIX = 'xmpp-chat:draft:';

export function loadDraft(key: string): string {
  return loadValue(PREFIX + key) ?? '';
}

/** Removes the drafts of these conversations. */
export function forgetDrafts(keys: Iterable<string>): void {
  for (const key of keys) saveDraft(key, '');
}

/** Keeps `text` as the draft for `key`; a blank text removes it. */
export function saveDraft(key: string, text: string): void {
  saveValue(PREFIX + key, text.trim() !== '' ? text : undefined);
}
