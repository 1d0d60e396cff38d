/**
 * Unsent drafts, one per conversation, in localStorage so that they survive a reload. Where the
 * browser refuses storage (disabled, sandboxed iframe, quota full), drafts are kept in memory for
 * the page's lifetime instead: losing a draft on reload beats a composer that throws.
 */
const PREFIX = 'xmpp-chat:draft:';
const inMemory = new Map<string, string>();

export function loadDraft(key: string): string {
  const id = PREFIX + key;
  try {
    const stored = localStorage.getItem(id);
    if (stored !== null) return stored;
  } catch (error) {
    // Storage is blocked (SecurityError): fall through to the in-memory copy.
  }
  return inMemory.get(id) ?? '';
}

/** Keeps `text` as the draft for `key`; a blank text removes it. */
export function saveDraft(key: string, text: string): void {
  const id = PREFIX + key;
  const keep = text.trim() !== '';
  try {
    if (keep) localStorage.setItem(id, text);
    else localStorage.removeItem(id);
    inMemory.delete(id);
  } catch (error) {
    // Blocked or full: keep the draft for this page at least.
    if (keep) inMemory.set(id, text);
    else inMemory.delete(id);
  }
}
