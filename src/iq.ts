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

/** Matches iq responses to requests, and answers requests from the server (RFC 6120 §8.2.3). */
export class IqRouter {
  readonly #pending = new Map<string, { resolve(el: XmlElement): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }>();
  readonly #handlers = new Map<string, IqHandler>();

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
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ConnectionError('timeout', 'The chat server did not answer in time.'));
      }, this.timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.send(stanza);
    });
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
        pending.reject(new StanzaError(condition, describeStanzaError(condition), error?.type, error?.text));
      }
      return true;
    }
    if (type === 'get' || type === 'set') {
      void this.#answer(stanza);
      return true;
    }
    return false;
  }

  /** Fails every request still waiting, e.g. when the session is gone for good. */
  rejectAll(error: Error): void {
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.#pending.clear();
  }

  async #answer(request: XmlElement): Promise<void> {
    const payloads = childrenOf(request);
    const payload = payloads[0];
    const reply = (type: string, ...children: XmlElement[]) =>
      this.send(xml('iq', { type, id: request.attrs.id, to: request.attrs.from }, ...children));
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
