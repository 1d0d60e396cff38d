/**
 * The secret a site signs its visitors' identities with (stanza/visitor-context.ts), kept in the
 * support account's Private XML Storage (XEP-0049), which only the account itself can read:
 *
 *   <query xmlns='jabber:iq:private'>
 *     <verification xmlns='urn:xmpp-chat:visitor-verification:0'><password>…</password></verification>
 *   </query>
 *
 * The secret is in a `<password>` element because the debug log hides the text of every
 * `<password>` wherever it appears (redact.ts): storing or reading it never puts it in a log.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_PRIVATE = 'jabber:iq:private';
export const NS_VERIFICATION = 'urn:xmpp-chat:visitor-verification:0';

/** The longest secret kept, in UTF-16 code units (HMAC takes any length; 32 random bytes need 64 hex digits). */
export const SECRET_LIMIT = 512;

/** True for a secret we store and read back the same: not empty, not too long, no control characters (XML changes them). */
export function validSecret(secret: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  return secret.length > 0 && secret.length <= SECRET_LIMIT && !/[\u0000-\u001f\u007f]/.test(secret);
}

const storage = (...children: XmlElement[]) =>
  xml('query', { xmlns: NS_PRIVATE }, xml('verification', { xmlns: NS_VERIFICATION }, children));

/** The iq get for the stored secret. */
export function buildSecretGet(): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId() }, storage());
}

/** The iq set that stores `secret`, or that stores none (verification off) when it is undefined. */
export function buildSecretSet(secret: string | undefined): XmlElement {
  return xml('iq', { type: 'set', id: newStanzaId() }, storage(...(secret === undefined ? [] : [xml('password', {}, secret)])));
}

/**
 * Reads the answer to `buildSecretGet`: `{ secret }`, undefined inside when none is stored (or
 * what is stored is not a usable secret). Undefined for anything but an iq result with a
 * private-storage `<query>`.
 */
export function parseSecret(iq: XmlElement): { secret: string | undefined } | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const query = childOf(iq, 'query', NS_PRIVATE);
  if (!query) return undefined;
  const stored = childOf(query, 'verification', NS_VERIFICATION);
  // Children inherit the namespace; a <password> declaring another one is someone else's.
  const el = stored && childrenOf(stored, 'password').find((c) => (c.attrs.xmlns ?? NS_VERIFICATION) === NS_VERIFICATION);
  const secret = el && textOf(el);
  return { secret: secret && validSecret(secret) ? secret : undefined };
}
