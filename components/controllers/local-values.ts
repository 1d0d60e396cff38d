/**
 * Small values the widget keeps in localStorage (drafts, the visitor's answers), so that they
 * survive a reload. Where the browser refuses storage (disabled, sandboxed iframe, quota full),
 * they are kept in memory for the page's lifetime instead: losing one on reload beats a widget
 * that throws.
 */
const inMemory = new Map<string, string>();

export function loadValue(id: string): string | undefined {
  try {
    const stored = localStorage.getItem(id);
    if (stored !== null) return stored;
  } catch (error) {
    // Storage is blocked (SecurityError): fall through to the in-memory copy.
  }
  return inMemory.get(id);
}

/** Keeps `value` under `id`; undefined removes it. */
export function saveValue(id: string, value: string | undefined): void {
  try {
    if (value !== undefined) localStorage.setItem(id, value);
    else localStorage.removeItem(id);
    inMemory.delete(id);
  } catch (error) {
    // Blocked or full: keep the value for this page at least.
    if (value !== undefined) inMemory.set(id, value);
    else inMemory.delete(id);
  }
}
