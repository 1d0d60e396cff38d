/**
 * Every error the core reports: an `Error` subclass with a machine-readable `condition` and a
 * message a person understands.
 */
export abstract class XmppChatError extends Error {
  abstract readonly condition: string;
}

/** SASL authentication failed; `condition` is the SASL condition (RFC 6120 §6.5). */
export class AuthError extends XmppChatError {
  override readonly name = 'AuthError';
  constructor(
    readonly condition: string,
    message: string,
    readonly text?: string,
  ) {
    super(message);
  }
}

/** `elsewhere`: another tab of this browser is signed in as this device (see device-identity.ts). */
export type ConnectionCondition = 'refused' | 'unreachable' | 'timeout' | 'closed' | 'no-endpoint' | 'elsewhere';

/** The server could not be reached, refused the connection, stopped answering or went away. */
export class ConnectionError extends XmppChatError {
  override readonly name = 'ConnectionError';
  constructor(
    readonly condition: ConnectionCondition,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The server ended the stream with a stream error (RFC 6120 §4.9). */
export class StreamError extends XmppChatError {
  override readonly name = 'StreamError';
  constructor(
    readonly condition: string,
    message: string,
    readonly text?: string,
  ) {
    super(message);
  }
}

/** The options given to the client are wrong; nothing was attempted. */
export class ConfigError extends XmppChatError {
  override readonly name = 'ConfigError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

/** Errors after which connecting again cannot help until the user changes something. */
export function isFatal(error: XmppChatError): boolean {
  if (error instanceof AuthError || error instanceof ConfigError) return true;
  return error instanceof StreamError && FATAL_STREAM_CONDITIONS.has(error.condition);
}

const FATAL_STREAM_CONDITIONS = new Set([
  'not-authorized',
  'host-unknown',
  'improper-addressing',
  'invalid-namespace',
  'unsupported-version',
  'policy-violation',
  'conflict',
]);

/** An iq request was answered with an error (RFC 6120 §8.3). */
export class StanzaError extends XmppChatError {
  override readonly name = 'StanzaError';
  constructor(
    readonly condition: string,
    message: string,
    readonly type?: string,
    readonly text?: string,
  ) {
    super(message);
  }
}

/** Received XML could not be read, or only in part (see stanza/tree.ts for the depth limit). */
export class StanzaParseError extends XmppChatError {
  override readonly name = 'StanzaParseError';
  readonly condition = 'malformed-xml';
  constructor(message = 'Received XML that could not be read.') {
    super(message);
  }
}
