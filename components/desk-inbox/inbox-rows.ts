/**
 * The inbox's rows: the visitors' conversations with their desk state, newest activity first,
 * and which of them each view (Mine, Unassigned, All open, Resolved) shows. Computed when the
 * conversations or the desk change, so switching views only filters an array.
 */
import type { ConversationSummary } from '../../src/index.ts';
import type { DeskConversation, DeskRating, DeskStatus } from '../../src/desk.ts';

export type InboxFilter = 'mine' | 'unassigned' | 'open' | 'resolved';
export const INBOX_FILTERS: readonly InboxFilter[] = ['mine', 'unassigned', 'open', 'resolved'];

export interface InboxRow {
  peer: string;
  /** The visitor's name, or a made-up one. */
  name: string;
  status: DeskStatus;
  assignee?: string;
  labels: readonly string[];
  rating?: DeskRating;
  /** The latest message on one line, '' when this device has none. */
  preview: string;
  unread: number;
  /** The latest message or desk change, whichever is newer. */
  lastTime: number;
}

/** What the rows are made from. */
export interface InboxSource {
  /** The visitors' conversations on this device (not those with contacts). */
  conversations: readonly ConversationSummary[];
  /** Every conversation the desk has state for: some may have no messages on this device yet. */
  desk: ReadonlyMap<string, DeskConversation>;
  /** The desk state of `peer`, the default for one it does not know. */
  state: (peer: string) => DeskConversation;
  /** Contacts are not visitors: their conversations stay in the contact list only. */
  isContact: (peer: string) => boolean;
  name: (peer: string, summary?: ConversationSummary) => string;
}

/** What a row was made from: while all of it stays the same, so does the row (the same object). */
export interface MadeRow {
  summary?: ConversationSummary;
  state?: DeskConversation;
  name: string;
  row: InboxRow;
}

/**
 * The rows, newest activity first. With `made` (the rows made last time, by peer, which it
 * updates), a conversation whose summary, desk state and name are the same objects as last time
 * keeps its row: a new message makes one row, not all of them.
 */
export function buildInboxRows(source: InboxSource, made = new Map<string, MadeRow>()): InboxRow[] {
  // Made at each change of a busy desk (a thousand visitors): one pass, and only new rows and the
  // list itself allocated, so that the garbage it leaves stays small.
  const rows: InboxRow[] = [];
  const listed = new Set<string>();
  const add = (peer: string, summary: ConversationSummary | undefined) => {
    listed.add(peer);
    const known = source.desk.get(peer);
    const name = source.name(peer, summary);
    const was = made.get(peer);
    if (was && was.summary === summary && was.state === known && was.name === name) return void rows.push(was.row);
    const row = makeRow(peer, name, summary, known ?? source.state(peer));
    made.set(peer, { summary, state: known, name, row });
    rows.push(row);
  };
  for (const c of source.conversations) if (!listed.has(c.peer) && !source.isContact(c.peer)) add(c.peer, c);
  for (const peer of source.desk.keys()) if (!listed.has(peer) && !source.isContact(peer)) add(peer, undefined);
  // Those no longer listed (a history forgotten, a visitor become a contact) are forgotten.
  if (made.size > listed.size) for (const peer of made.keys()) if (!listed.has(peer)) made.delete(peer);
  return rows.sort((a, b) => b.lastTime - a.lastTime || (a.peer < b.peer ? -1 : 1));
}

function makeRow(peer: string, name: string, summary: ConversationSummary | undefined, state: DeskConversation): InboxRow {
  return {
    peer,
    name,
    status: state.status,
    ...(state.assignee ? { assignee: state.assignee } : {}),
    labels: state.labels,
    ...(state.rating ? { rating: state.rating } : {}),
    preview: summary ? oneLine(summary.lastBody) : '',
    unread: summary?.unread ?? 0,
    lastTime: Math.max(summary?.lastTime ?? 0, state.updated),
  };
}

/** Whether `row` belongs in `filter` for the agent named `agent`. */
export function inFilter(row: Pick<InboxRow, 'status' | 'assignee'>, filter: InboxFilter, agent: string): boolean {
  if (filter === 'resolved') return row.status === 'resolved';
  if (row.status === 'resolved') return false;
  if (filter === 'mine') return row.assignee === agent;
  if (filter === 'unassigned') return !row.assignee;
  return true;
}

export function countRows(rows: readonly InboxRow[], agent: string): Record<InboxFilter, number> {
  const counts = { mine: 0, unassigned: 0, open: 0, resolved: 0 };
  for (const row of rows) for (const filter of INBOX_FILTERS) if (inFilter(row, filter, agent)) counts[filter]++;
  return counts;
}

function oneLine(text: string): string {
  // An encrypted file's link (XEP-0454) without its key, which is never shown.
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(aesgcm:\/\/\S*)#[0-9a-f]+$/i, '$1');
  return line.length > 80 ? `${Array.from(line).slice(0, 80).join('')}…` : line;
}
