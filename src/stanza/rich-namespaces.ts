/**
 * Whether a message needs the rich-message reader: shared files (XEP-0066, XEP-0447), reactions
 * (XEP-0444), replies (XEP-0461) and their fallbacks (XEP-0428), retractions (XEP-0424, with the
 * earlier fastening form, XEP-0422), and a body that is an encrypted file's `aesgcm://` link (XEP-0454). Every visitor's message passes here, so it stays this small;
 * the parsers load only for the messages it picks.
 */
import { textOf, type XmlElement } from './element.ts';

const RICH = new Set([
  'jabber:x:oob',
  'urn:xmpp:sfs:0',
  'urn:xmpp:reactions:0',
  'urn:xmpp:reply:0',
  'urn:xmpp:fallback:0',
  'urn:xmpp:message-retract:0',
  'urn:xmpp:message-retract:1',
  'urn:xmpp:fasten:0',
]);

/** True when a direct child of the message is in one of the rich namespaces, or its body starts as an `aesgcm://` link. */
export function hasRichContent(el: XmlElement): boolean {
  for (const child of el.children)
    if (typeof child !== 'string' && (RICH.has(child.attrs.xmlns) || (child.name === 'body' && /^\s*aesgcm:/i.test(textOf(child)))))
      return true;
  return false;
}
