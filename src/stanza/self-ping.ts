/** MUC self-ping (XEP-0410): is this client still in the room? Pure functions; see features/room-ping.ts. */
import { parseStanzaError } from './conditions.ts';
import { xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_PING = 'urn:xmpp:ping';

/** The self-ping (XEP-0410): an XMPP ping to our own occupant address. */
export const buildSelfPing = (room: string, nick: string): XmlElement =>
  xml('iq', { type: 'get', id: newStanzaId(), to: `${room}/${nick}` }, xml('ping', { xmlns: NS_PING }));

/**
 * What a self-ping's answer means (XEP-0410 §3.2), from its error condition (undefined for a
 * result): `joined`; `not-joined` (join again); `unknown` (the room is unreachable: ask later).
 * A client that does not answer pings, or a nickname change under way, still means joined.
 */
export function selfPingVerdict(condition: string | undefined): 'joined' | 'not-joined' | 'unknown' {
  if (condition === undefined) return 'joined';
  if (condition === 'service-unavailable' || condition === 'feature-not-implemented' || condition === 'item-not-found') return 'joined';
  if (condition === 'remote-server-not-found' || condition === 'remote-server-timeout') return 'unknown';
  return 'not-joined';
}

/** `selfPingVerdict` of an iq answer. */
export function readSelfPing(iq: XmlElement): 'joined' | 'not-joined' | 'unknown' {
  if (iq.attrs.type === 'result') return 'joined';
  return selfPingVerdict(parseStanzaError(iq)?.condition ?? 'undefined-condition');
}
