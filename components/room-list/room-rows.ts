/** The room list's rows: bookmarked and joined rooms by name, each with its unread count, whether a mention waits, and its state. */
import type { ConversationSummary, Room, RoomBookmark, RoomState } from '../../src/index.ts';
import { resolveLang } from '../i18n/i18n.ts';

export interface RoomRow {
  /** The room's bare JID. */
  jid: string;
  /** Its name: the bookmark's, the room's own, else the local part of its address. */
  label: string;
  unread: number;
  /** An unread message names us. */
  mention: boolean;
  /** Undefined for a bookmarked room not opened in this session. */
  state?: RoomState;
}

export interface RoomRowsInput {
  bookmarks: readonly RoomBookmark[];
  /** Rooms opened in this session (joined, joining, failed…). */
  rooms: readonly Room[];
  conversations: readonly ConversationSummary[];
  /** Rooms with an unread message that names us. */
  mentions: ReadonlySet<string>;
  lang: string;
}

/** One row per room, in the order of their names. */
export function roomRows({ bookmarks, rooms, conversations, mentions, lang }: RoomRowsInput): RoomRow[] {
  const byJid = new Map<string, RoomRow>();
  // The conversations list every visitor of a desk as well: only the rooms' are looked up, without a copy.
  const wanted = new Set([...bookmarks.map((b) => b.jid), ...rooms.map((r) => r.jid)]);
  const unread = new Map<string, number>();
  if (wanted.size) for (const c of conversations) if (wanted.has(c.peer)) unread.set(c.peer, c.unread);
  const row = (jid: string, name: string | undefined, state?: RoomState): RoomRow => ({
    jid,
    label: name?.trim() || jid.split('@')[0],
    unread: unread.get(jid) ?? 0,
    mention: mentions.has(jid) && (unread.get(jid) ?? 0) > 0,
    state,
  });
  for (const b of bookmarks) byJid.set(b.jid, row(b.jid, b.name));
  for (const room of rooms) {
    if (room.state === 'idle' && !byJid.has(room.jid)) continue; // left, and not kept
    byJid.set(room.jid, row(room.jid, byJid.get(room.jid)?.label ?? room.info?.name, room.state));
  }
  const collator = collatorFor(lang);
  return [...byJid.values()].sort((a, b) => collator.compare(a.label, b.label) || (a.jid < b.jid ? -1 : 1));
}

const collators = new Map<string, Intl.Collator>();
/** The order of names in `lang`, made once per language (the rows are made at each render). */
function collatorFor(lang: string): Intl.Collator {
  let collator = collators.get(lang);
  if (!collator) collators.set(lang, (collator = new Intl.Collator(resolveLang(lang), { sensitivity: 'base', numeric: true })));
  return collator;
}
