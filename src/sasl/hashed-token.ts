/**
 * HT-SHA-256-NONE (draft-schmaus-kitten-sasl-ht), the mechanism that signs in with a FAST token
 * (XEP-0484): the client proves it holds the token with an HMAC of "Initiator", and the server
 * proves it issued it with an HMAC of "Responder". No channel binding: pages cannot read TLS.
 */
import type { SaslCredentials } from './mechanisms.ts';

export const HASHED_TOKEN_MECHANISM = 'HT-SHA-256-NONE';

/** The token is not usable or the server's proof is wrong. */
export class HashedTokenError extends Error {
  override readonly name = 'HashedTokenError';
  constructor(
    readonly condition: 'missing-token' | 'invalid-server-proof',
    message: string,
  ) {
    super(message);
  }
}

/** One exchange; payloads are byte strings, as for the other mechanisms. */
export class HashedTokenMechanism {
  readonly name = HASHED_TOKEN_MECHANISM;
  readonly clientFirst = true;
  #key?: CryptoKey;

  /** `password` carries the token, as for the other mechanisms' secret. */
  async response({ username, password }: SaslCredentials): Promise<string> {
    if (!username || !password) throw new HashedTokenError('missing-token', 'Signing in with a token needs the account and the token.');
    this.#key = await crypto.subtle.importKey('raw', utf8(password), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const proof = new Uint8Array(await crypto.subtle.sign('HMAC', this.#key, utf8('Initiator')));
    return `${String.fromCharCode(...utf8(username))}\0${String.fromCharCode(...proof)}`;
  }

  challenge(): void {
    // The mechanism has no challenges; the server's proof comes with its success.
  }

  async verifySuccess(data: string): Promise<void> {
    const proof = Uint8Array.from(data, (c) => c.charCodeAt(0));
    const valid = this.#key && (await crypto.subtle.verify('HMAC', this.#key, proof, utf8('Responder')));
    if (!valid) throw new HashedTokenError('invalid-server-proof', 'The server could not prove it issued this sign-in token.');
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
