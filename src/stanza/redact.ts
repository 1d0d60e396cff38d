/**
 * What the debug log may show of the XML we send and receive: everything but secrets. SASL
 * exchanges carry the password (PLAIN) or proofs from it (SCRAM), in-band registration
 * (XEP-0077) sends the new account's password in its form, and a FAST token (XEP-0484) signs in.
 */
import { toXmlString, type XmlElement } from './element.ts';

const HIDDEN = '[redacted]';
/** Elements whose text is a secret, or derived from one, wherever they appear. */
const SECRET_TEXT =
  /(<(?:[\w.-]+:)?(auth|response|challenge|success|initial-response|additional-data|password)\b[^>]*>)([^<]+)(<\/(?:[\w.-]+:)?\2\s*>)/g;
/** A FAST token's `token` attribute (`<token xmlns='urn:xmpp:fast:0' token='…'/>`), in either quotes. */
const TOKEN_ATTR = /(<(?:[\w.-]+:)?token\b[^>]*?\btoken=)(["'])[^"']*\2/g;
/** A registration query, whose every field (username, password, e-mail, form values) is kept out. */
const REGISTER_QUERY = /<(?:[\w.-]+:)?query\b[^>]*jabber:iq:register[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?query\s*>/g;

/**
 * The XML for a debug log line with the text of SASL `<auth>`, `<response>`, `<challenge>` and
 * `<success>`, of any `<password>`, and of everything inside a `jabber:iq:register` query replaced
 * by `[redacted]`, and a FAST token's value too. Takes serialized XML (even a fragment, such as an unclosed stream header), an
 * XmlElement or a DOM node. Meant for logs only: the output is not guaranteed to be well-formed.
 */
export function redactForLog(input: string | XmlElement | Node): string {
  const text = typeof input === 'string' ? input : isNode(input) ? new XMLSerializer().serializeToString(input) : toXmlString(input);
  return text
    .replace(REGISTER_QUERY, (query) => query.replace(/>([^<]+)</g, (_, inner: string) => (inner.trim() ? `>${HIDDEN}<` : `>${inner}<`)))
    .replace(SECRET_TEXT, (_, open: string, _name: string, _secret: string, close: string) => `${open}${HIDDEN}${close}`)
    .replace(TOKEN_ATTR, (_, start: string, quote: string) => `${start}${quote}${HIDDEN}${quote}`);
}

const isNode = (input: XmlElement | Node): input is Node => typeof (input as Node).nodeType === 'number';
