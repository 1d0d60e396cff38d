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
  const unread = new Map(conversations.map((c) => [c.peer, c.unread]));
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
  const collator = new Intl.Collator(resolveLang(lang), { sensitivity: 'base', numeric: true });
  return [...byJid.values()].sort((a, b) => collator.compare(a.label, b.label) || (a.jid < b.jid ? -1 : 1));
}
