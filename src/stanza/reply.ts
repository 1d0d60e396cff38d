/**
 * Replies (XEP-0461) with a quote. The body starts with the quoted text in XEP-0393 quote style, so
 * a client without replies still shows what is answered; XEP-0428 marks that part as a fallback for
 * clients that show the quote their own way. Ranges count Unicode code points (XEP-0426), not the
 * UTF-16 units of JavaScript strings:
 *
 *   <body>> We should bake a cake\nGreat idea!</body>
 *   <reply xmlns='urn:xmpp:reply:0' to='anna@example.com/laptop' id='message-id1'/>
 *   <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='24'/></fallback>
 */
import type { ReplyTo } from '../storage/types.ts';
import { childrenOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';

const NS_REPLY = 'urn:xmpp:reply:0';
const NS_FALLBACK = 'urn:xmpp:fallback:0';

/** Longest quote kept (in UTF-16 units, an ellipsis included when cut) and longest message id taken. */
export const REPLY_LIMITS = { quote: 200, id: 256 } as const;

/** One range of the body, in code points: `start` included, `end` not. */
interface Range {
  start: number;
  end: number;
}

/** Without control characters (line breaks kept) or direction overrides, trimmed, cut with an ellipsis. */
export function cleanQuote(text: string): string {
  const clean = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]+/g, ' ')
    // Direction marks and overrides could turn the text around it; they go without a trace.
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (clean.length <= REPLY_LIMITS.quote) return clean;
  const cut = clean.slice(0, REPLY_LIMITS.quote - 1);
  // Never end on half of a surrogate pair.
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** The ranges a reply's fallback marks, in order; undefined if any is unusable or they overlap. */
function fallbackRanges(el: XmlElement): Range[] | undefined {
  const ranges: Range[] = [];
  for (const fallback of childrenOf(el, 'fallback', NS_FALLBACK)) {
    if (fallback.attrs.for !== NS_REPLY) continue;
    for (const body of childrenOf(fallback, 'body')) {
      if (body.attrs.xmlns !== undefined && body.attrs.xmlns !== NS_FALLBACK) continue;
      const { start, end } = body.attrs;
      // Without a range the whole body would be the quote, which leaves no reply to show.
      if (!/^[0-9]{1,9}$/.test(start ?? '') || !/^[0-9]{1,9}$/.test(end ?? '')) return undefined;
      ranges.push({ start: Number(start), end: Number(end) });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  for (let i = 0; i < ranges.length; i++) {
    if (ranges[i].start > ranges[i].end || (i > 0 && ranges[i].start < ranges[i - 1].end)) return undefined;
  }
  return ranges;
}

/**
 * The body without the ranges, and the text they held; undefined when a range falls outside the body.
 * A quote at the start usually ends with its line break; one left over would start the reply blank.
 */
function cutRanges(body: string, ranges: Range[]): { kept: string; removed: string } | undefined {
  const chars = Array.from(body);
  if (ranges[ranges.length - 1].end > chars.length) return undefined;
  let kept = '';
  let removed = '';
  let at = 0;
  for (const { start, end } of ranges) {
    kept += chars.slice(at, start).join('');
    removed += chars.slice(start, end).join('');
    at = end;
  }
  kept += chars.slice(at).join('');
  return { kept: ranges[0].start === 0 ? kept.replace(/^\n+/, '') : kept, removed };
}

/** The quoted text without its `> ` markers (one level), cleaned and cut. */
const unquote = (text: string) => cleanQuote(text.replace(/^> ?/gm, ''));

/**
 * The message a reply answers, and the body without the quoted fallback, which becomes the quote.
 * When the fallback cannot be used (ranges outside the body or overlapping, or nothing left but the
 * quote) the body stays whole and there is no quote. Undefined for messages without exactly one
 * `<reply>` with a usable id, and for errors, which echo our own.
 */
export function parseReply(el: XmlElement, body: string): { replyTo: ReplyTo; body: string } | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error') return undefined;
  const found = childrenOf(el, 'reply', NS_REPLY);
  if (found.length !== 1) return undefined;
  const { id, to } = found[0].attrs;
  if (!id || id.length > REPLY_LIMITS.id) return undefined;
  const author = to ? parseJid(to) : undefined;
  const replyTo: ReplyTo = author ? { id, to: formatJid(author) } : { id };

  const ranges = fallbackRanges(el);
  const cut = ranges?.length ? cutRanges(body, ranges) : undefined;
  if (!cut || !cut.kept.trim()) return { replyTo, body };
  const quote = unquote(cut.removed);
  return { replyTo: quote ? { ...replyTo, quote } : replyTo, body: cut.kept };
}

/**
 * A reply's body, the quote first as `> ` lines (cleaned and cut to the limit), and its elements:
 * the reply and, when there is a quote, the fallback that marks it.
 */
export function buildReply({ id, to }: Pick<ReplyTo, 'id' | 'to'>, quote: string, body: string): { body: string; elements: XmlElement[] } {
  const reply = xml('reply', { xmlns: NS_REPLY, to, id });
  const text = cleanQuote(quote);
  if (!text) return { body, elements: [reply] };
  const fallback = text
    .split('\n')
    .map((line) => (line ? `> ${line}\n` : '>\n'))
    .join('');
  // XEP-0426: code points, not UTF-16 units.
  const end = String(Array.from(fallback).length);
  return {
    body: fallback + body,
    elements: [reply, xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '0', end }))],
  };
}
