/**
 * A last resort for XML text the browser refuses to parse because it is nested too deep
 * (Chromium gives up at 5000 levels): the same text with everything below a depth left out, so
 * that what surrounds the deep part — the other stanzas of a BOSH response — can still be read.
 */

/** CDATA, comments, processing instructions, end tags and start tags (quoted `>` allowed). */
const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/[^>]*>|<(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * Returns `text` without the elements (and their text) nested deeper than `maxDepth`, the
 * document element being at depth 1. Text that nests no deeper comes back unchanged. Made for
 * well-formed XML; anything else comes back as malformed as it was.
 */
export function capDepth(text: string, maxDepth: number): string {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const at = match.index;
    if (depth <= maxDepth) out.push(text.slice(from, at));
    from = at + token.length;
    if (token.startsWith('</')) {
      if (depth <= maxDepth) out.push(token);
      depth -= 1;
    } else if (token.startsWith('<!') || token.startsWith('<?')) {
      if (depth <= maxDepth) out.push(token);
    } else {
      if (depth + 1 <= maxDepth) out.push(token);
      if (!token.endsWith('/>')) depth += 1;
    }
  }
  if (depth <= maxDepth) out.push(text.slice(from));
  return out.join('');
}
