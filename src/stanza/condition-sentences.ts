/**
 * The sentences that explain error conditions (RFC 6120), in a module of their own: they load
 * with the first error that needs one (see conditions.ts), not with every visitor's widget.
 */
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
