/**
 * Multi-User Chat (XEP-0045): joining and leaving a room, reading occupants' presence and the
 * room's messages, creating an instant room; occupant ids (XEP-0421). Pure functions; the room
 * itself is features/room.ts, its self-ping self-ping.ts.
 */
import { parseStanzaError } from './conditions.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { buildChatMessage, newStanzaId, parseChatMessage } from './message.ts';
import { parsePresence, type Show } from './presence.ts';

export const NS_MUC = 'http://jabber.org/protocol/muc';
const NS_MUC_USER = `${NS_MUC}#user`;
const NS_MUC_OWNER = `${NS_MUC}#owner`;
const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
const NS_DATA = 'jabber:x:data';
const NS_DELAY = 'urn:xmpp:delay';
const NS_CLIENT = 'jabber:client';
const ROLES = new Set(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS = new Set(['owner', 'admin', 'member', 'outcast', 'none']);

/** The room's bare address and the nickname of an occupant's address (`room@service/nick`). */
export function splitOccupant(address: string | undefined): { room: string; nick?: string } | undefined {
  const jid = address ? parseJid(address) : undefined;
  if (!jid?.local) return undefined;
  const room = formatJid({ local: jid.local, domain: jid.domain });
  return jid.resource === undefined ? { room } : { room, nick: jid.resource };
}

export interface JoinInit {
  room: string;
  nick: string;
  password?: string;
  /** What history the room sends on joining (§7.2.13); none (`maxstanzas: 0`) when its archive is used. */
  history?: { maxstanzas?: number; since?: string };
}

/** The join presence (§7.2): to `room/nick`, with `<x xmlns='…muc'>`. */
export function buildJoin({ room, nick, password, history }: JoinInit): XmlElement {
  const historyEl =
    history &&
    xml('history', { maxstanzas: history.maxstanzas === undefined ? undefined : String(history.maxstanzas), since: history.since });
  return xml(
    'presence',
    { xmlns: NS_CLIENT, to: `${room}/${nick}`, id: newStanzaId() },
    xml('x', { xmlns: NS_MUC }, historyEl, password !== undefined && xml('password', {}, password)),
  );
}

/** Leaving (§7.14): unavailable presence to our occupant address. */
export const buildLeave = (room: string, nick: string): XmlElement =>
  xml('presence', { xmlns: NS_CLIENT, to: `${room}/${nick}`, type: 'unavailable' });

/** An instant room (§10.1.2): the owner accepts the default configuration, which unlocks a new room. */
export const buildInstantRoom = (room: string): XmlElement =>
  xml(
    'iq',
    { type: 'set', id: newStanzaId(), to: room },
    xml('query', { xmlns: NS_MUC_OWNER }, xml('x', { xmlns: NS_DATA, type: 'submit' })),
  );

/** An occupant's presence as the room sends it, read by `parseOccupantPresence`. */
export interface OccupantPresence {
  room: string;
  nick: string;
  type: 'available' | 'unavailable';
  role: 'moderator' | 'participant' | 'visitor' | 'none';
  affiliation: 'owner' | 'admin' | 'member' | 'outcast' | 'none';
  /** The real JID, where the room shows it. */
  jid?: string;
  /** XEP-0421, when the room offers it. */
  occupantId?: string;
  show?: Show;
  /** Status codes (§15.6): 110 self, 201 created, 210 nick changed by the room, 303 nick change, 301 ban, 307 kick… */
  codes: number[];
  /** With 303: the occupant's new nickname. */
  newNick?: string;
  /** Why an occupant was kicked or banned, as the moderator said. */
  reason?: string;
  /** The room was destroyed (§10.9): where to go instead, and why. */
  destroyed?: { alternate?: string; reason?: string };
}

/**
 * Reads an occupant's presence: from `room/nick`, available or unavailable, with
 * `<x xmlns='…muc#user'>`. Undefined for anything else (errors included, see `parseRoomError`).
 */
export function parseOccupantPresence(el: XmlElement): OccupantPresence | undefined {
  const presence = parsePresence(el);
  const from = splitOccupant(el.attrs.from);
  if (!presence || !from?.nick || (presence.type !== 'available' && presence.type !== 'unavailable')) return undefined;
  const x = childOf(el, 'x', NS_MUC_USER);
  if (!x) return undefined;
  const item = childOf(x, 'item');
  const role = item?.attrs.role ?? 'none';
  const affiliation = item?.attrs.affiliation ?? 'none';
  const out: OccupantPresence = {
    room: from.room,
    nick: from.nick,
    type: presence.type,
    role: (ROLES.has(role) ? role : 'none') as OccupantPresence['role'],
    affiliation: (AFFILIATIONS.has(affiliation) ? affiliation : 'none') as OccupantPresence['affiliation'],
    codes: childrenOf(x, 'status')
      .map((s) => Number(s.attrs.code))
      .filter((n) => Number.isInteger(n)),
  };
  const jid = item?.attrs.jid && parseJid(item.attrs.jid);
  if (jid) out.jid = formatJid({ local: jid.local, domain: jid.domain });
  const occupantId = childOf(el, 'occupant-id', NS_OCCUPANT_ID)?.attrs.id;
  if (occupantId) out.occupantId = occupantId;
  if (presence.show) out.show = presence.show;
  if (item?.attrs.nick) out.newNick = item.attrs.nick;
  const reason = textOf(item && childOf(item, 'reason'));
  if (reason) out.reason = reason;
  const destroy = childOf(x, 'destroy');
  if (destroy) {
    const why = textOf(childOf(destroy, 'reason'));
    out.destroyed = { ...(destroy.attrs.jid ? { alternate: destroy.attrs.jid } : {}), ...(why ? { reason: why } : {}) };
  }
  return out;
}

/** Why we are no longer in a room, from our own unavailable presence; undefined when we simply left. */
export function removalOf(
  presence: OccupantPresence,
): 'kicked' | 'banned' | 'removed' | 'members-only' | 'shutdown' | 'destroyed' | undefined {
  const has = (code: number) => presence.codes.includes(code);
  if (presence.destroyed) return 'destroyed';
  if (has(301)) return 'banned';
  if (has(307)) return 'kicked';
  if (has(321)) return 'removed';
  if (has(322)) return 'members-only';
  if (has(332)) return 'shutdown';
  return undefined;
}

/** A presence error from a room (§7.2.6–7.2.11): who it concerns and its condition. */
export function parseRoomError(el: XmlElement): { room: string; nick?: string; condition: string; text?: string } | undefined {
  if (el.name !== 'presence' || el.attrs.type !== 'error') return undefined;
  const from = splitOccupant(el.attrs.from);
  const error = parseStanzaError(el);
  if (!from) return undefined;
  return { ...from, condition: error?.condition ?? 'undefined-condition', ...(error?.text ? { text: error.text } : {}) };
}

/** A message of a room, read by `parseRoomMessage`. */
export interface RoomMessage {
  room: string;
  /** The sender's nickname; absent for the room's own messages. */
  nick?: string;
  body?: string;
  /** A subject change (§8.1): a `<subject>` without a body; empty when the subject was removed. */
  subject?: string;
  id?: string;
  originId?: string;
  /** The room's archive id (XEP-0359 stanza-id by the room's JID); ids by anyone else are ignored. */
  stanzaId?: string;
  occupantId?: string;
  /** Set by the room on history it replays (a delay from the room's JID). */
  delay?: string;
}

/**
 * Reads a groupchat message from `room` (or any room when left out): a body, a subject change, or
 * both absent (undefined then). Errors and other types are undefined.
 */
export function parseRoomMessage(el: XmlElement, room?: string): RoomMessage | undefined {
  if (el.name !== 'message' || el.attrs.type !== 'groupchat') return undefined;
  const from = splitOccupant(el.attrs.from);
  if (!from || (room !== undefined && from.room !== room)) return undefined;
  const chat = parseChatMessage(el);
  const subjectEl = childrenOf(el, 'subject').find((s) => s.attrs.xmlns === undefined || s.attrs.xmlns === NS_CLIENT);
  if (!chat && !subjectEl) return undefined;
  const out: RoomMessage = { room: from.room };
  if (from.nick) out.nick = from.nick;
  if (chat) out.body = chat.body;
  else out.subject = textOf(subjectEl);
  if (el.attrs.id) out.id = el.attrs.id;
  if (chat?.originId) out.originId = chat.originId;
  const stanzaId = chat?.stanzaIds.find((s) => splitOccupant(s.by)?.room === from.room && !splitOccupant(s.by)?.nick)?.id;
  if (stanzaId) out.stanzaId = stanzaId;
  const occupantId = childOf(el, 'occupant-id', NS_OCCUPANT_ID)?.attrs.id;
  if (occupantId) out.occupantId = occupantId;
  const delay = childOf(el, 'delay', NS_DELAY);
  if (delay?.attrs.stamp && delay.attrs.from && splitOccupant(delay.attrs.from)?.room === from.room) out.delay = delay.attrs.stamp;
  return out;
}

/** A message to the room; its id doubles as its origin-id, which the room's copy of it carries back. */
export const buildRoomMessage = (room: string, body: string, id: string): XmlElement =>
  buildChatMessage({ to: room, body, id, type: 'groupchat' });
