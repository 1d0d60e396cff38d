/**
 * Retraction of one's own messages (XEP-0424). The current form names the message directly; older
 * Converse.js and Gajim send and read only the earlier one, through message fastening (XEP-0422),
 * so both are sent and both are read:
 *
 *   <retract xmlns='urn:xmpp:message-retract:1' id='origin-id-1'/>
 *   <apply-to xmlns='urn:xmpp:fasten:0' id='origin-id-1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>
 *
 * A client without either shows the fallback body, marked as such (XEP-0428). Whether the sender
 * may retract that message (it must be theirs) is for the caller to check.
 */
import { childOf, childrenOf, xml, type XmlElement } from './element.ts';

const NS_CLIENT = 'jabber:client';
const NS_RETRACT = 'urn:xmpp:message-retract:1';
const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';
const NS_FASTEN = 'urn:xmpp:fasten:0';
const NS_FALLBACK = 'urn:xmpp:fallback:0';
const NS_HINTS = 'urn:xmpp:hints';
const NS_SID = 'urn:xmpp:sid:0';

/** Longest message id taken. */
export const RETRACTION_ID_LIMIT = 256;
/** The body a client without retraction shows, in XEP-0424's words, which other clients recognise. */
export const RETRACTION_FALLBACK = "This person attempted to retract a previous message, but it's unsupported by your client.";

const usable = (id: string | undefined) => (id && id.length <= RETRACTION_ID_LIMIT ? id : undefined);

/** The id named by a fastening (XEP-0422) whose payload is a retraction, if the message has one. */
function legacyId(el: XmlElement): string | undefined {
  const applyTo = childrenOf(el, 'apply-to', NS_FASTEN).filter((a) => childOf(a, 'retract', NS_RETRACT_0));
  return applyTo.length === 1 ? usable(applyTo[0].attrs.id) : undefined;
}

/**
 * The id of the message a retraction takes back, in either form. Undefined when there is none, when
 * an id is missing or too long, when the two forms name different messages, and for errors, which
 * echo our own.
 */
export function parseRetraction(el: XmlElement): { id: string } | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error') return undefined;
  const current = childrenOf(el, 'retract', NS_RETRACT);
  if (current.length > 1) return undefined;
  const currentId = current.length === 1 ? usable(current[0].attrs.id) : undefined;
  if (current.length === 1 && !currentId) return undefined;
  const earlierId = legacyId(el);
  if (currentId && earlierId && currentId !== earlierId) return undefined;
  const id = currentId ?? earlierId;
  return id ? { id } : undefined;
}

/** What `buildRetraction` needs. */
export interface RetractionInit {
  /** The peer. */
  to: string;
  /** The id of our message to take back: its origin-id. */
  id: string;
  /** This retraction message's own id, used as its origin-id too. */
  messageId: string;
}

/** A chat message retracting one of ours, in both forms, with a fallback body and the store hint. */
export function buildRetraction({ to, id, messageId }: RetractionInit): XmlElement {
  return xml(
    'message',
    { xmlns: NS_CLIENT, to, id: messageId, type: 'chat' },
    xml('retract', { xmlns: NS_RETRACT, id }),
    xml('apply-to', { xmlns: NS_FASTEN, id }, xml('retract', { xmlns: NS_RETRACT_0 })),
    xml('body', {}, RETRACTION_FALLBACK),
    xml('fallback', { xmlns: NS_FALLBACK, for: NS_RETRACT }),
    xml('store', { xmlns: NS_HINTS }),
    xml('origin-id', { xmlns: NS_SID, id: messageId }),
  );
}
