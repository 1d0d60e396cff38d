/**
 * A site's visitor stays one person: the first time, a random account is registered in-band
 * (XEP-0077) where the server offers it, and its credentials are kept with the visitor's history,
 * so every later visit logs in as the same address. Where registration is not offered, there is
 * no account: the caller logs in anonymously.
 */
import type { RegistrationError } from './registration.ts';
import { createMessageStore, type MessageStoreOptions } from './storage/index.ts';

/** Kept per domain: an account belongs to one server. */
const meta = (domain: string) => `visitor-account:${domain}`;

export interface VisitorAccount { jid: string; password: string }

export interface VisitorAccountOptions {
  /** Whose history this is (the widget's `visitor:<to>`); the credentials are kept with it. */
  owner: string;
  service: string;
  domain: string;
  storage?: MessageStoreOptions;
  timeoutMs?: number;
}

/** The visitor's account: the stored one, or a newly registered one; undefined when none can be had. */
export async function visitorAccount(options: VisitorAccountOptions): Promise<VisitorAccount | undefined> {
  const store = createMessageStore(options.owner, options.storage);
  try {
    const known = await store.getMeta<VisitorAccount | { offered: false }>(meta(options.domain));
    if (known && 'jid' in known) return known;
    if (known?.offered === false) return undefined; // asked before: the server does not offer it
    const username = `visitor-${randomText(12)}`;
    const password = randomText(24);
    try {
      // Only a first visit registers: the code loads then.
      const { registerAccount } = await import('./registration.ts');
      await registerAccount({ service: options.service, domain: options.domain, username, password, timeoutMs: options.timeoutMs });
    } catch (error) {
      // Not offered or refused: anonymous. Unreachable: the login that follows reports it.
      const name = (error as Error).name;
      if (name === 'RegistrationError' && (error as RegistrationError).condition === 'not-offered') {
        await store.setMeta(meta(options.domain), { offered: false });
      }
      if (name === 'RegistrationError' || name === 'ConnectionError') return undefined;
      throw error;
    }
    const account = { jid: `${username}@${options.domain}`, password };
    await store.setMeta(meta(options.domain), account);
    return account;
  } finally {
    store.close();
  }
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

/** Forgets the visitor's account on `domain` (the server no longer knows it); the next visit registers anew. */
export async function forgetVisitorAccount(owner: string, domain: string, storage?: MessageStoreOptions): Promise<void> {
  const store = createMessageStore(owner, storage);
  try {
    await store.setMeta(meta(domain), undefined);
  } finally {
    store.close();
  }
}
