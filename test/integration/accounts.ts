/**
 * Accounts of their own for tests that change what the server keeps for an account (PEP nodes,
 * private storage, rosters): registered in-band (XEP-0077) under a unique name, so tests running
 * at the same time never see each other's state.
 */
import { ALL_SERVERS, freshAccount, type AnyServerName } from './servers.ts';

/** A new account on `server` with the password `accountOptions` uses; returns its local part. */
export async function newAccount(prefix: string, server: AnyServerName): Promise<string> {
  try {
    return await freshAccount(prefix, ALL_SERVERS[server].httpPort);
  } catch {
    // A server briefly restarted by another test refuses the first try; one more is enough.
    await new Promise((r) => setTimeout(r, 1000));
    return freshAccount(prefix, ALL_SERVERS[server].httpPort);
  }
}

/** Several new accounts on `server`, one per prefix, registered one after another. */
export async function newAccounts(server: AnyServerName, ...prefixes: string[]): Promise<string[]> {
  const names: string[] = [];
  for (const prefix of prefixes) names.push(await newAccount(prefix, server));
  return names;
}
