/**
 * Finds links in a message body. The result is plain data for text bindings, never HTML, and an
 * href only ever has a scheme that cannot run script: http, https, mailto or xmpp.
 */
export type LinkifyPart = { text: string } | { text: string; href: string };

// A candidate starts at a known scheme or `www.` on a word boundary (so `javascript:http://…`
// links only its http part) and runs to whitespace or a character that never ends a URL in prose.
const CANDIDATE = /\b(?:https?:\/\/|mailto:|xmpp:|www\.)[^\s<>"]+/giu;
const SCHEMES = new Set(['http:', 'https:', 'mailto:', 'xmpp:']);
// Punctuation that closes the sentence around a URL rather than the URL itself.
const TRAILING = new Set([...".,;:!?'*_…“”‘’«»"]);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Splits `text` into plain runs and links, in order; joining every `text` gives back the input. */
export function linkify(text: string): LinkifyPart[] {
  const parts: LinkifyPart[] = [];
  let plain = '';
  let from = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = trimTrailing(match[0]);
    const href = hrefOf(raw);
    if (!href) continue;
    plain += text.slice(from, match.index);
    if (plain) parts.push({ text: plain });
    parts.push({ text: raw, href });
    plain = '';
    from = match.index + raw.length;
  }
  plain += text.slice(from);
  if (plain) parts.push({ text: plain });
  return parts;
}

/** Drops sentence punctuation from the end, and a closing bracket unless the URL opened it. */
function trimTrailing(url: string): string {
  for (;;) {
    const last = url.at(-1) ?? '';
    const opener = CLOSERS[last];
    if (opener) {
      if (count(url, opener) >= count(url, last)) return url;
    } else if (!TRAILING.has(last)) {
      return url;
    }
    url = url.slice(0, -1);
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The link target for a candidate, or undefined when it is not a usable address. */
function hrefOf(raw: string): string | undefined {
  const www = /^www\./i.test(raw);
  const href = www ? `https://${raw}` : raw;
  if (!URL.canParse(href)) return undefined;
  const url = new URL(href);
  if (!SCHEMES.has(url.protocol)) return undefined;
  // `www.` alone or `www.example` is a word, not a site; mailto needs an address, xmpp a JID.
  if (www && !/^www\.[^./?#]+\.[^./?#]/i.test(raw)) return undefined;
  if (url.protocol === 'mailto:' && !/^[^@?]+@[^@?]+/.test(url.pathname)) return undefined;
  if (url.protocol === 'xmpp:' && !url.pathname) return undefined;
  if (url.protocol.startsWith('http') && !url.hostname) return undefined;
  return url.href;
}
