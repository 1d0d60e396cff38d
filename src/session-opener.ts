import { ConnectionError, isFatal, StreamError } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import {
  loadTransport,
  transportKindOf,
  type SessionInfo,
  type StreamState,
  type Transport,
  type TransportListener,
} from './transport/transport.ts';

/**
 * Finds a working endpoint and opens a session on it. The service URLs given are tried in order;
 * without them, XEP-0156 discovery lists them, WebSocket first, and BOSH is tried when WebSocket
 * cannot connect. Once a transport has worked it is kept, so it can resume its stream; when it
 * cannot reach its endpoint again, the other endpoints are tried in order after it (a node of a
 * cluster that went down), and what its session never confirmed is handed on to be sent again.
 * Given another tab's stream to resume, the first transport to open tries that.
 */
export class SessionOpener {
  #transport?: Transport;
  /** The endpoints of the last walk, and which of them the kept transport uses. */
  #services: string[] = [];
  #index = 0;
  /** Until a transport has opened: the stream to resume. */
  #resume?: StreamState;

  constructor(
    private readonly options: ResolvedOptions & { resume?: StreamState },
    private readonly listener: TransportListener,
    private readonly load: typeof loadTransport = loadTransport,
  ) {
    this.#resume = options.resume;
  }

  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** The URL of the endpoint in use, if any. */
  get service(): string | undefined {
    return this.#transport ? this.#services[this.#index] : undefined;
  }

  async open(): Promise<SessionInfo> {
    const kept = this.#transport;
    if (!kept) {
      this.#services = this.options.services.length ? this.options.services : await this.#discover();
      return this.#walk(this.#services.map((_, i) => i));
    }
    try {
      return await kept.open();
    } catch (error) {
      if (!movesOn(error) || this.#services.length < 2) throw error;
      // Its endpoint is gone: the others, in order after it. The next attempt starts from the first.
      this.#transport = undefined;
      const left = kept.release?.() ?? [];
      if (left.length) this.listener.unacknowledged?.(left);
      const n = this.#services.length;
      return this.#walk(
        Array.from({ length: n - 1 }, (_, i) => (this.#index + 1 + i) % n),
        error,
      );
    }
  }

  async #walk(order: number[], lastError?: unknown): Promise<SessionInfo> {
    for (const index of order) {
      const service = this.#services[index];
      const kind = transportKindOf(service);
      if (!kind) continue;
      const factory = await this.load(kind);
      const transport = factory({ ...this.options, service, resume: this.#resume }, this.listener);
      try {
        const info = await transport.open();
        this.#resume = undefined;
        this.#transport = transport;
        this.#index = index;
        return info;
      } catch (error) {
        lastError = error;
        // Only an unreachable endpoint is a reason to try the next one; a refused login is not.
        if (!movesOn(error)) throw error;
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

/** An endpoint that cannot be reached, or that is shutting down, leaves the others to try. */
const movesOn = (error: unknown) => error instanceof ConnectionError || (error instanceof StreamError && !isFatal(error));
