/**
 * Message styling (XEP-0393): a body's blocks (lines, preformatted blocks, quotations) and the
 * spans of each line (*strong*, _emphasis_, ~strike~, `preformatted`), as plain data for text
 * bindings — never markup. Pure; the rules are the XEP's §5:
 * - a preformatted block starts at a line beginning with "```" and ends at a line of only "```"
 *   or at the end of its parent block; its text is never styled;
 * - a quotation is a run of lines beginning with ">"; each loses the ">" and then one leading
 *   whitespace character, and what remains is parsed again as blocks (quotations nest);
 * - a span opens at a directive at the start of the line, after whitespace or right after another
 *   opening directive, not followed by whitespace, and closes at the first same directive not
 *   preceded by whitespace, with text between; spans never cross lines; a preformatted span
 *   holds plain text only.
 */

/** A styled span's kind, named after the XEP's sections. */
export type SpanStyle = 'strong' | 'emphasis' | 'strike' | 'preformatted';

/** Plain text, or a styled span with its directive character and what it encloses. */
export type Span = string | { style: SpanStyle; directive: string; children: Span[] };

/** A line of spans, a preformatted block's text, or a quotation's blocks. */
export type Block = { type: 'line'; spans: Span[] } | { type: 'preformatted'; text: string } | { type: 'quotation'; blocks: Block[] };

const STYLES: Record<string, SpanStyle> = { '*': 'strong', _: 'emphasis', '~': 'strike', '`': 'preformatted' };
const FENCE = '```';
const WHITESPACE = /[\s\p{Z}]/u;
const LEADING_WHITESPACE = /^[\s\p{Z}]/u; // one character: a quotation's lines lose exactly one

/** The blocks of a message body, in order; every line of the body is in exactly one of them. */
export function parseStyling(body: string): Block[] {
  return blocksOf(body.split('\n'));
}

function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith(FENCE)) {
      // The rest of the opening line is a hint for the reader's tools, not text.
      const end = lines.indexOf(FENCE, i + 1);
      const last = end < 0 ? lines.length : end;
      blocks.push({ type: 'preformatted', text: lines.slice(i + 1, last).join('\n') });
      i = last;
    } else if (line.startsWith('>')) {
      const quoted: string[] = [];
      for (; i < lines.length && lines[i].startsWith('>'); i++) quoted.push(lines[i].slice(1).replace(LEADING_WHITESPACE, ''));
      i--;
      blocks.push({ type: 'quotation', blocks: blocksOf(quoted) });
    } else {
      blocks.push({ type: 'line', spans: parseSpans(line) });
    }
  }
  return blocks;
}

/** The spans of one line, parsed from the start and matched lazily. */
export function parseSpans(line: string): Span[] {
  const spans: Span[] = [];
  let plain = '';
  let i = 0;
  while (i < line.length) {
    const close = STYLES[line[i]] && opensAt(line, i) ? closingOf(line, i) : -1;
    if (close < 0) {
      plain += line[i++];
      continue;
    }
    if (plain) spans.push(plain);
    plain = '';
    const directive = line[i];
    const inner = line.slice(i + 1, close);
    const style = STYLES[directive];
    spans.push({ style, directive, children: style === 'preformatted' ? [inner] : parseSpans(inner) });
    i = close + 1;
  }
  if (plain) spans.push(plain);
  return spans;
}

/** A directive at `i` may open a span: at the line's start or after whitespace, and text follows. */
function opensAt(line: string, i: number): boolean {
  const next = line[i + 1];
  return (i === 0 || WHITESPACE.test(line[i - 1])) && next !== undefined && !WHITESPACE.test(next);
}

/**
 * Where the span opened at `start` closes, or -1: the first same directive not after whitespace,
 * with text between — directives alone are not text, so `****` stays plain, as the XEP's example has it.
 */
function closingOf(line: string, start: number): number {
  const directive = line[start];
  let text = false;
  for (let j = start + 1; j < line.length; j++) {
    if (line[j] !== directive) text = true;
    else if (text && !WHITESPACE.test(line[j - 1])) return j;
  }
  return -1;
}
