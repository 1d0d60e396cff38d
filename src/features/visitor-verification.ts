/**
 * Verified visitors: a site that knows its user signs `{ userId, email, name }` with HMAC-SHA256
 * (stanza/visitor-context.ts, `signedText`) using a secret it shares with the support desk, and the
 * desk checks the signature a visitor's context carries. The secret is kept in the support
 * account's private storage (XEP-0049), read once per session, and held only as a non-extractable
 * WebCrypto key: it is never logged, never sent in a message and never handed back to callers.
 *
 * The check is `crypto.subtle.verify`, which compares in constant time; that would not be needed
 * anyway: the verifier runs in the agent's browser and its result is shown only to the agent, so a
 * forger cannot time comparisons to guess a signature byte by byte (a site's server, which answers
 * whoever asks, should compare in constant time).
 */
import type { Client } from '../client.ts';
import { XmppChatError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { normalizeVisitorContext, signedText, type VisitorContext } from '../stanza/visitor-context.ts';
import { buildSecretGet, buildSecretSet, parseSecret, SECRET_LIMIT, validSecret } from '../stanza/verification-secret.ts';

/**
 * `verified`: the signature matches the user id, email and name; `forged`: it does not;
 * `unsigned`: the context has no user id with a signature; `no-secret`: signed, but no secret is
 * stored to check it with.
 */
export type VerificationResult = 'verified' | 'forged' | 'unsigned' | 'no-secret';

export type VerificationCondition = 'invalid-secret' | 'unexpected-answer' | 'no-webcrypto';

/** A secret could not be stored as given, the server's answer held no storage, or the browser lacks WebCrypto. */
export class VerificationError extends XmppChatError {
  override readonly name = 'VerificationError';
  constructor(
    readonly condition: VerificationCondition,
    message: string,
  ) {
    super(message);
  }
}

export interface VisitorVerificationEvents extends Record<string, unknown> {
  /** The secret changed (set or removed here, or found again for a new session): verify again. */
  changed: undefined;
}

export interface VisitorVerification {
  /** Stores the secret (replacing any other); resolves once the server has it. */
  setSecret(secret: string): Promise<void>;
  /** Removes the stored secret: signed visitors show as `no-secret` afterwards. */
  removeSecret(): Promise<void>;
  /** Whether a secret is stored, read from the server once per session. */
  hasSecret(): Promise<boolean>;
  /** Checks the signature of a visitor context against the stored secret. */
  verify(context: VisitorContext | undefined): Promise<VerificationResult>;
  on<K extends keyof VisitorVerificationEvents>(type: K, listener: (detail: VisitorVerificationEvents[K]) => void): () => void;
}

export interface VisitorVerificationDeps {
  /** The support account's connection: the secret is kept in its private storage. */
  client: Client;
  /** WebCrypto; the browser's by default (it exists only on https pages and localhost). */
  subtle?: SubtleCrypto;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOfHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

export function createVisitorVerification({ client, subtle = globalThis.crypto?.subtle }: VisitorVerificationDeps): VisitorVerification {
  const events = new Emitter<VisitorVerificationEvents>();
  /** The key for this session: undefined inside when no secret is stored; undefined until read. */
  let key: Promise<CryptoKey | undefined> | undefined;
  /** Someone has asked for the secret: a new session tells them to ask again. */
  let asked = false;

  const webCrypto = (): SubtleCrypto => {
    if (!subtle)
      throw new VerificationError('no-webcrypto', 'Checking visitors needs WebCrypto, which browsers offer only on https pages.');
    return subtle;
  };
  const importKey = (secret: string) => webCrypto().importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);

  const read = async (): Promise<CryptoKey | undefined> => {
    const stored = parseSecret(await client.iq(buildSecretGet()));
    if (!stored) throw new VerificationError('unexpected-answer', 'The chat server answered without the private storage asked for.');
    return stored.secret === undefined ? undefined : importKey(stored.secret);
  };

  const load = (): Promise<CryptoKey | undefined> => {
    asked = true;
    if (key) return key;
    const reading = read();
    key = reading;
    // A failed read is tried again by the next caller (unless a secret was set meanwhile).
    reading.catch(() => {
      if (key === reading) key = undefined;
    });
    return reading;
  };

  const store = async (secret: string | undefined) => {
    const next = secret === undefined ? undefined : await importKey(secret);
    await client.iq(buildSecretSet(secret));
    key = Promise.resolve(next);
    events.emit('changed', undefined);
  };

  client.on('online', (info) => {
    if (info.resumed || !asked) return;
    // Another device of the account may have changed it meanwhile, and a read that failed while
    // offline can succeed now.
    key = undefined;
    events.emit('changed', undefined);
  });

  return {
    async setSecret(secret) {
      if (!validSecret(secret)) {
        throw new VerificationError('invalid-secret', `The secret must have 1 to ${SECRET_LIMIT} characters and no line breaks.`);
      }
      await store(secret);
    },
    removeSecret: () => store(undefined),
    hasSecret: async () => (await load()) !== undefined,
    async verify(context) {
      // As the desk received it: a signature that is not 64 hex digits is none.
      const { userId, signature } = normalizeVisitorContext(context ?? {});
      if (!userId || !signature) return 'unsigned';
      const current = await load();
      if (!current) return 'no-secret';
      const valid = await webCrypto().verify('HMAC', current, bytesOfHex(signature), utf8(signedText(context!)));
      return valid ? 'verified' : 'forged';
    },
    on: (type, listener) => events.on(type, listener),
  };
}
