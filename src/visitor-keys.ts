/**
 * What is kept of a visitor's account on the device: SCRAM keys derived from its random password
 * (salt, iteration count, ClientKey and ServerKey per mechanism, RFC 5802 §3), never the password,
 * wherever the server allows. Two kinds of server do not: one offering no SCRAM (PLAIN only), and one
 * that salts every login anew because it keeps passwords in clear (ejabberd's default). For those the
 * password is kept, marked `keyless`, as there is no other way to log in again.
 */
import { ConnectionError } from './errors.ts';
import type { PreLoginEndpoint } from './prelogin-stream.ts';
import { SCRAM_HASHES, scramSalts, type ScramSalts } from './sasl/salts.ts';
import { deriveScramKeys, type ScramKeyring, type ScramMechanismName } from './sasl/scram.ts';

/** As stored: keys, or (only where keys cannot log in) the password. */
export type StoredVisitorAccount =
  { jid: string; scramKeys: ScramKeyring; password?: undefined } | { jid: string; password: string; keyless?: true };

/**
 * The account as it is to be stored: keys in place of the password when the server's salts allow.
 * An unreachable server leaves the password, not marked keyless, to be replaced on the next use.
 */
export async function keepableAccount(
  account: { jid: string; password: string },
  endpoint: PreLoginEndpoint,
  salts = scramSalts,
): Promise<StoredVisitorAccount> {
  let found: ScramSalts;
  try {
    found = await salts(endpoint, account.jid.slice(0, account.jid.indexOf('@')));
  } catch (error) {
    if (error instanceof ConnectionError) return { jid: account.jid, password: account.password };
    throw error;
  }
  const entries = await Promise.all(
    Object.entries(found).map(
      async ([mechanism, { salt, iterations }]) =>
        [mechanism, await deriveScramKeys(SCRAM_HASHES[mechanism as ScramMechanismName], account.password, salt, iterations)] as const,
    ),
  );
  if (entries.length === 0) return { jid: account.jid, password: account.password, keyless: true };
  return { jid: account.jid, scramKeys: Object.fromEntries(entries) };
}
