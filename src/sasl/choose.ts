import { AuthError } from '../errors.ts';

/** Strongest first. PLAIN sends the password itself, so it needs TLS or explicit permission. */
export const PASSWORD_MECHANISMS: readonly string[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

export interface MechanismPolicy {
  anonymous: boolean;
  /** The connection is encrypted (wss:, https:). */
  secure: boolean;
  /** PLAIN allowed without TLS (loopback test servers). */
  allowPlain: boolean;
  /** Restricts password mechanisms to these (default: all we support). */
  mechanisms?: readonly string[];
}

/** Picks the SASL mechanism to use among those the server offers, or explains why none fits. */
export function chooseMechanism(offered: readonly string[], policy: MechanismPolicy): string {
  if (policy.anonymous) {
    if (offered.includes('ANONYMOUS')) return 'ANONYMOUS';
    throw new AuthError('invalid-mechanism', 'This server does not allow anonymous sign-in.');
  }
  const usable = PASSWORD_MECHANISMS.filter(
    (m) => (m !== 'PLAIN' || policy.secure || policy.allowPlain) && (!policy.mechanisms || policy.mechanisms.includes(m)),
  );
  const mechanism = usable.find((m) => offered.includes(m));
  if (mechanism) return mechanism;
  const reason = offered.includes('PLAIN')
    ? 'The server only accepts passwords in clear text over an unencrypted connection, which is refused.'
    : 'The server offers no sign-in method this client supports.';
  throw new AuthError('mechanism-too-weak', reason);
}
