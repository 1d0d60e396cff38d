/**
 * A site's visitor stays one person: the first time, a random account is registered in-band
 * (XEP-0077) where the server offers it, and SCRAM keys derived from its password are kept with the
 * visitor's history (visitor-keys.ts), so every later visit logs in as the same address. Where
 * registration is not offered, there is no account: the caller logs in anonymously.
 */
import type { RegistrationError } from './registration.ts';
import type { PreLoginStream } from './prelogin-stream.ts';
import type { ScramSalts } from './sasl/salts.ts';
import type { FastToken, FastTokenStore } from './sasl/sasl2.ts';
import type { ScramKeyring } from './sasl/scram.ts';
import { createMessageStore, type MessageStore, type MessageStoreOptions } from './storage/index.ts';
import type { StoredVisitorAccount } from './visitor-keys.ts';

/** Kept per domain: an account belongs to one server. */
const meta = (domain: string) => `visitor-account:${domain}`;
/** Held while one tab reads, registers or forgets the account. */
const lockName = (owner: string, domain: string) => `xmpp-chat ${meta(domain)} ${owner}`;

/**
 * What to log in with: keys, or the password only where the server leaves no other way; and where
 * the server issues FAST tokens (XEP-0484), the token, which then replaces them on the device.
 */
export interface VisitorAccount {
  jid: string;
  password?: string;
  scramKeys?: ScramKeyring;
  fast: FastTokenStore;
}

/** The stored record with this device's id (which FAST tokens are bound to) and its token. */
type KeptRecord = StoredVisitorAccount & { agentId?: string };
type TokenRecord = { jid: string; agentId?: string; token: FastToken };

export interface VisitorAccountOptions {
  /** Whose history this is (the widget's `visitor:<to>`); the credentials are kept with it. */
  owner: string;
  service: string;
  domain: string;
  storage?: MessageStoreOptions;
  timeoutMs?: number;
}

/**
 * The visitor's account: the stored one, or a newly registered one; undefined when none can be had.
 * Tabs that open the chat at the same moment take turns, so the second finds the first one's account
 * instead of registering another.
 */
export function visitorAccount(options: VisitorAccountOptions): Promise<VisitorAccount | undefined> {
  return exclusively(lockName(options.owner, options.domain), () => readOrRegister(options));
}

async function readOrRegister(options: VisitorAccountOptions): Promise<VisitorAccount | undefined> {
  const store = createMessageStore(options.owner, options.storage);
  try {
    const known = await store.getMeta<KeptRecord | TokenRecord | { offered: false }>(meta(options.domain));
    if (known && 'token' in known) return withTokens({ jid: known.jid }, options, known.agentId ?? crypto.randomUUID());
    if (known && 'jid' in known) return await keep(store, options, known);
    if (known && 'offered' in known) return undefined; // asked before: the server does not offer it
    const username = `visitor-${randomText(12)}`;
    const password = randomText(24);
    let salts: ScramSalts | undefined;
    try {
      // Only a first visit registers: the code loads then.
      const [{ registerAccount }, { scramSaltsOn }] = await Promise.all([import('./registration.ts'), import('./sasl/salts.ts')]);
      // The salts are read on the registering stream; if that fails, on a stream of their own.
      const readSalts = (stream: PreLoginStream) =>
        scramSaltsOn(stream, username).then(
          (found) => {
            salts = found;
          },
          () => undefined,
        );
      await registerAccount(
        { service: options.service, domain: options.domain, username, password, timeoutMs: options.timeoutMs },
        readSalts,
      );
    } catch (error) {
      // Not offered or refused: anonymous. Unreachable: the login that follows reports it.
      const name = (error as Error).name;
      if (name === 'RegistrationError' && (error as RegistrationError).condition === 'not-offered') {
        await store.setMeta(meta(options.domain), { offered: false });
      }
      if (name === 'RegistrationError' || name === 'ConnectionError') return undefined;
      throw error;
    }
    return await keep(store, options, { jid: `${username}@${options.domain}`, password }, salts);
  } finally {
    store.close();
  }
}

/** Stores keys in place of a password that is to be replaced (a new account's, or one kept before keys). */
async function keep(store: MessageStore, options: VisitorAccountOptions, account: KeptRecord, salts?: ScramSalts): Promise<VisitorAccount> {
  let kept: KeptRecord = account;
  if (account.password !== undefined && !('keyless' in account && account.keyless)) {
    const { keepableAccount } = await import('./visitor-keys.ts'); // a first visit's code, as registration
    kept = await keepableAccount(account, options, salts && (() => Promise.resolve(salts)));
    await store.setMeta(meta(options.domain), kept); // the whole record: a password it held is gone
  }
  const secret = kept.password === undefined ? { scramKeys: kept.scramKeys } : { password: kept.password };
  return withTokens({ jid: kept.jid, ...secret }, options, kept.agentId ?? crypto.randomUUID());
}

/**
 * The account with its FAST token store. A token the server issues replaces the keys or password
 * on the device; a token it refuses takes the account with it (the next visit registers anew).
 */
function withTokens(account: Omit<VisitorAccount, 'fast'>, options: VisitorAccountOptions, agentId: string): VisitorAccount {
  const key = meta(options.domain);
  const update = (change: (store: MessageStore) => Promise<void>) =>
    exclusively(lockName(options.owner, options.domain), async () => {
      const store = createMessageStore(options.owner, options.storage);
      try {
        const known = await store.getMeta<{ jid?: string }>(key);
        if (known?.jid === account.jid) await change(store); // not an account another tab has put in its place
      } finally {
        store.close();
      }
    });
  return {
    ...account,
    fast: {
      agentId,
      // Read at each login: another tab may have been given a newer token.
      load: async () => {
        const store = createMessageStore(options.owner, options.storage);
        try {
          const known = await store.getMeta<{ jid?: string; token?: FastToken }>(key);
          return known?.jid === account.jid ? known.token : undefined;
        } finally {
          store.close();
        }
      },
      save: async (issued) => {
        await update((store) => store.setMeta(key, issued ? { jid: account.jid, agentId, token: issued } : undefined));
      },
    },
  };
}

/** Turns within this page, where the browser has no Web Locks (older browsers, insecure contexts). */
const turns = new Map<string, Promise<unknown>>();

/** Runs `task` holding the lock `name`: across tabs with Web Locks, else within this page. */
async function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return await locks.request(name, task);
  const run = (turns.get(name) ?? Promise.resolve()).then(task);
  const done = run.then(
    () => undefined,
    () => undefined,
  );
  turns.set(name, done);
  void done.then(() => {
    if (turns.get(name) === done) turns.delete(name);
  });
  return await run;
}

function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Deletes everything kept for this visitor on this device: history, archive position, account. */
export async function forgetVisitor(owner: string, storage?: MessageStoreOptions): Promise<void> {
  const store = createMessageStore(owner, storage);
  try {
    await store.clear();
  } finally {
    store.close();
  }
}

/**
 * Forgets the visitor's account on `domain` (the server no longer knows it); the next visit registers
 * anew. With `refused`, only while that is still the stored account: another tab may have replaced it.
 */
export function forgetVisitorAccount(owner: string, domain: string, storage?: MessageStoreOptions, refused?: string): Promise<void> {
  return exclusively(lockName(owner, domain), async () => {
    const store = createMessageStore(owner, storage);
    try {
      const known = await store.getMeta<VisitorAccount | { offered: false }>(meta(domain));
      if (refused !== undefined && !(known && 'jid' in known && known.jid === refused)) return;
      await store.setMeta(meta(domain), undefined);
    } finally {
      store.close();
    }
  });
}
