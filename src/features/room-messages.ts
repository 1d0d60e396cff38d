/**
 * A room's messages into the chat's store, each once: the room's archive id (its stanza-id, the
 * same live and in its archive) names a message; our own message comes back from the room with
 * our origin-id, and that copy completes the one stored when it was written.
 */
import type { RoomMessage } from '../stanza/muc.ts';
import { cleanNick } from '../stanza/message.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import { toTime } from './read-message.ts';

export interface RoomReadContext {
  now: number;
  /** From the room's archive: the result's id and stamp. */
  archived?: { id: string; stamp?: string };
  /** Older history, loaded on request or on a first join: it counts as read. */
  readHistory?: boolean;
  /** Placed just before the oldest stored message (see read-message.ts). */
  olderThan?: { time: number; position: number };
  /** Our nickname and occupant id in the room: what tells our messages from others'. */
  nick?: string;
  occupantId?: string;
}

/** The message to store for a room message with a body; undefined for a subject change. */
export function readRoomMessage(message: RoomMessage, ctx: RoomReadContext): StoredMessage | undefined {
  if (message.body === undefined) return undefined;
  const roomId = ctx.archived?.id ?? message.stanzaId;
  const ours = message.occupantId && ctx.occupantId ? message.occupantId === ctx.occupantId : !!message.nick && message.nick === ctx.nick;
  const key = roomId ?? message.originId ?? message.id ?? `local-${ctx.now}-${Math.random().toString(36).slice(2)}`;
  // Others' own ids are theirs to choose, and could copy ours: only the room's id names their messages.
  const ids = [key, roomId, ...(ours || !roomId ? [message.originId, message.id] : [])].filter((id): id is string => !!id);
  let time = toTime(ctx.archived ? ctx.archived.stamp : message.delay) ?? ctx.now;
  if (!ctx.archived) time = Math.min(time, ctx.now);
  if (ctx.olderThan && time >= ctx.olderThan.time) time = ctx.olderThan.time - 1 + Math.min(ctx.olderThan.position, 999) * 1e-3;
  const nick = cleanNick(message.nick);
  return {
    key,
    peer: message.room,
    direction: ours ? 'out' : 'in',
    body: message.body,
    time,
    ids: [...new Set(ids)],
    state: ours ? 'sent' : ctx.readHistory ? 'read' : 'delivered',
    ...(nick ? { nick } : {}),
    ...(roomId ? { archiveId: roomId } : {}),
    ...(message.id && message.id !== key ? { sid: message.id } : {}),
  };
}

/**
 * Stores a room message once. The room's copy of one of ours (found by its origin-id) marks ours
 * sent and gives it the room's archive id, instead of being stored a second time. True when the
 * message was new here.
 */
export async function storeRoomMessage(store: MessageStore, stored: StoredMessage, originId: string | undefined): Promise<boolean> {
  if (stored.direction === 'out' && originId) {
    const found = await store.findById(originId, stored.peer);
    const mine = found && (await store.get(stored.peer, found.key));
    if (mine?.direction === 'out') {
      if (mine.archiveId && mine.state !== 'pending') return false;
      await store.update(stored.peer, mine.key, {
        ids: stored.ids,
        ...(stored.archiveId ? { archiveId: stored.archiveId } : {}),
        ...(mine.state === 'pending' || mine.state === 'failed' ? { state: 'sent', error: undefined } : {}),
      });
      return false;
    }
  }
  return (await store.add([stored])).length > 0;
}
