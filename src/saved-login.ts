/**
 * "Stay signed in" for an agent (or any account signed in with a password): what the device keeps
 * so that the next page signs in by itself — never the password. Where the server issues FAST
 * tokens (XEP-0484), the token; else SCRAM keys derived from the password (visitor-keys.ts), where
 * the server's salts allow. Kept in IndexedDB per service, with the id the tokens are bound to.
 */
import type { PreLoginEndpoint } from './prelogin-stream.ts';
import type { FastToken, FastTokenStore } from './sasl/sasl2.ts';
import type { ScramKeyring } from './sasl/scram.ts';
import { createMessageStore, type MessageStoreOptions } from './storage/index.ts';

/** As kept: the account, this device's id, and a token or keys (a record with neither is not kept). */
export interface SavedLogin {
  jid: string;
  agentId: string;
  token?: FastToken;
  scramKeys?: ScramKeyring;
}

const owner = (service: string) => `saved-login:${service}`;
const KEY = 'login';

async function withStore<T>(
  service: string,
  storage: MessageStoreOptions | undefined,
  task: (store: ReturnType<typeof createMessageStore>) => Promise<T>,
) {
  const store = createMessageStore(owner(service), storage);
  try {
    return await task(store);
  } finally {
    store.close();
  }
}

/** The sign-in kept for `service`, if any. */
export function loadSavedLogin(service: string, storage?: MessageStoreOptions): Promise<SavedLogin | undefined> {
  return withStore(service, storage, async (store) => {
    const saved = await store.getMeta<SavedLogin>(KEY);
    return saved && (saved.token || saved.scramKeys) ? saved : undefined;
  });
}

/** Forgets the kept sign-in (log-out, or the server refused it). */
export function forgetSavedLogin(service: string, storage?: MessageStoreOptions): Promise<void> {
  return withStore(service, storage, (store) => store.setMeta(KEY, undefined));
}

/**
 * The token store for a login that is to be kept: a token the server issues is saved in place of
 * anything else, a refused one takes the whole saved login with it. `agentId` is the kept one, or new.
 */
export function savedLoginTokens(
  service: string,
  jid: string,
  agentId: string = crypto.randomUUID(),
  storage?: MessageStoreOptions,
): FastTokenStore {
  return {
    agentId,
    load: () => withStore(service, storage, async (store) => (await store.getMeta<SavedLogin>(KEY))?.token),
    save: (token) =>
      withStore(service, storage, (store) => store.setMeta(KEY, token ? ({ jid, agentId, token } satisfies SavedLogin) : undefined)),
  };
}

/**
 * After a password login that is to be kept: where no token was issued, keys in its place, if the
 * server's salts allow (a server keeping passwords in clear does not: then nothing is kept).
 * Returns whether a sign-in is now kept.
 */
export async function keepLoginWithoutToken(
  account: { jid: string; password: string; agentId: string },
  endpoint: PreLoginEndpoint,
  storage?: MessageStoreOptions,
): Promise<boolean> {
  if (await loadSavedLogin(endpoint.service, storage)) return true; // a token came with the login
  const { keepableAccount } = await import('./visitor-keys.ts');
  const kept = await keepableAccount(account, endpoint);
  if (!('scramKeys' in kept) || !kept.scramKeys) return false;
  await withStore(endpoint.service, storage, (store) =>
    store.setMeta(KEY, { jid: account.jid, agentId: account.agentId, scramKeys: kept.scramKeys } satisfies SavedLogin),
  );
  return true;
}
