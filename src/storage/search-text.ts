/**
 * How search reads text: folded to lower case without accents or compatibility forms (NFKD, marks
 * stripped), cut into word tokens, and shown as a short snippet whose matches are offsets into the
 * snippet's own text, so a view can highlight them with text nodes.
 */

/** A range of UTF-16 code units, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  matches: TextRange[];
}

/** Longer tokens (addresses, hashes) are indexed by their start only; a query token is cut alike. */
export const MAX_TOKEN = 40;

const MARKS = /\p{M}/gu;
/**
 * Letters and digits; Chinese and Japanese, written without spaces, count each character as a
 * token, so that a word inside a sentence is found (as all of its characters, in any order).
 */
const TOKEN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}])+/gu;

const folded = new Map<string, string>();
/** One code point folded. Final sigma is a plain sigma, as lower-casing a whole word would not give it per letter. */
function foldCodePoint(char: string): string {
  let out = folded.get(char);
  if (out === undefined) {
    out = char.normalize('NFKD').toLowerCase().replace(MARKS, '').replace(/ς/g, 'σ');
    folded.set(char, out);
  }
  return out;
}

/**
 * Folds `text` code point by code point; with `from`/`to`, records for each folded code unit the
 * range of the original it came from, so a match in the folded text maps back to the original.
 */
export function fold(text: string, from?: number[], to?: number[]): string {
  if (isAscii(text)) {
    if (from && to)
      for (let i = 0; i < text.length; i++) {
        from.push(i);
        to.push(i + 1);
      }
    return text.toLowerCase();
  }
  let out = '';
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const piece = code < 0x80 ? text[i].toLowerCase() : foldCodePoint(text.slice(i, i + width));
    out += piece;
    if (from && to)
      for (let k = 0; k < piece.length; k++) {
        from.push(i);
        to.push(i + width);
      }
    i += width;
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The distinct tokens of `text`, folded. */
export function tokenize(text: string): string[] {
  const tokens = new Set<string>();
  for (const [token] of fold(text).matchAll(TOKEN)) tokens.add(token.slice(0, MAX_TOKEN));
  return [...tokens];
}

/** A query's tokens: each one must start a token of what matches. */
export const queryTokens = (query: string): string[] => tokenize(query);

/** Where in `text` (original offsets) a token starts with one of `queries`: the longest such start. */
export function findMatches(text: string, queries: readonly string[]): TextRange[] {
  const from: number[] = [];
  const to: number[] = [];
  const foldedText = fold(text, from, to);
  const ranges: TextRange[] = [];
  for (const match of foldedText.matchAll(TOKEN)) {
    const token = match[0].slice(0, MAX_TOKEN);
    const length = Math.max(0, ...queries.filter((q) => token.startsWith(q)).map((q) => q.length));
    if (length === 0) continue;
    const start = match.index;
    const range = { start: from[start], end: to[start + length - 1] };
    // Several folded units can come from one original character (ﬁ → fi): merge what overlaps.
    const last = ranges.at(-1);
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else ranges.push(range);
  }
  return ranges;
}

/** Code units of text a snippet shows around its first match. */
export const SNIPPET_LENGTH = 100;
const BEFORE_MATCH = 30;

/** A short piece of `text` on one line, around its first match, with every match in it. */
export function snippet(text: string, queries: readonly string[]): Snippet {
  const line = text.replace(/\s/g, ' '); // one for one, so the offsets stay true
  const matches = findMatches(line, queries);
  if (line.length <= SNIPPET_LENGTH) return { text: line, matches };
  let start = Math.max(0, (matches[0]?.start ?? 0) - BEFORE_MATCH);
  const space = line.indexOf(' ', start);
  // Start at a word where one begins close by; never inside a surrogate pair.
  if (start > 0 && space >= 0 && space < (matches[0]?.start ?? 0) && space - start < 12) start = space + 1;
  if (isLowSurrogate(line, start)) start++;
  let end = Math.min(line.length, start + SNIPPET_LENGTH);
  if (isLowSurrogate(line, end)) end--;
  const head = start > 0 ? '…' : '';
  const shift = head.length - start;
  return {
    text: `${head}${line.slice(start, end)}${end < line.length ? '…' : ''}`,
    matches: matches
      .filter((m) => m.start >= start && m.start < end)
      .map((m) => ({ start: m.start + shift, end: Math.min(m.end, end) + shift })),
  };
}

const isLowSurrogate = (text: string, at: number) => at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at]);
