/**
 * Full mode's "Stay signed in": the login form's choice turned into session options that keep a
 * FAST token (or, where the server issues none, SCRAM keys) and never the password; the next page
 * signs in from what was kept; a kept sign-in the server refuses is forgotten and the form comes back.
 */
import { forgetSavedLogin, keepLoginWithoutToken, loadSavedLogin, savedLoginTokens, serviceList } from '../../src/index.ts';
import type { ChatSession, SessionConfig } from './chat-session.ts';

/** Where a kept sign-in is filed: the service URL, else the domain (the widget then discovers the service). */
export function savedLoginKey(config: { service?: string | readonly string[]; domain?: string }, jid?: string): string | undefined {
  return serviceList(config.service).join(' ') || config.domain || jid?.split('@')[1]?.split('/')[0] || undefined;
}

/** Options for a password login to be kept: the token store comes with it, for a token issued with the login. */
export async function rememberedLogin(key: string, credentials: { jid: string; password: string }): Promise<Partial<SessionConfig>> {
  await forgetSavedLogin(key); // another account's kept sign-in gives way
  return { jid: credentials.jid, password: credentials.password, fast: await savedLoginTokens(key, credentials.jid) };
}

/** After the first connection of a login to be kept: SCRAM keys in place of a token the server did not issue. */
export function keepWhenConnected(session: ChatSession, key: string, config: SessionConfig, report: (error: Error) => void): void {
  const { jid, password, fast } = config;
  if (!jid || !password || !fast) return;
  const off = session.on('connected', () => {
    off();
    // Keys are derived on the configured service; a discovered one keeps only a token.
    const [service] = serviceList(config.service);
    if (!service) return;
    const endpoint = { service, domain: config.domain ?? jid.split('@')[1] };
    keepLoginWithoutToken({ jid, password, agentId: fast.agentId }, endpoint).catch(report);
  });
}

/** Options from the kept sign-in, if there is one. */
export async function savedLoginOptions(key: string): Promise<Partial<SessionConfig> | undefined> {
  const saved = await loadSavedLogin(key);
  if (!saved) return undefined;
  return { jid: saved.jid, scramKeys: saved.scramKeys, fast: await savedLoginTokens(key, saved.jid, saved.agentId) };
}

/** A kept sign-in the server refuses is forgotten, and `refused` shows the form with the reason. */
export function forgetWhenRefused(session: ChatSession, key: string, refused: (error: Error) => void): () => void {
  const off = session.on('error', (error) => {
    if (error.code !== 'not-authorized' && error.code !== 'credentials-expired') return;
    off();
    const told = new Error(error.message);
    forgetSavedLogin(key).then(
      () => refused(told),
      () => refused(told),
    );
  });
  return off;
}

/** Forgets the kept sign-in (log-out). */
export const forgetSaved = (key: string): Promise<void> => forgetSavedLogin(key);
