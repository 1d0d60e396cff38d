import { ConnectionError } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import { loadTransport, transportKindOf, type SessionInfo, type Transport, type TransportListener } from './transport/transport.ts';

/**
 * Finds a working endpoint and opens a session on it. With a service URL that is the one
 * endpoint; otherwise XEP-0156 discovery lists them, WebSocket first, and BOSH is tried when
 * WebSocket cannot connect. Once a transport has worked it is kept, so it can resume its stream.
 */
export class SessionOpener {
  #transport?: Transport;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly listener: TransportListener,
    private readonly load: typeof loadTransport = loadTransport,
  ) {}

  get transport(): Transport | undefined {
    return this.#transport;
  }

  async open(): Promise<SessionInfo> {
    if (this.#transport) return this.#transport.open();
    const services = this.options.service ? [this.options.service] : await this.#discover();
    let lastError: unknown;
    for (const service of services) {
      const kind = transportKindOf(service);
      if (!kind) continue;
      const factory = await this.load(kind);
      const transport = factory({ ...this.options, service }, this.listener);
      try {
        const info = await transport.open();
        this.#transport = transport;
        return info;
      } catch (error) {
        lastError = error;
        // Only an unreachable endpoint is a reason to try the next one; a refused login is not.
        if (!(error instanceof ConnectionError)) throw error;
      }
    }
    throw lastError;
  }

  async #discover(): Promise<string[]> {
    const { domain, discoveryOrigin, timeoutMs } = this.options;
    // Loaded only by pages that give no service URL.
    const { discoverEndpoints } = await import('./discovery.ts');
    const endpoints = await discoverEndpoints(domain, { origin: discoveryOrigin, timeoutMs });
    return [...endpoints.websocket, ...endpoints.bosh];
  }
}
