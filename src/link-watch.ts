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
  /** Wakes when the link may have been quiet for a whole interval; one at a time. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the server was last heard (performance.now()). */
  #heardAt = 0;
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
    this.#timer = undefined;
    clearTimeout(this.#deadline);
  }

  /**
   * Any traffic from the server proves the link is alive. Called for every stanza (a room's
   * presence flood brings thousands at once): it notes the time, and the one timer, on waking,
   * sleeps again for what is left of the interval rather than being replaced each time.
   */
  heard(): void {
    if (!this.#running) return;
    this.#heardAt = performance.now();
    this.#timer ??= setTimeout(this.#wake, this.options.pingIntervalMs);
  }

  #wake = (): void => {
    this.#timer = undefined;
    if (!this.#running) return;
    const quietFor = performance.now() - this.#heardAt;
    if (quietFor < this.options.pingIntervalMs) this.#timer = setTimeout(this.#wake, this.options.pingIntervalMs - quietFor);
    else this.#ping();
  };

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
