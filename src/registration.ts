/**
 * In-band registration (XEP-0077) of a new account before any login: a short stream of its own
 * over the endpoint the client will use — RFC 7395 framing over a WebSocket, or a BOSH session
 * (XEP-0206) — that asks the server's stream features for registration and sends one request.
 */
import { ConnectionError, XmppChatError } from './errors.ts';
import { describeStanzaError, parseStanzaError } from './stanza/conditions.ts';
import { parseXml } from './stanza/dom.ts';
import { childOf, childrenOf, toXmlString, xml, type XmlElement } from './stanza/element.ts';

const NS_FEATURE = 'http://jabber.org/features/iq-register';
const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_BOSH = 'http://jabber.org/protocol/httpbind';

/** Registration failed; `condition` is the server's stanza error, or `not-offered`. */
export class RegistrationError extends XmppChatError {
  override readonly name = 'RegistrationError';
  constructor(readonly condition: string, message: string) {
    super(message);
  }
}

export interface Registration {
  /** ws(s):// or http(s):// endpoint. */
  service: string;
  domain: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

/** Registers `username@domain`; rejects with RegistrationError or ConnectionError. */
export async function registerAccount(registration: Registration): Promise<void> {
  const { domain, username, password } = registration;
  const request = xml('iq', { xmlns: 'jabber:client', type: 'set', id: 'register', to: domain },
    xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, username), xml('password', {}, password)));
  const answer = /^wss?:/i.test(registration.service) ? await overWebSocket(registration, request) : await overBosh(registration, request);
  if (answer.attrs.type === 'result') return;
  const error = parseStanzaError(answer);
  const condition = error?.condition ?? 'undefined-condition';
  throw new RegistrationError(condition, `The server did not register the account: ${error?.text ?? describeStanzaError(condition)}`);
}

const offersRegistration = (features: XmlElement | undefined) => !!features && !!childOf(features, 'register', NS_FEATURE);
const notOffered = (domain: string) => new RegistrationError('not-offered', `${domain} does not offer in-band registration.`);
const escapeAttr = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function overWebSocket({ service, domain, timeoutMs = 20_000 }: Registration, request: XmlElement): Promise<XmlElement> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(service, 'xmpp');
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      if (socket.readyState === WebSocket.OPEN) socket.send(`<close xmlns="${NS_FRAMING}"/>`);
      socket.close();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new ConnectionError('timeout', `${service} did not answer in time.`))), timeoutMs);
    socket.onopen = () => socket.send(`<open xmlns="${NS_FRAMING}" to="${escapeAttr(domain)}" version="1.0"/>`);
    socket.onerror = () => finish(() => reject(new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`)));
    socket.onmessage = ({ data }) => {
      const frame = parseXml(String(data));
      if (frame.name.endsWith('features')) {
        if (offersRegistration(frame)) socket.send(toXmlString(request));
        else finish(() => reject(notOffered(domain)));
      } else if (frame.name === 'iq' && frame.attrs.id === request.attrs.id) {
        finish(() => resolve(frame));
      } else if (frame.name === 'close' || frame.name.endsWith('error')) {
        finish(() => reject(new ConnectionError('closed', `${service} closed the stream before registering.`)));
      }
    };
  });
}

async function overBosh({ service, domain, timeoutMs = 20_000 }: Registration, request: XmlElement): Promise<XmlElement> {
  let rid = Math.floor(Math.random() * 2 ** 40);
  const post = async (body: string): Promise<XmlElement> => {
    const response = await fetch(service, {
      method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' }, signal: AbortSignal.timeout(timeoutMs),
    }).catch((cause: unknown) => { throw new ConnectionError('unreachable', `Could not reach the chat server at ${service}.`, { cause }); });
    if (!response.ok) throw new ConnectionError('unreachable', `${service} answered ${response.status}.`);
    return parseXml(await response.text());
  };
  const next = (sid: string, payload = '', extra = '') => post(`<body xmlns="${NS_BOSH}" rid="${rid++}" sid="${escapeAttr(sid)}"${extra}>${payload}</body>`);
  const first = await post(`<body xmlns="${NS_BOSH}" xmlns:xmpp="urn:xmpp:xbosh" rid="${rid++}" to="${escapeAttr(domain)}" `
    + `content="text/xml; charset=utf-8" hold="1" wait="10" ver="1.6" xml:lang="en" xmpp:version="1.0"/>`);
  const sid = first.attrs.sid;
  if (!sid) throw new ConnectionError('closed', `${service} did not open a session.`);
  try {
    let features = childrenOf(first).find((el) => el.name.endsWith('features'));
    features ??= childrenOf(await next(sid)).find((el) => el.name.endsWith('features'));
    if (!offersRegistration(features)) throw notOffered(domain);
    let answer = childOf(await next(sid, toXmlString(request)), 'iq');
    for (let polls = 0; !answer && polls < 3; polls++) answer = childOf(await next(sid), 'iq');
    if (!answer) throw new ConnectionError('timeout', `${service} did not answer the registration.`);
    return answer;
  } finally {
    // Ending the session is a courtesy: the server drops an idle one soon anyway.
    void next(sid, '', ' type="terminate"').catch(() => undefined);
  }
}
