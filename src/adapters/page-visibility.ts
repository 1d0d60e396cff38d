/** The page's visibility, from the DOM: the one place the core reads it. */
export interface Visibility {
  readonly hidden: boolean;
  onChange(listener: (hidden: boolean) => void): () => void;
}

export function pageVisibility(): Visibility {
  if (typeof document === 'undefined') return { hidden: false, onChange: () => () => undefined };
  return {
    get hidden() {
      return document.visibilityState === 'hidden';
    },
    onChange(listener) {
      const handler = () => listener(document.visibilityState === 'hidden');
      document.addEventListener('visibilitychange', handler);
      return () => document.removeEventListener('visibilitychange', handler);
    },
  };
}

/** Calls `listener` when the page is being left (closed, reloaded or navigated away); returns the remover. */
export function onPageHide(listener: () => void): () => void {
  if (typeof addEventListener === 'undefined') return () => undefined;
  addEventListener('pagehide', listener);
  return () => removeEventListener('pagehide', listener);
}
