/** Translation: one catalog, a language chosen per widget, right-to-left where the language is. */
import { ar, de, en, type Catalog, type MessageKey } from './catalog.ts';

export type { MessageKey };
const CATALOGS: Record<string, Catalog> = { en, de, ar };
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** The catalog language for a requested tag (`de-AT` → `de`), English when we do not speak it. */
export function resolveLang(lang?: string | null): string {
  const base = (lang || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en').toLowerCase().split('-')[0];
  return base in CATALOGS ? base : 'en';
}

export function direction(lang: string): 'ltr' | 'rtl' {
  return RTL.has(resolveLang(lang)) ? 'rtl' : 'ltr';
}

/** The string for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[resolveLang(lang)][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
