import { ConnectionError, StanzaError } from './errors.ts';
import { describeStanzaError, parseStanzaError } from './stanza/conditions.ts';
import { childrenOf, xml, type XmlElement } from './stanza/element.ts';
import { newStanzaId } from './stanza/message.ts';

/**
 * Answers one iq request with the payload of its result (or none). A handler that refuses the
 * request throws a StanzaError: its condition and type go back to the sender as the iq error.
 */
export type IqHandler = (request: XmlElement, payload: XmlElement) => XmlElement | undefined | Promise<XmlElement | undefined>;

/**
 * The answer to a push (roster, block list) from anyone but our own account: it is not processed,
 * and refused as if nothing here handled it (RFC 6121 §2.1.6), which tells a forger nothing.
 */
export function forgedPushError(): StanzaError {
  return new StanzaError('service-unavailable', 'Only your own account may change this list.', 'cancel');
}

interface Pending {
  resolve(el: XmlElement): void;
  reject(e: Error): void;
  /** Absent while the link it was sent on is down: silence then says nothing about the server. */
  timer?: ReturnType<typeof setTimeout>;
  /** The link it was sent on (see `linkLost`). */
  link: number;
}

/**
 * Matches iq responses to requests, and answers requests from the server (RFC 6120 §8.2.3).
 * A request belongs to the session it was sent in: when the link drops it waits, and only a
 * resumed session can still answer it; a new session never will, so it is rejected then, before
 * anything of the new session runs.
 */
export class IqRouter {
  readonly #pending = new Map<string, Pending>();
  readonly #handlers = new Map<string, IqHandler>();
  /** Counts lost links; requests sent before the last loss wait for the session's fate. */
  #link = 0;
  /** Counts new (not resumed) sessions; an answer computed for an older one is not sent. */
  #session = 0;

  constructor(
    private readonly send: (stanza: XmlElement) => void,
    private readonly timeoutMs: number,
    private readonly onHandlerError: (error: unknown) => void,
  ) {}

  /** Sends an iq get/set and resolves with the result, or rejects with a StanzaError. */
  request(iq: XmlElement): Promise<XmlElement> {
    const id = iq.attrs.id ?? newStanzaId();
    const stanza = iq.attrs.id ? iq : { ...iq, attrs: { ...iq.attrs, id } };
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, link: this.#link };
      this.#pending.set(id, pending);
      this.#startTimer(id, pending);
      this.send(stanza);
    });
  }

  /** The link dropped: requests sent on it neither time out nor fail until we know whether the session resumes. */
  linkLost(): void {
    this.#link += 1;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.timer = undefined;
    }
  }

  /**
   * A session is up. Resumed (XEP-0198), the server answers what it still owes, and the waiting
   * requests get a new deadline; new, requests sent on an earlier link are rejected now.
   */
  sessionOpened(resumed: boolean): void {
    if (!resumed) this.#session += 1;
    for (const [id, pending] of this.#pending) {
      if (pending.link === this.#link) continue;
      if (resumed) {
        pending.link = this.#link;
        this.#startTimer(id, pending);
      } else {
        this.#pending.delete(id);
        pending.reject(new ConnectionError('closed', 'The connection was lost before the chat server answered.'));
      }
    }
  }

  #startTimer(id: string, pending: Pending): void {
    pending.timer = setTimeout(() => {
      this.#pending.delete(id);
      pending.reject(new ConnectionError('timeout', 'The chat server did not answer in time.'));
    }, this.timeoutMs);
  }

  /** Registers the answer to requests whose payload is `name` in namespace `xmlns`. */
  handle(name: string, xmlns: string, handler: IqHandler): void {
    this.#handlers.set(`${xmlns} ${name}`, handler);
  }

  /** Returns true when the stanza was an iq this router consumed. */
  receive(stanza: XmlElement): boolean {
    if (stanza.name !== 'iq') return false;
    const { type, id } = stanza.attrs;
    if (type === 'result' || type === 'error') {
      const pending = id ? this.#pending.get(id) : undefined;
      if (!pending || !id) return false;
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      if (type === 'result') pending.resolve(stanza);
      else {
        const error = parseStanzaError(stanza);
        const condition = error?.condition ?? 'undefined-condition';
        void describeStanzaError(condition).then((sentence) =>
          pending.reject(new StanzaError(condition, sentence, error?.type, error?.text)),
        );
      }
      return true;
    }
    if (type === 'get' || type === 'set') {
      this.#answer(stanza).catch((error: unknown) => this.onHandlerError(error));
      return true;
    }
    return false;
  }

  /** Fails every request still waiting, e.g. when the session is gone for good. */
  rejectAll(error: Error): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }

  async #answer(request: XmlElement): Promise<void> {
    const payloads = childrenOf(request);
    const payload = payloads[0];
    const session = this.#session;
    // The server that asked is gone with its session: a new one does not know the request.
    const reply = (type: string, ...children: XmlElement[]) => {
      if (session === this.#session) this.send(xml('iq', { type, id: request.attrs.id, to: request.attrs.from }, ...children));
    };
    const error = (type: string, condition: string) =>
      reply('error', xml('error', { type }, xml(condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })));
    if (payloads.length !== 1 || !payload) return error('modify', 'bad-request');
    const handler = this.#handlers.get(`${payload.attrs.xmlns} ${payload.name}`);
    if (!handler) return error('cancel', 'service-unavailable');
    try {
      const result = await handler(request, payload);
      reply('result', ...(result ? [result] : []));
    } catch (cause) {
      if (cause instanceof StanzaError) return error(cause.type ?? 'cancel', cause.condition);
      this.onHandlerError(cause);
      error('cancel', 'internal-server-error');
    }
  }
}
