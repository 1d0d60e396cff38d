import { xml, type XmlElement } from './stanza/element.ts';

interface LinkWatchOptions {
  domain: string;
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

/**
 * Detects dead links (XEP-0199): after a quiet interval it pings the server, and if no answer
 * comes in time it drops the transport, which then reconnects (and resumes when it can).
 */
export class LinkWatch {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The unanswered ping's deadline: cleared on stop, or it would cut the next session's link. */
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(
    private readonly options: LinkWatchOptions,
    private readonly request: (iq: XmlElement) => Promise<XmlElement>,
    private readonly dropLink: () => void,
  ) {}

  start(): void {
    this.#running = true;
    this.heard();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    clearTimeout(this.#deadline);
  }

  /** Any traffic from the server proves the link is alive. */
  heard(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#ping(), this.options.pingIntervalMs);
  }

  #ping(): void {
    const ping = xml('iq', { type: 'get', to: this.options.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    const deadline = (this.#deadline = setTimeout(() => {
      if (this.#running) this.dropLink();
    }, this.options.pingTimeoutMs));
    this.request(ping).then(
      () => clearTimeout(deadline),
      // An error reply still proves the server is there; only silence means a dead link.
      (error: unknown) => {
        if (!(error instanceof Error && error.name === 'ConnectionError')) clearTimeout(deadline);
      },
    );
  }
}
