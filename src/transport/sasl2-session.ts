/**
 * What both transports share of a SASL2 login: the plan (token or password), the request sent with
 * it, the mechanism, the credentials, and what a refusal or a mechanism's error means.
 */
import { AuthError } from '../errors.ts';
import { AnonymousMechanism, PlainMechanism } from '../sasl/mechanisms.ts';
import { fastCount, planSasl2, type FastTokenStore, type Sasl2Mechanism, type Sasl2Plan } from '../sasl/sasl2.ts';
import type { AuthenticateRequest, Sasl2Offer } from '../stanza/sasl2.ts';
import type { SessionOptions } from './transport.ts';

/** How to sign in: the device's token where it is usable, else the password, by the usual policy. */
export async function planSignIn(options: SessionOptions, offer: Sasl2Offer): Promise<Sasl2Plan> {
  const token = options.username ? await options.fast?.load() : undefined;
  return planSasl2(offer, {
    anonymous: !options.username,
    secure: /^(wss|https):/.test(options.service),
    allowPlain: options.allowPlain,
    mechanisms: options.mechanisms,
    hasSecret: Boolean(options.password || options.scramKeys),
    keepsTokens: Boolean(options.fast),
    token,
  });
}

/** What rides with `<authenticate>`: who we are, the resource to bind (and stream management), and FAST. */
export function sasl2Request(
  options: SessionOptions,
  plan: Sasl2Plan,
  inline: { enableSm: boolean; resume?: { previd: string; h: number } },
): Omit<AuthenticateRequest, 'mechanism' | 'initialResponse'> {
  return {
    userAgent: userAgentOf(options),
    resume: inline.resume,
    bind: { tag: options.resource || 'xmpp-chat', enableSm: inline.enableSm },
    requestToken: plan.requestToken,
    fastCount: plan.token ? fastCount() : undefined,
  };
}

/** The token stands in for the password when signing in with it. */
export function sasl2Credentials(options: SessionOptions, plan: Sasl2Plan) {
  return {
    username: options.username,
    password: plan.token ? plan.token.token : options.password,
    scramKeys: plan.token ? undefined : options.scramKeys,
  };
}

/**
 * XEP-0388's user agent: the device's id (its FAST tokens are bound to it) and the software. Without a
 * token store, the client's own id: servers keep one session per id (ejabberd replaces the older one),
 * so two clients must never share one.
 */
export function userAgentOf(options: SessionOptions): { id: string; software: string } {
  return { id: options.fast?.agentId ?? options.userAgentId, software: 'xmpp-chat' };
}

/** A mechanism for SASL2, loaded when first used: SCRAM with a password or keys, HT-SHA-256-NONE with a token. */
export async function sasl2Mechanism(name: string): Promise<Sasl2Mechanism> {
  if (name === 'PLAIN') return new PlainMechanism();
  if (name === 'ANONYMOUS') return new AnonymousMechanism();
  if (name === 'SCRAM-SHA-256' || name === 'SCRAM-SHA-1') {
    const { scramMechanism } = await import('../sasl/scram.ts');
    return new (scramMechanism(name === 'SCRAM-SHA-1' ? 'SHA-1' : 'SHA-256'))();
  }
  const { HashedTokenMechanism, HASHED_TOKEN_MECHANISM } = await import('../sasl/hashed-token.ts');
  if (name === HASHED_TOKEN_MECHANISM) return new HashedTokenMechanism();
  throw new AuthError('invalid-mechanism', `This client cannot sign in with ${name}.`);
}

/** A refused token is forgotten, and the error says what to do next. */
export async function refused(error: unknown, plan: Sasl2Plan, fast: FastTokenStore | undefined): Promise<never> {
  if (plan.token && error instanceof AuthError && ['not-authorized', 'credentials-expired'].includes(error.condition)) {
    await fast?.save(undefined);
    throw new AuthError(
      'credentials-expired',
      'The saved sign-in for this device was refused by the server (it may have been revoked or have expired).',
      error.text,
    );
  }
  throw error;
}

export { mechanismError } from './mechanism-errors.ts';
