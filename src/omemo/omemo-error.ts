import { XmppChatError } from '../errors.ts';

/**
 * Why an OMEMO operation failed: `bad-key` (a public key or signature that is not well formed),
 * `bad-signature` (a signed pre-key whose signature does not verify), `bad-message` (a message that
 * does not parse), `bad-mac` (a message that fails authentication), `duplicate` (a message already
 * decrypted), `too-many-skipped` (a message that would skip more keys than a session keeps),
 * `no-pre-key` (a bundle or key exchange that names a pre-key we do not have), `no-session` (a
 * message that is no key exchange, from a device we have no session with), `no-devices` (a contact
 * who publishes no OMEMO device, or none we may encrypt to), `not-for-us` (a message encrypted for
 * other devices than ours).
 */
export type OmemoCondition =
  | 'bad-key'
  | 'bad-signature'
  | 'bad-message'
  | 'bad-mac'
  | 'duplicate'
  | 'too-many-skipped'
  | 'no-pre-key'
  | 'no-session'
  | 'no-devices'
  | 'not-for-us';

/** An OMEMO key agreement, encryption or decryption failed; nothing was changed. */
export class OmemoError extends XmppChatError {
  override readonly name = 'OmemoError';
  constructor(
    readonly condition: OmemoCondition,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
