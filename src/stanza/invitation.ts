/**
 * Invitations to rooms: direct (XEP-0249, from the inviter to the invitee) and mediated (XEP-0045
 * §7.8.2, through the room), and declining one (§7.8.2). Pure functions; features/rooms.ts reads
 * incoming ones, features/room-admin.ts sends them.
 */
import { childOf, textOf, xml, type XmlElement } from './element.ts';
import { bareJid, formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

const NS_CONFERENCE = 'jabber:x:conference';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_CLIENT = 'jabber:client';

/** An invitation as read from a message: the room, the inviter's bare JID, and what came with it. */
export interface Invitation {
  room: string;
  from: string;
  reason?: string;
  password?: string;
  /** `mediated` when the room passed it on (XEP-0045), `direct` when the inviter sent it (XEP-0249). */
  kind: 'direct' | 'mediated';
}

/** A direct invitation (XEP-0249 §2) to `to`. */
export const buildDirectInvite = (to: string, room: string, reason?: string, password?: string): XmlElement =>
  xml('message', { xmlns: NS_CLIENT, to, id: newStanzaId() }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason, password }));

/** A mediated invitation (XEP-0045 §7.8.2): asks the room to invite `to`; members-only rooms may make them a member. */
export const buildMediatedInvite = (room: string, to: string, reason?: string): XmlElement =>
  xml(
    'message',
    { xmlns: NS_CLIENT, to: room, id: newStanzaId() },
    xml('x', { xmlns: NS_MUC_USER }, xml('invite', { to }, reason ? xml('reason', {}, reason) : undefined)),
  );

/** Declines an invitation through the room, which tells the inviter (XEP-0045 §7.8.2). */
export const buildDecline = (room: string, inviter: string, reason?: string): XmlElement =>
  xml(
    'message',
    { xmlns: NS_CLIENT, to: room, id: newStanzaId() },
    xml('x', { xmlns: NS_MUC_USER }, xml('decline', { to: inviter }, reason ? xml('reason', {}, reason) : undefined)),
  );

const roomJid = (value: string | undefined) => {
  const jid = value ? parseJid(value) : undefined;
  return jid?.local && jid.resource === undefined ? formatJid({ local: jid.local, domain: jid.domain }) : undefined;
};

/**
 * Reads an invitation: a direct one (`<x xmlns='jabber:x:conference' jid='room'>`, the inviter is
 * the sender) or a mediated one from a room (`<x xmlns='…muc#user'><invite from='inviter'>`, the
 * sender is the room). Undefined for anything else: errors, groupchat messages, other payloads.
 */
export function parseInvitation(el: XmlElement): Invitation | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error' || el.attrs.type === 'groupchat' || !el.attrs.from) return undefined;
  const mediated = childOf(childOf(el, 'x', NS_MUC_USER) ?? xml('none'), 'invite');
  if (mediated) {
    const room = roomJid(el.attrs.from);
    const from = mediated.attrs.from && bareJid(mediated.attrs.from);
    if (!room || !from) return undefined;
    const reason = textOf(childOf(mediated, 'reason'));
    const password = textOf(childOf(childOf(el, 'x', NS_MUC_USER)!, 'password'));
    return { room, from, kind: 'mediated', ...(reason ? { reason } : {}), ...(password ? { password } : {}) };
  }
  const direct = childOf(el, 'x', NS_CONFERENCE);
  const room = roomJid(direct?.attrs.jid);
  const from = bareJid(el.attrs.from);
  if (!direct || !room || !from) return undefined;
  const { reason, password } = direct.attrs;
  return { room, from, kind: 'direct', ...(reason ? { reason } : {}), ...(password ? { password } : {}) };
}
