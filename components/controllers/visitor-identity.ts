/**
 * Who a site's visitor is: an account registered once where the server offers in-band
 * registration (kept with the visitor's history on this device), or a new anonymous one each
 * time. The history belongs to the visitor either way: it is kept under `visitor:<to>`.
 */
import { forgetVisitorAccount, serviceList, visitorAccount } from '../../src/index.ts';
import type { ChatSession, SessionConfig } from './chat-session.ts';

export const visitorHistoryOwner = (to: string | undefined) => `visitor:${to ?? ''}`;

/** The session options for the visitor; lookup and registration failures go to `report`. */
export async function visitorSessionOptions(base: SessionConfig, report: (error: Error) => void): Promise<SessionConfig> {
  const historyOwner = visitorHistoryOwner(base.to);
  // The account is registered through the first of the services; the cluster behind them shares it.
  const [service] = serviceList(base.service);
  const account =
    service && base.domain
      ? await visitorAccount({ owner: historyOwner, service, domain: base.domain }).catch((error: Error) => {
          report(error);
          return undefined;
        })
      : undefined;
  return { ...base, historyOwner, ...(account ?? { anonymous: true }) };
}

/**
 * When the server refuses the stored account (its data was reset), forgets it and calls `renew`
 * (which registers a new one). Returns the function that stops watching.
 */
export function renewRefusedAccount(session: ChatSession, options: SessionConfig, renew: () => void): () => void {
  if (options.anonymous || !options.historyOwner || !options.domain) return () => undefined;
  const off = session.on('error', (error) => {
    // Refused, or its saved sign-in token refused (then forgotten with it): a new account, once.
    if (error.code !== 'not-authorized' && error.code !== 'credentials-expired') return;
    off();
    // Only the refused account: a tab that saw the refusal first may have registered the next one.
    forgetVisitorAccount(options.historyOwner!, options.domain!, undefined, options.jid).then(renew, (failure: Error) =>
      session.fail(failure),
    );
  });
  return off;
}
