/**
 * What a room's messages do to its stored history, live or from its archive: a message is stored
 * once (room-messages.ts) and marked when it names us; a moderator's retraction (XEP-0425) empties
 * the message it names, and an archive's tombstone of such a message is kept as retracted.
 */
import type { XmlElement } from '../stanza/element.ts';
import { namesNick, referencesUri } from '../stanza/mention.ts';
import { parseModeration, parseTombstone, type Moderation } from '../stanza/moderation.ts';
import { parseRoomMessage, splitOccupant } from '../stanza/muc.ts';
import { cleanNick } from '../stanza/message.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import { toTime } from './read-message.ts';
import { readRoomMessage, storeRoomMessage, type RoomReadContext } from './room-messages.ts';

export interface RoomIntakeDeps {
  store: MessageStore;
  room: string;
  /** Our nickname and occupant id now. */
  nick: () => string | undefined;
  occupantId: () => string | undefined;
  /** A live message of someone else's that names us was stored. */
  mentioned: (message: StoredMessage) => void;
}

/** What a retracted message keeps: nothing of what it said (as for XEP-0424 in messaging.ts). */
const RETRACTED = { body: '', retracted: true, file: undefined, replyTo: undefined, reactions: undefined, payload: undefined };

/** Applies a moderator's retraction to the stored message with that room id; false when none is stored. */
export async function applyModeration(store: MessageStore, room: string, moderation: Moderation): Promise<boolean> {
  const found = await store.findById(moderation.id, room);
  if (!found) return false;
  await store.update(room, found.key, { ...RETRACTED, moderatedBy: moderation.by ?? room });
  return true;
}

/** Takes in one message of the room (live, or from its archive with `ctx.archived`). */
export function createRoomIntake({ store, room, nick, occupantId, mentioned }: RoomIntakeDeps) {
  /** A tombstone for a message we never held: kept, so history shows that something was removed there. */
  async function keepTombstone(el: XmlElement, moderation: Moderation, ctx: Partial<RoomReadContext>): Promise<void> {
    if (await applyModeration(store, room, moderation)) return;
    const sender = cleanNick(splitOccupant(el.attrs.from)?.nick);
    const time = toTime(ctx.archived?.stamp) ?? ctx.now ?? Date.now();
    await store.add([
      {
        key: moderation.id,
        peer: room,
        direction: 'in',
        body: '',
        time,
        ids: [moderation.id],
        archiveId: moderation.id,
        state: 'read',
        retracted: true,
        moderatedBy: moderation.by ?? room,
        ...(sender ? { nick: sender } : {}),
      },
    ]);
  }

  return async function take(el: XmlElement, ctx: Partial<RoomReadContext> = {}): Promise<void> {
    const moderation = parseModeration(el, room);
    if (moderation) {
      await applyModeration(store, room, moderation);
      return;
    }
    const tombstone = ctx.archived && parseTombstone(el, ctx.archived.id);
    if (tombstone) return keepTombstone(el, tombstone, ctx);
    const message = parseRoomMessage(el, room);
    if (!message || message.body === undefined) return;
    const ours = { nick: nick(), occupantId: occupantId() };
    const stored = readRoomMessage(message, { now: Date.now(), ...ours, ...ctx });
    if (!stored) return;
    const named = namesNick(stored.body, ours.nick) || (!!ours.nick && referencesUri(el, `xmpp:${room}/${ours.nick}`));
    if (stored.direction === 'in' && named) stored.mentionsMe = true;
    const added = await storeRoomMessage(store, stored, message.originId);
    // Only what arrives now is news: history (the archive, or the room's replay on joining) is not.
    if (added && stored.mentionsMe && !ctx.archived && !message.delay) mentioned(stored);
  };
}
