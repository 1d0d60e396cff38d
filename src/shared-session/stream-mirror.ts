/**
 * What a following tab knows of the lead's stream (XEP-0198), kept from what the lead tells the
 * tabs anyway, so that the tab taking over resumes that stream rather than opening a new session:
 * the lead's announcement gives the whole state, each stanza it relays the count of handled ones,
 * and each of ours it queues or the server confirms moves the list of unconfirmed ones. Nothing is
 * written to storage: a lead killed mid-send has told it all before anything of it reached the server.
 */
import type { XmlElement } from '../stanza/element.ts';
import type { StreamState } from '../transport/transport.ts';

export class StreamMirror {
  #state?: { id: string; jid: string; handled: number; confirmed: number; unconfirmed: XmlElement[] };

  /** The lead's stream as it announced it; undefined when it cannot be resumed (or is down). */
  reset(state: StreamState | undefined): void {
    this.#state = state && { ...state, unconfirmed: [...state.unconfirmed] };
  }

  /** The lead took in a stanza; `handled` is its stream's count with it. */
  handled(handled: number | undefined): void {
    if (this.#state && handled !== undefined) this.#state.handled = handled;
  }

  queued(stanza: XmlElement): void {
    this.#state?.unconfirmed.push(stanza);
  }

  /** The server confirmed the oldest of ours it had not (stream management confirms in order). */
  confirmed(): void {
    const state = this.#state;
    if (!state?.unconfirmed.length) return;
    state.unconfirmed.shift();
    state.confirmed += 1;
  }

  /** The state to resume from, given once. */
  take(): StreamState | undefined {
    const state = this.#state;
    this.#state = undefined;
    return state;
  }
}
