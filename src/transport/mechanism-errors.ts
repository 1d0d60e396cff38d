import { AuthError } from '../errors.ts';

/**
 * What an error of our SCRAM or token mechanism means for the person signing in; undefined for any
 * other error. By name: their modules load only for logins that use them.
 */
export function mechanismError(error: unknown): AuthError | undefined {
  const e = error as { name?: string; condition?: string; message?: string } | undefined;
  // Keys made for other salts cannot log in: as for a refused password, the account is not usable.
  if (e?.name === 'ScramError' && e.condition === 'stale-keys') return new AuthError('not-authorized', e.message ?? '');
  if (e?.name === 'HashedTokenError' && e.condition === 'missing-token') return new AuthError('credentials-expired', e.message ?? '');
  if (e?.name === 'ScramError' || e?.name === 'HashedTokenError')
    return new AuthError(
      'server-not-verified',
      `The server could not prove it knows the password (${e.condition}), so the login was stopped.`,
    );
  return undefined;
}
