/**
 * Ratings of a support conversation. After a conversation is resolved the desk asks the visitor
 * for a score; the visitor answers with one. Both are ordinary chat messages whose body is a
 * readable fallback, so a client without this extension still shows the question and the answer
 * (RFC 6120 §8.4: unknown extensions are ignored):
 *
 *   <message …><body>How did we do? Answer 1 (poor) to 5 (great).</body>
 *     <rate xmlns='urn:xmpp-chat:desk:0'/></message>
 *   <message …><body>Rating: 4/5 — Quick and kind</body>
 *     <rating xmlns='urn:xmpp-chat:desk:0' score='4'>Quick and kind</rating></message>
 */
import { childOf, textOf, xml, type XmlElement } from './element.ts';

/** The desk's namespace; the rating elements are part of it. */
const NS = 'urn:xmpp-chat:desk:0';
/** Longest kept comment; longer ones are cut. */
export const RATING_COMMENT_LIMIT = 1000;

export type RatingScore = 1 | 2 | 3 | 4 | 5;
export interface DeskRating {
  score: RatingScore;
  comment?: string;
  /** ms since epoch: when the rating was sent. */
  at: number;
}

/** Trimmed, without control characters (line breaks kept), cut to the limit; undefined when empty. */
export function cleanComment(text: string | undefined): string | undefined {
  const clean = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    ?.replace(/[\u0000-\u0009\u000b-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, RATING_COMMENT_LIMIT);
  return clean || undefined;
}

/** True when the message asks its reader for a rating. */
export const parseRateRequest = (message: XmlElement): boolean => !!childOf(message, 'rate', NS);

/** The rating a message carries, stamped with the message's time; a score other than 1–5 is no rating. */
export function parseRating(message: XmlElement, at: number): DeskRating | undefined {
  const el = childOf(message, 'rating', NS);
  const score = el?.attrs.score;
  if (!score || !/^[1-5]$/.test(score)) return undefined;
  const comment = cleanComment(textOf(el));
  return { score: Number(score) as RatingScore, ...(comment ? { comment } : {}), at };
}

/** The `<rate/>` element to add to a message whose body asks, in the visitor's language, for 1–5. */
export const buildRateRequest = (): XmlElement => xml('rate', { xmlns: NS });

/** The `<rating/>` element for an answer. */
export function buildRating(score: RatingScore, comment?: string): XmlElement {
  return xml('rating', { xmlns: NS, score: String(score) }, cleanComment(comment));
}

/** The readable fallback body of an answer: `Rating: 4/5 — comment`. */
export function ratingBody(score: RatingScore, comment?: string): string {
  const text = cleanComment(comment);
  return `Rating: ${score}/5${text ? ` — ${text}` : ''}`;
}
