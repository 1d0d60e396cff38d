/**
 * Moderated message retraction (XEP-0425) in both forms servers speak: 0.2 (`urn:xmpp:message-moderate:0`
 * inside a fastening, `apply-to`) and 0.3 (`:1`, a `retract` of the room's stanza id). The request a
 * moderator sends, the room's announcement, and the tombstone an archive keeps in place of the
 * message. Pure functions; features/room-moderation.ts applies them.
 */
import { childOf, textOf, xml, type XmlElement } from './element.ts';
import { NS_MODERATE_0, NS_MODERATE_1 } from './muc-admin.ts';
import { splitOccupant } from './muc.ts';
import { newStanzaId } from './message.ts';

const NS_FASTEN = 'urn:xmpp:fasten:0';
const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';
const NS_RETRACT_1 = 'urn:xmpp:message-retract:1';

/** A moderator's retraction of the message the room archived as `id`. */
export interface Moderation {
  /** The room's stanza id of the retracted message. */
  id: string;
  /** The moderator, as the room names them (an occupant address or a JID). */
  by?: string;
  reason?: string;
}

/** Asks the room to retract the message it archived as `id` (XEP-0425 §4.1, in the version the room offers). */
export function buildModerate(room: string, id: string, version: 0 | 1, reason?: string): XmlElement {
  const why = reason ? xml('reason', {}, reason) : undefined;
  const request =
    version === 1
      ? xml('moderate', { xmlns: NS_MODERATE_1, id }, xml('retract', { xmlns: NS_RETRACT_1 }), why)
      : xml('apply-to', { xmlns: NS_FASTEN, id }, xml('moderate', { xmlns: NS_MODERATE_0 }, xml('retract', { xmlns: NS_RETRACT_0 }), why));
  return xml('iq', { type: 'set', to: room, id: newStanzaId() }, request);
}

const read = (id: string | undefined, moderated: XmlElement, reasonFrom: XmlElement): Moderation | undefined =>
  id
    ? {
        id,
        ...(moderated.attrs.by ? { by: moderated.attrs.by } : {}),
        ...(textOf(childOf(reasonFrom, 'reason')) ? { reason: textOf(childOf(reasonFrom, 'reason')) } : {}),
      }
    : undefined;

/**
 * Reads a room's announcement that a moderator retracted a message (§4.2): a groupchat message
 * from the room's own JID (never an occupant's: anyone could write one). Undefined for anything else.
 */
export function parseModeration(el: XmlElement, room: string): Moderation | undefined {
  if (el.name !== 'message' || el.attrs.type !== 'groupchat') return undefined;
  const from = splitOccupant(el.attrs.from);
  if (!from || from.room !== room || from.nick !== undefined) return undefined;
  const retract = childOf(el, 'retract', NS_RETRACT_1);
  const moderated1 = retract && childOf(retract, 'moderated', NS_MODERATE_1);
  if (retract && moderated1) return read(retract.attrs.id, moderated1, retract);
  const applyTo = childOf(el, 'apply-to', NS_FASTEN);
  const moderated0 = applyTo && childOf(applyTo, 'moderated', NS_MODERATE_0);
  if (applyTo && moderated0 && childOf(moderated0, 'retract', NS_RETRACT_0)) return read(applyTo.attrs.id, moderated0, moderated0);
  return undefined;
}

/**
 * Reads the tombstone an archive keeps for a moderated message (§5): the message itself, without
 * its body, holding `<retracted>` with `<moderated>` (0.3) or `<moderated>` with `<retracted>` (0.2).
 * `id` is the archive's id of the message. Undefined when the message is not such a tombstone.
 */
export function parseTombstone(el: XmlElement, id: string): Moderation | undefined {
  if (el.name !== 'message') return undefined;
  const retracted = childOf(el, 'retracted', NS_RETRACT_1);
  const moderated1 = retracted && childOf(retracted, 'moderated', NS_MODERATE_1);
  if (retracted && moderated1) return read(id, moderated1, retracted);
  const moderated0 = childOf(el, 'moderated', NS_MODERATE_0);
  if (moderated0 && childOf(moderated0, 'retracted', NS_RETRACT_0)) return read(id, moderated0, moderated0);
  return undefined;
}
