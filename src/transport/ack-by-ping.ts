/**
 * Acknowledgements on a stream without stream management (XEP-0198): a server handles a
 * client's stanzas in order, so any answer to a ping (XEP-0199) sent after some messages proves
 * it has taken those in. Handing a message to the socket proves nothing; this does.
 */
import { xml, type XmlElement } from '../stanza/element.ts';
import { newStanzaId } from '../stanza/message.ts';

/** Messages sent in one task share one ping, sent right after it. */
const DEBOUNCE_MS = 0;

export interface PingAcks {
  /** Call after handing `stanza` to the socket. */
  sent(stanza: XmlElement): void;
  /** True when `stanza` answered one of our pings (and was consumed). */
  receive(stanza: XmlElement): boolean;
  /** The stream is gone: nothing sent on it will be acknowledged any more. */
  reset(): void;
}

export interface PingAcksDeps {
  /** Our server, which the pings go to. */
  domain: string;
  /** Sends a ping on the stream. */
  send: (iq: XmlElement) => void;
  /** The server has taken in this stanza of ours. */
  acknowledged: (stanza: XmlElement) => void;
}

export function createPingAcks({ domain, send, acknowledged }: PingAcksDeps): PingAcks {
  let unconfirmed: XmlElement[] = [];
  const inFlight = new Map<string, XmlElement[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function ping(): void {
    timer = undefined;
    if (unconfirmed.length === 0) return;
    const id = `ack-${newStanzaId()}`;
    inFlight.set(id, unconfirmed);
    unconfirmed = [];
    send(xml('iq', { type: 'get', id, to: domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
  }

  return {
    sent(stanza) {
      if (stanza.name !== 'message' && stanza.name !== 'presence') return;
      unconfirmed.push(stanza);
      timer ??= setTimeout(ping, DEBOUNCE_MS);
    },
    receive(stanza) {
      const { id, type } = stanza.attrs;
      if (stanza.name !== 'iq' || (type !== 'result' && type !== 'error') || !id) return false;
      const confirmed = inFlight.get(id);
      if (!confirmed) return false;
      inFlight.delete(id);
      // An error answer (a server without XEP-0199) still comes after the messages were handled.
      for (const s of confirmed) acknowledged(s);
      return true;
    },
    reset() {
      clearTimeout(timer);
      timer = undefined;
      unconfirmed = [];
      inFlight.clear();
    },
  };
}
