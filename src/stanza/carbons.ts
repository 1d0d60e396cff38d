/**
 * Message Carbons (XEP-0280): copies of the messages the user's other clients send and receive.
 */
import { childrenOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

const NS_CLIENT = 'jabber:client';
const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_FORWARD = 'urn:xmpp:forward:0';

/** A carbon copy, unwrapped. */
export interface Carbon {
  /** `sent`: another of the user's clients sent it; `received`: another client received it. */
  direction: 'sent' | 'received';
  /** The original message, addresses as the original has them. */
  message: XmlElement;
}

/** Builds the iq set that turns carbons on for this session; the server answers with an empty result. */
export function buildEnableCarbons(): XmlElement {
  return xml('iq', { type: 'set', id: newStanzaId() }, xml('enable', { xmlns: NS_CARBONS }));
}

/** A bare address (no resource), normalized; undefined for anything else. */
function bareOnly(s: string | undefined): string | undefined {
  const jid = s === undefined ? undefined : parseJid(s);
  return jid && jid.resource === undefined ? formatJid(jid) : undefined;
}

/** True when `from` is exactly a bare address (no resource) equal to the user's own. */
function isOwnBareAddress(from: string | undefined, ownBareJid: string): boolean {
  const own = bareOnly(ownBareJid);
  return own !== undefined && bareOnly(from) === own;
}

/** A message in the client namespace (no `xmlns` of its own, or `jabber:client`). */
const isClientMessage = (el: XmlElement) => el.name === 'message' && (el.attrs.xmlns === undefined || el.attrs.xmlns === NS_CLIENT);

/** True when a message holds a carbon wrapper of its own. */
const holdsCarbon = (el: XmlElement) => childrenOf(el, undefined, NS_CARBONS).some((c) => c.name === 'sent' || c.name === 'received');

/**
 * Unwraps a carbon copy: a `<message>` whose `from` is the user's own bare address, holding one
 * `<sent>` or `<received>` (urn:xmpp:carbons:2) with one `<forwarded>` (urn:xmpp:forward:0) with
 * one `<message>`. Anyone can send a message holding such a wrapper, so one from any other
 * address — including a full address of the user, or none at all — is forged and returns
 * undefined (XEP-0280 §11); so do carbons of carbons, and everything else. A message that is not
 * a carbon also returns undefined: read it as an ordinary message then.
 */
export function unwrapCarbon(el: XmlElement, ownBareJid: string): Carbon | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error' || !isOwnBareAddress(el.attrs.from, ownBareJid)) return undefined;
  const wrappers = childrenOf(el, undefined, NS_CARBONS).filter((c) => c.name === 'sent' || c.name === 'received');
  if (wrappers.length !== 1) return undefined;
  const [wrapper] = wrappers;
  const forwarded = childrenOf(wrapper, 'forwarded', NS_FORWARD);
  if (forwarded.length !== 1) return undefined;
  const messages = childrenOf(forwarded[0], 'message');
  if (messages.length !== 1 || !isClientMessage(messages[0]) || holdsCarbon(messages[0])) return undefined;
  return { direction: wrapper.name as Carbon['direction'], message: messages[0] };
}
