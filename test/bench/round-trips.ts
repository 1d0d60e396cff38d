/**
 * Counts, in the page, the round trips a sign-in takes before the session is usable.
 *
 * A round trip is the client saying something and then hearing from the server: counted each time
 * the server delivers something after the client has said something since the last count. Saying:
 * opening a WebSocket, a WebSocket frame, a BOSH request that carries elements or creates or restarts
 * the session (empty BOSH polls say nothing). Hearing: the WebSocket opening, a frame, a BOSH
 * response with elements in it. Pipelined frames thus count once, and what the client sends without
 * waiting for an answer before the session is usable (such as the end of the login) counts not at all.
 * `sent` is every frame, or every HTTP request (empty polls included), for comparison.
 */
export interface Traffic {
  roundTrips: number;
  sent: number;
}

/** Starts counting the page's WebSocket and XMLHttpRequest traffic; `stop()` ends it and says what it saw. */
export function countRoundTrips(): { stop(): Traffic } {
  const traffic: Traffic = { roundTrips: 0, sent: 0 };
  let said = false;
  let counting = true;
  const say = (content: boolean) => {
    if (!counting) return;
    traffic.sent++;
    if (content) said = true;
  };
  const hear = (content: boolean) => {
    if (!counting || !content || !said) return;
    traffic.roundTrips++;
    said = false;
  };

  const NativeWebSocket = globalThis.WebSocket;
  class CountedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (counting) said = true; // the opening handshake is the first round trip
      this.addEventListener('open', () => hear(true));
      this.addEventListener('message', () => hear(true));
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      say(true);
      super.send(data);
    }
  }
  globalThis.WebSocket = CountedWebSocket;

  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    say(typeof body === 'string' && boshSays(body));
    // Heard before strophe.js's own handler runs, which may send the next request at once.
    const handler = this.onreadystatechange;
    this.onreadystatechange = function (this: XMLHttpRequest, event: Event) {
      if (this.readyState === XMLHttpRequest.DONE) hear(boshSays(this.responseText));
      handler?.call(this, event);
    };
    xhrSend.call(this, body);
  };

  return {
    stop() {
      counting = false;
      globalThis.WebSocket = NativeWebSocket;
      XMLHttpRequest.prototype.send = xhrSend;
      return { ...traffic };
    },
  };
}

/** A BOSH body with elements in it, or one that creates (no sid) or restarts the session. */
function boshSays(body: string): boolean {
  const open = /<body\b[^>]*>/.exec(body)?.[0];
  if (!open) return false;
  if (!/\bsid=/.test(open) || /xmpp:restart=["']true/.test(open)) return true;
  return !open.endsWith('/>') && /<body\b[^>]*>\s*<[^/]/.test(body);
}
