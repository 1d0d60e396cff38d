/**
 * The contact list's rows: computed once whenever contacts, conversations or the language change,
 * so that a keystroke in the search box only filters precomputed lower-case keys and scrolling
 * only slices an array.
 */
import { bestAvailability, type Availability, type Contact, type ConversationSummary } from '../../src/index.ts';
import { resolveLang, t } from '../i18n/i18n.ts';

export interface ContactRow {
  jid: string;
  /** The contact's name, or the address when it has none. */
  label: string;
  /** Lower-cased name and address, what the search matches against. */
  key: string;
  availability: Availability;
  unread: number;
  /** Our request to see their presence waits for their answer. */
  pending: boolean;
  /** Time of the latest message, 0 without a conversation. */
  lastTime: number;
  /** The latest message on one line ("You: …" for ours), '' without a conversation. */
  preview: string;
}

/** Rows in display order: recent conversations first (newest first), then by name. */
export function buildRows(contacts: readonly Contact[], conversations: readonly ConversationSummary[], lang: string): ContactRow[] {
  const byPeer = new Map(conversations.map((c) => [c.peer, c]));
  const collator = collatorFor(lang);
  const rows = contacts.map((contact): ContactRow => {
    const label = contact.name?.trim() || contact.jid;
    const summary = byPeer.get(contact.jid);
    return {
      jid: contact.jid,
      label,
      // The newline keeps a query from matching across the end of the name and the address.
      key: `${label.toLowerCase()}\n${contact.jid.toLowerCase()}`,
      availability: bestAvailability(contact.presence.values()),
      unread: summary?.unread ?? 0,
      pending: contact.ask === 'subscribe',
      lastTime: summary?.lastTime ?? 0,
      preview: summary ? previewOf(summary, lang) : '',
    };
  });
  return rows.sort((a, b) => b.lastTime - a.lastTime || collator.compare(a.label, b.label) || (a.jid < b.jid ? -1 : 1));
}

const collators = new Map<string, Intl.Collator>();
/** The order of names in `lang`, made once per language (the rows are built at each change). */
function collatorFor(lang: string): Intl.Collator {
  let collator = collators.get(lang);
  // resolveLang keeps a malformed `lang` attribute from making Intl throw.
  if (!collator) collators.set(lang, (collator = new Intl.Collator(resolveLang(lang), { sensitivity: 'base', numeric: true })));
  return collator;
}

/** The latest message on one line, short enough for a row. */
function previewOf(summary: ConversationSummary, lang: string): string {
  const text = summary.lastBody.replace(/\s+/g, ' ').trim();
  const short = text.length > 80 ? `${Array.from(text).slice(0, 80).join('')}…` : text;
  return summary.lastDirection === 'out' ? `${t(lang, 'messages.you')}: ${short}` : short;
}

/** Rows whose name or address contains `query`, ignoring case. */
export function filterRows(rows: ContactRow[], query: string): ContactRow[] {
  const needle = query.trim().toLowerCase();
  return needle ? rows.filter((row) => row.key.includes(needle)) : rows;
}
