/**
 * Reads the error conditions of RFC 6120 — stream errors (§4.9), SASL failures (§6.5) and stanza
 * errors (§8.3) — and explains them in words a person understands.
 */
import { childrenOf, textOf, type XmlElement } from './element.ts';

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** A condition element's name and the optional human-readable `<text>` sent with it. */
export interface Condition {
  condition: string;
  text?: string;
}

/** A stanza error: its type (cancel, modify, auth, wait, continue), condition and text. */
export interface StanzaErrorInfo extends Condition {
  type: string;
}

/** The first child in `xmlns` that is not `<text>`, and the `<text>` child's content. */
function readCondition(el: XmlElement, xmlns: string | undefined, fallback: string): Condition {
  const inNs = (child: XmlElement) => xmlns === undefined || child.attrs.xmlns === xmlns;
  const children = childrenOf(el).filter(inNs);
  const condition = children.find((child) => child.name !== 'text')?.name ?? fallback;
  const textEl = children.find((child) => child.name === 'text');
  const text = textEl ? textOf(textEl) : undefined;
  return text ? { condition, text } : { condition };
}

/**
 * Reads a stream error: `<stream:error>` (or `<error>` in the streams namespace) with a condition
 * child in `urn:ietf:params:xml:ns:xmpp-streams`. Returns undefined for any other element.
 */
export function parseStreamError(el: XmlElement): Condition | undefined {
  const isStreamError =
    el.name === 'stream:error' ||
    (el.name === 'error' && (el.attrs.xmlns === NS_STREAM || childrenOf(el, undefined, NS_STREAMS).length > 0));
  return isStreamError ? readCondition(el, NS_STREAMS, 'undefined-condition') : undefined;
}

/**
 * Reads a SASL `<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>`. The condition is its first
 * child element other than `<text>` (`not-authorized` when there is none). Returns undefined for
 * any other element.
 */
export function parseSaslFailure(el: XmlElement): Condition | undefined {
  if (el.name !== 'failure' || el.attrs.xmlns !== NS_SASL) return undefined;
  // Children inherit the SASL namespace; a child in some other namespace is not a condition.
  const children = childrenOf(el).filter((child) => child.attrs.xmlns === undefined || child.attrs.xmlns === NS_SASL);
  return readCondition({ ...el, children }, undefined, 'not-authorized');
}

/**
 * Reads the `<error>` child of an iq, message or presence. Returns undefined when there is none.
 * The type defaults to `cancel`, the condition to `undefined-condition`.
 */
export function parseStanzaError(stanza: XmlElement): StanzaErrorInfo | undefined {
  const error = childrenOf(stanza, 'error').find((el) => el.attrs.xmlns === undefined || el.attrs.xmlns === 'jabber:client');
  if (!error) return undefined;
  return { type: error.attrs.type || 'cancel', ...readCondition(error, NS_STANZAS, 'undefined-condition') };
}

const AUTH_FAILURES: Record<string, string> = {
  aborted: 'The login was cancelled before it finished.',
  'account-disabled': 'This account has been disabled. Contact the server administrator.',
  'credentials-expired': 'The password has expired. Set a new one before signing in.',
  'encryption-required': 'The server only accepts this login over an encrypted connection.',
  'incorrect-encoding': 'The login data was not encoded the way the server expects.',
  'invalid-authzid': 'The login asked to act as an identity this account may not use.',
  'invalid-mechanism': 'The server does not support the login method that was tried.',
  'malformed-request': 'The server could not understand the login request.',
  'mechanism-too-weak': 'The server requires a stronger login method than the one that was tried.',
  'not-authorized': 'The account name or password is wrong.',
  'temporary-auth-failure': 'The server could not check the login right now. Try again in a moment.',
};

const STREAM_ERRORS: Record<string, string> = {
  'bad-format': 'The server could not understand what was sent to it.',
  'bad-namespace-prefix': 'The server rejected the data because of an unsupported namespace prefix.',
  conflict: 'This account signed in from somewhere else, so this connection was closed.',
  'connection-timeout': 'The server closed the connection because it was idle for too long.',
  'host-gone': 'The chat service for this domain is no longer hosted by this server.',
  'host-unknown': 'This server does not host the chat service for this domain.',
  'improper-addressing': 'The server rejected data that was addressed incorrectly.',
  'internal-server-error': 'The chat server had an internal problem and closed the connection.',
  'invalid-from': 'The server rejected data sent with an address this connection may not use.',
  'invalid-namespace': 'The server rejected the connection because of a wrong protocol namespace.',
  'invalid-xml': 'The server rejected data that was not valid.',
  'not-authorized': 'The server refused data sent before signing in.',
  'not-well-formed': 'The server rejected data that was not well-formed XML.',
  'policy-violation': 'The server closed the connection because a server policy was broken (for example, too many messages).',
  'remote-connection-failed': 'The server could not reach a service it needed, so it closed the connection.',
  reset: 'The server reset the connection. Signing in again should work.',
  'resource-constraint': 'The server is too busy to keep the connection open.',
  'restricted-xml': 'The server rejected data that used XML features it does not allow.',
  'see-other-host': 'The server asked to connect to another host instead.',
  'system-shutdown': 'The chat server is shutting down.',
  'undefined-condition': 'The server closed the connection without saying why.',
  'unsupported-encoding': 'The server does not support the text encoding that was used.',
  'unsupported-feature': 'The server does not support a feature this client needs.',
  'unsupported-stanza-type': 'The server received a kind of data it does not support.',
  'unsupported-version': 'The server does not support this version of the chat protocol.',
};

const STANZA_ERRORS: Record<string, string> = {
  'bad-request': 'The server could not understand the request.',
  conflict: 'The request conflicts with something that already exists.',
  'feature-not-implemented': 'The server or the recipient does not support this feature.',
  forbidden: 'You are not allowed to do this.',
  gone: 'The recipient is no longer at this address.',
  'internal-server-error': 'The server had an internal problem handling the request.',
  'item-not-found': 'What was asked for does not exist.',
  'jid-malformed': 'The address is not valid.',
  'not-acceptable': 'The server does not accept this request (for example, a message that is too long).',
  'not-allowed': 'This action is not allowed here.',
  'not-authorized': 'You need to sign in or have the right permissions to do this.',
  'policy-violation': 'The request breaks a server policy.',
  'recipient-unavailable': 'The recipient is not available right now.',
  redirect: 'The recipient has moved to another address.',
  'registration-required': 'You need to register before doing this.',
  'remote-server-not-found': "The recipient's server could not be found.",
  'remote-server-timeout': "The recipient's server did not answer in time.",
  'resource-constraint': 'The server is too busy to handle the request.',
  'service-unavailable': 'This service is not available.',
  'subscription-required': 'You need to be subscribed to the recipient to do this.',
  'undefined-condition': 'The request failed for an unknown reason.',
  'unexpected-request': 'The server did not expect this request at this time.',
};

/** A sentence explaining a SASL failure condition (RFC 6120 §6.5). */
export function describeAuthFailure(condition: string): string {
  return Object.hasOwn(AUTH_FAILURES, condition) ? AUTH_FAILURES[condition] : `Signing in failed (${condition}).`;
}

/** A sentence explaining a stream error condition (RFC 6120 §4.9.3). */
export function describeStreamError(condition: string): string {
  return Object.hasOwn(STREAM_ERRORS, condition) ? STREAM_ERRORS[condition] : `The chat server closed the connection (${condition}).`;
}

/** A sentence explaining a stanza error condition (RFC 6120 §8.3.3). */
export function describeStanzaError(condition: string): string {
  return Object.hasOwn(STANZA_ERRORS, condition) ? STANZA_ERRORS[condition] : `The request failed (${condition}).`;
}
