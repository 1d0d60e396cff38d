import { serviceList } from '../options.ts';
import { loadTransport, transportKindOf } from './transport.ts';

/**
 * Starts loading the code that connecting to `service` needs, before a client is made: the
 * transport of its first URL (the one tried first) and, with `password` (a sign-in with a
 * password), SCRAM.
 * Connecting then finds them loaded, instead of loading them one after another while the rest
 * of the chat loads too. Nothing connects. Without a URL (XEP-0156 discovery) there is nothing
 * to guess. A failed load is tried again, and reported, by the connection that needs it.
 */
export function preloadTransport(service: string | readonly string[] | undefined, password = false): Promise<unknown> {
  const kind = transportKindOf(serviceList(service)[0] ?? '');
  // Over BOSH, strophe's own small part of SCRAM (bosh-scram.ts) follows the transport.
  const loads: Promise<unknown>[] = kind ? [loadTransport(kind)] : [];
  if (kind && password) loads.push(import('../sasl/scram.ts'));
  return Promise.all(loads);
}
