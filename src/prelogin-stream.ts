/**
 * A short stream of its own before any login, over the endpoint the client will use — RFC 7395
 * framing over a WebSocket, or a BOSH session (XEP-0206): it reads the server's stream features
 * and exchanges a few top-level elements (a registration request, the start of a SASL exchange).
 */
import { ConnectionError } from './errors.ts';
import { parseXml } from './stanza/dom.ts';
import { childrenOf, toXmlString, type XmlElement } from './stanza/element.ts';

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_BOSH = 'http://jabber.org/protocol/httpbind';

export interface PreLoginEndpoint {
  /** ws(s):// or http(s):// endpoint. */
  service: string;
  domain: string;
  timeoutMs?: number;
}

export interface PreLoginStream {
  /** The features the server offered before login. */
  readonly features: XmlElement | undefined;
  /** Sends `element` and resolves with the first top-level element `isAnswer` accepts. */
  request(element: XmlElement, isAnswer: (el: XmlElement) => boolean): Promise<XmlElement>;
  /** Ends the stream; a courtesy, as the server drops an idle one soon anyway. */
  close(): void;
}

/** Opens a stream on `service`; rejects with a ConnectionError. */
export function openPreLoginStream(endpoint: PreLoginEndpoint): Promise<PreLoginStream> {
  return /^wss?:/i.test(endpoint.service) ? overWebSocket(endpoint) : overBosh(endpoint);
}

const escapeAttr = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isFeatures = (el: XmlElement) => el.name.endsWith('features');

function overWebSocket({ service, domain, timeoutMs = 20_000 }: PreLoginEndpoint): Promise<PreLoginStream> {
  const socket = new WebSocket(service, 'xmpp');
  /** Whoever waits for the next frame; frames nobody waits for are dropped. */
  let waiter: { accept(el: XmlElement): boolean; fail(error: Error): void } | undefined;
  const wait = (accept: (el: XmlElement) => boolean) =>
    new Promise<XmlElement>((resolve, reject) => {
      const timer = setTimeout(() => fail(new ConnectionError('timeout', `${service} did not answer in time.`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        waiter = undefined;
        reject(error);
      };
      waiter = {
        accept(el) {
          if (!accept(el)) return false;
          clearTimeout(timer);
          waiter = undefined;
          resolve(el);
          return true;
        },
        fail,
      };
    });
  socket.onopen = () => socket.send(`<open xmlns="${NS_FRAMING}" to="${escapeAttr(domain)}" version="1.0"/>`);
  socket.onerror = () => waiter?.fail(new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`));
  socket.onmessage = ({ data }) => {
    const frame = parseXml(String(data));
    if (waiter?.accept(frame)) return;
    if (frame.name === 'close' || frame.name.endsWith('error')) {
      waiter?.fail(new ConnectionError('closed', `${service} closed the stream.`));
    }
  };
  const close = () => {
    if (socket.readyState === WebSocket.OPEN) socket.send(`<close xmlns="${NS_FRAMING}"/>`);
    socket.close();
  };
  return wait(isFeatures).then(
    (features) => ({
      features,
      request(element, isAnswer) {
        const answer = wait(isAnswer);
        socket.send(toXmlString(element));
        return answer;
      },
      close,
    }),
    (error: unknown) => {
      close();
      throw error;
    },
  );
}

async function overBosh({ service, domain, timeoutMs = 20_000 }: PreLoginEndpoint): Promise<PreLoginStream> {
  let rid = Math.floor(Math.random() * 2 ** 40);
  const post = async (body: string): Promise<XmlElement> => {
    const response = await fetch(service, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((cause: unknown) => {
      throw new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`, { cause });
    });
    if (!response.ok) throw new ConnectionError('unreachable', `${service} answered ${response.status}.`);
    return parseXml(await response.text());
  };
  const first = await post(
    `<body xmlns="${NS_BOSH}" xmlns:xmpp="urn:xmpp:xbosh" rid="${rid++}" to="${escapeAttr(domain)}" ` +
      `content="text/xml; charset=utf-8" hold="1" wait="10" ver="1.6" xml:lang="en" xmpp:version="1.0"/>`,
  );
  const sid = first.attrs.sid;
  if (!sid) throw new ConnectionError('closed', `${service} did not open a session.`);
  const next = (payload = '', extra = '') =>
    post(`<body xmlns="${NS_BOSH}" rid="${rid++}" sid="${escapeAttr(sid)}"${extra}>${payload}</body>`);
  const close = () => void next('', ' type="terminate"').catch(() => undefined);
  try {
    const features = childrenOf(first).find(isFeatures) ?? childrenOf(await next()).find(isFeatures);
    return {
      features,
      async request(element, isAnswer) {
        let answer = childrenOf(await next(toXmlString(element))).find(isAnswer);
        for (let polls = 0; !answer && polls < 3; polls++) answer = childrenOf(await next()).find(isAnswer);
        if (!answer) throw new ConnectionError('timeout', `${service} did not answer.`);
        return answer;
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
