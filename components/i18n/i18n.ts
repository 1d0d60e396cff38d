/**
 * Translation: one catalog, a language chosen per widget, right-to-left where the language is.
 * English is built in; other languages load with `loadLanguage()` before they are used.
 */
import { en, type Catalog, type MessageKey } from './catalog.ts';

export type { MessageKey };
const LOADERS: Record<string, () => Promise<{ default: Catalog }>> = {
  de: () => import('./catalog-de.ts'),
  ar: () => import('./catalog-ar.ts'),
};
const loaded: Record<string, Catalog> = { en };
/** English for every key: the built-in strings, and those added with the elements that use them. */
const english: Catalog = { ...en };

/** Adds English strings that load with the elements using them (see catalog-full.ts). */
export function addStrings(strings: Catalog): void {
  Object.assign(english, strings);
}
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** The catalog language for a requested tag (`de-AT` → `de`), English when we do not speak it. */
export function resolveLang(lang?: string | null): string {
  const base = (lang || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en').toLowerCase().split('-')[0];
  return base in LOADERS || base === 'en' ? base : 'en';
}

/** Loads a language's strings (once); until then `t()` answers in English. */
export async function loadLanguage(lang: string): Promise<string> {
  const code = resolveLang(lang);
  loaded[code] ??= (await LOADERS[code]()).default;
  return code;
}

export const isLoaded = (lang: string): boolean => resolveLang(lang) in loaded;

export function direction(lang: string): 'ltr' | 'rtl' {
  return RTL.has(resolveLang(lang)) ? 'rtl' : 'ltr';
}

/** The string for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A key whose strings have not loaded shows as itself rather than breaking the view.
  const text = loaded[resolveLang(lang)]?.[key] ?? english[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
