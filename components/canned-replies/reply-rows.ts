/**
 * The canned replies' rows: computed once whenever the replies change, so that a keystroke in the
 * search field only filters precomputed keys.
 */
import type { CannedReply } from '../../src/desk.ts';

export interface ReplyRow {
  reply: CannedReply;
  /** Title and text, lower-cased and without accents or vowel marks: what the search matches. */
  key: string;
  /** One line of the text, short enough to end an option's spoken name. */
  preview: string;
}

const searchKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function buildRows(replies: readonly CannedReply[]): ReplyRow[] {
  return replies.map((reply) => ({
    reply,
    // The newline keeps a query from matching across the end of the title and the text.
    key: searchKey(`${reply.title}\n${reply.text}`),
    preview: Array.from(reply.text.replace(/\s+/g, ' ').trim().slice(0, 240)).slice(0, 100).join(''),
  }));
}

/** The rows whose title or text contains the query. */
export function filterRows(rows: ReplyRow[], query: string): ReplyRow[] {
  const key = searchKey(query.trim());
  return key ? rows.filter((row) => row.key.includes(key)) : rows;
}
