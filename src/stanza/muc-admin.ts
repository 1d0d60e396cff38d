/**
 * Running a room (XEP-0045): what a room says of itself (disco#info, §6.4), the subject (§8.1),
 * roles and affiliations (§8–9, muc#admin), and the owner's configuration form (§10.2, muc#owner).
 * Pure functions; features/room-admin.ts sends them.
 */
import { parseDiscoFeatures } from './disco.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';
import { NS_MUC } from './muc.ts';

const NS_ADMIN = `${NS_MUC}#admin`;
const NS_OWNER = `${NS_MUC}#owner`;
const NS_DATA = 'jabber:x:data';
const NS_INFO = 'http://jabber.org/protocol/disco#info';
const NS_CLIENT = 'jabber:client';
export const NS_MODERATE_0 = 'urn:xmpp:message-moderate:0';
export const NS_MODERATE_1 = 'urn:xmpp:message-moderate:1';

/** What a room's disco#info says; features it lacks are false. `moderation` names the newest XEP-0425 version offered. */
export interface RoomFeatures {
  name?: string;
  moderation?: 0 | 1;
  occupantId: boolean;
  membersOnly: boolean;
  passwordProtected: boolean;
  nonAnonymous: boolean;
  persistent: boolean;
  public: boolean;
}

/**
 * Reads a room's disco#info answer (features, and the name from its muc#roominfo form); undefined
 * for anything else. Its own reader, not stanza/disco.ts's `parseDiscoInfo`: that one would then
 * be carried, unused, by every visitor's core (whose chunk holds that module).
 */
export function parseRoomInfo(iq: XmlElement): RoomFeatures | undefined {
  const features = parseDiscoFeatures(iq);
  if (!features) return undefined;
  const has = (feature: string) => features.includes(feature);
  const query = childOf(iq, 'query', NS_INFO)!;
  const form = childrenOf(query, 'x', NS_DATA).find((x) => fieldValue(x, 'FORM_TYPE') === `${NS_MUC}#roominfo`);
  const name = (form && fieldValue(form, 'muc#roomconfig_roomname')) || childOf(query, 'identity')?.attrs.name;
  return {
    ...(name ? { name } : {}),
    ...(has(NS_MODERATE_1) ? { moderation: 1 as const } : has(NS_MODERATE_0) ? { moderation: 0 as const } : {}),
    occupantId: has('urn:xmpp:occupant-id:0'),
    membersOnly: has('muc_membersonly'),
    passwordProtected: has('muc_passwordprotected'),
    nonAnonymous: has('muc_nonanonymous'),
    persistent: has('muc_persistent'),
    public: has('muc_public'),
  };
}

/** The first value of a data form's field. */
const fieldValue = (form: XmlElement, name: string): string | undefined => {
  const field = childrenOf(form, 'field').find((f) => f.attrs.var === name);
  return field && textOf(childOf(field, 'value'));
};

/** Changes the subject (§8.1): a groupchat message with only a `<subject>`. */
export const buildSubject = (room: string, subject: string): XmlElement =>
  xml('message', { xmlns: NS_CLIENT, to: room, type: 'groupchat', id: newStanzaId() }, xml('subject', {}, subject));

const adminItem = (room: string, attrs: Record<string, string>, reason?: string): XmlElement =>
  xml(
    'iq',
    { type: 'set', to: room, id: newStanzaId() },
    xml('query', { xmlns: NS_ADMIN }, xml('item', attrs, reason ? xml('reason', {}, reason) : undefined)),
  );

/** A role change by nickname (§8.2 kick = role none, §8.3–8.4 voice, §9.6 moderator). */
export const buildRoleChange = (room: string, nick: string, role: string, reason?: string): XmlElement =>
  adminItem(room, { nick, role }, reason);

/** An affiliation change by bare JID (§9.1 ban = outcast, §9.3 member, §10.3 owner…). */
export const buildAffiliationChange = (room: string, jid: string, affiliation: string, reason?: string): XmlElement =>
  adminItem(room, { jid, affiliation }, reason);

/** Asks for the room's configuration form (§10.2). */
export const buildConfigGet = (room: string): XmlElement =>
  xml('iq', { type: 'get', to: room, id: newStanzaId() }, xml('query', { xmlns: NS_OWNER }));

/** The variables of the configuration form in an answer to `buildConfigGet`; undefined for anything else. */
export function parseConfigFields(iq: XmlElement): Set<string> | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const form = childOf(childOf(iq, 'query', NS_OWNER) ?? iq, 'x', NS_DATA);
  if (!form) return undefined;
  return new Set(
    childrenOf(form, 'field')
      .map((f) => f.attrs.var)
      .filter((v): v is string => !!v),
  );
}

/** Submits these configuration fields (§10.2); fields left out keep the room's values. */
export function buildConfigSubmit(room: string, fields: Readonly<Record<string, string>>): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: room, id: newStanzaId() },
    xml(
      'query',
      { xmlns: NS_OWNER },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE' }, xml('value', {}, `${NS_MUC}#roomconfig`)),
        Object.entries(fields).map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
      ),
    ),
  );
}

/** The status codes of a room's notice (§10.2.1: 104 = its configuration changed); [] for anything else. */
export function noticeCodes(el: XmlElement): number[] {
  const x = childOf(el, 'x', `${NS_MUC}#user`);
  return x ? childrenOf(x, 'status').map((s) => Number(s.attrs.code)) : [];
}
