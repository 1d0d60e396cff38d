/**
 * A SASL2 login (XEP-0388), the same over both transports: which mechanism to use (a FAST token
 * where one is held and offered, else a password mechanism by the usual policy), and the exchange
 * itself over a link the transport provides. Bind 2 and stream management ride inline, so the
 * session is bound — or resumed — when `<success>` arrives, with no stream restart.
 */
import { AuthError } from '../errors.ts';
import { describeAuthFailure } from '../stanza/conditions.ts';
import type { XmlElement } from '../stanza/element.ts';
import {
  buildAuthenticate,
  buildResponse,
  parseSasl2Answer,
  type AuthenticateRequest,
  type Sasl2Offer,
  type Sasl2Success,
} from '../stanza/sasl2.ts';
import { chooseMechanism, type MechanismPolicy } from './choose.ts';
import type { SaslCredentials } from './mechanisms.ts';

/** A FAST token as kept on the device: only usable with its mechanism and before its expiry. */
export interface FastToken {
  mechanism: string;
  token: string;
  /** ISO 8601. */
  expiry: string;
}

/**
 * Where the device keeps its FAST token. `agentId` names this device to the server on every
 * login (XEP-0388 user agent): tokens are bound to it, so it must stay the same.
 */
export interface FastTokenStore {
  readonly agentId: string;
  load(): Promise<FastToken | undefined>;
  /** A new token, or undefined when the server refused the kept one. */
  save(token: FastToken | undefined): Promise<void>;
}

/** The mechanism FAST tokens are requested for: the one a page can use (no channel binding). */
export const FAST_MECHANISM = 'HT-SHA-256-NONE';

export interface Sasl2Plan {
  mechanism: string;
  /** Signing in with this token (its mechanism is `mechanism`). */
  token?: FastToken;
  /** Ask the server for a FAST token with this login. */
  requestToken?: string;
}

/**
 * Chooses how to sign in. A token is used while it is unexpired and its mechanism offered; else a
 * password mechanism, when the credentials hold a secret; a token is asked for when the device keeps
 * tokens and the server issues them. With nothing usable, an AuthError says why in words.
 */
export function planSasl2(
  offer: Sasl2Offer,
  policy: MechanismPolicy & { hasSecret: boolean; keepsTokens: boolean; token?: FastToken; now?: number },
): Sasl2Plan {
  const { token, now = Date.now() } = policy;
  if (!policy.anonymous && token && offer.fast.includes(token.mechanism) && !(Date.parse(token.expiry) <= now)) {
    return { mechanism: token.mechanism, token };
  }
  if (!policy.anonymous && !policy.hasSecret) {
    throw new AuthError(
      'credentials-expired',
      token
        ? 'The saved sign-in for this device has expired or is no longer accepted by the server. Please sign in again with your password.'
        : 'There is no password or saved sign-in for this account on this device. Please sign in again with your password.',
    );
  }
  const mechanism = chooseMechanism(offer.mechanisms, policy);
  const requestToken = !policy.anonymous && policy.keepsTokens && offer.fast.includes(FAST_MECHANISM) ? FAST_MECHANISM : undefined;
  return requestToken ? { mechanism, requestToken } : { mechanism };
}

/** What the exchange needs of a mechanism: byte strings in and out, and a check of the server's final data. */
export interface Sasl2Mechanism {
  name: string;
  clientFirst: boolean;
  response(credentials: SaslCredentials & Record<string, unknown>): string | Promise<string>;
  challenge(data: string): unknown;
  verifySuccess?(data: string): Promise<void>;
}

/** The transport's side: send an element, and wait for the next SASL2 element from the server. */
export interface Sasl2Link {
  send(element: XmlElement): void;
  next(): Promise<XmlElement>;
}

/**
 * Runs the exchange and returns the server's `<success>`, checked (SCRAM's server signature, the
 * token mechanism's proof). A `<failure>` becomes an AuthError in words; so does a further task the
 * server asks for (`<continue>`, e.g. a second factor), which this client does not perform.
 */
export async function authenticateSasl2(
  link: Sasl2Link,
  mechanism: Sasl2Mechanism,
  credentials: SaslCredentials & Record<string, unknown>,
  request: Omit<AuthenticateRequest, 'mechanism' | 'initialResponse'>,
): Promise<Sasl2Success> {
  const initialResponse = mechanism.clientFirst ? await mechanism.response(credentials) : undefined;
  link.send(buildAuthenticate({ ...request, mechanism: mechanism.name, initialResponse }));
  for (;;) {
    const answer = parseSasl2Answer(await link.next());
    if (!answer) continue;
    if (answer.kind === 'challenge') {
      await mechanism.challenge(answer.data);
      link.send(buildResponse(await mechanism.response(credentials)));
    } else if (answer.kind === 'failure') {
      throw new AuthError(answer.condition, await describeAuthFailure(answer.condition), answer.text);
    } else if (answer.kind === 'continue') {
      throw new AuthError(
        'unsupported-task',
        'The server asks for a further sign-in step (such as a second factor) that this chat cannot perform.',
      );
    } else {
      await mechanism.verifySuccess?.(answer.additionalData);
      return answer;
    }
  }
}

/** The token a success issued, as kept: bound to the mechanism it was requested for. */
export function issuedToken(success: Sasl2Success, plan: Sasl2Plan): FastToken | undefined {
  const mechanism = plan.requestToken ?? plan.token?.mechanism;
  return success.token && mechanism ? { mechanism, ...success.token } : undefined;
}

/**
 * A use count that grows with every login without being stored (XEP-0484 asks only that it
 * increase with each use of the token): milliseconds since 2024.
 */
export const fastCount = (now = Date.now()): number => now - Date.UTC(2024, 0, 1);
