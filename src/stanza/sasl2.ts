/**
 * The elements of SASL2 (XEP-0388) with what rides inline: Bind 2 (XEP-0386), stream management
 * (XEP-0198) and FAST tokens (XEP-0484). Pure: the offer read from stream features, `<authenticate>`
 * built, and the server's answers read. The exchange itself is src/sasl/sasl2.ts.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';

export const NS_SASL2 = 'urn:xmpp:sasl:2';
export const NS_BIND2 = 'urn:xmpp:bind:0';
export const NS_FAST = 'urn:xmpp:fast:0';
export const NS_SM = 'urn:xmpp:sm:3';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** What the server offers in `<authentication>`. */
export interface Sasl2Offer {
  mechanisms: string[];
  /** Bind 2 is offered inline, with these features (`var`s) that may be enabled with it. */
  bind2?: string[];
  /** Stream management may be resumed inline. */
  sm: boolean;
  /** FAST token mechanisms offered. */
  fast: string[];
}

/** Reads `<authentication>` from stream features; undefined when SASL2 is not offered. */
export function parseSasl2Offer(features: XmlElement): Sasl2Offer | undefined {
  const auth = childOf(features, 'authentication', NS_SASL2);
  if (!auth) return undefined;
  const inline = childOf(auth, 'inline');
  const bind = inline && childOf(inline, 'bind', NS_BIND2);
  const bindInline = bind && childOf(bind, 'inline');
  const fast = inline && childOf(inline, 'fast', NS_FAST);
  return {
    mechanisms: childrenOf(auth, 'mechanism').map(textOf).filter(Boolean),
    bind2: bind ? (bindInline ? childrenOf(bindInline, 'feature').map((f) => f.attrs.var ?? '') : []) : undefined,
    sm: Boolean(inline && childOf(inline, 'sm', NS_SM)),
    fast: fast ? childrenOf(fast, 'mechanism').map(textOf).filter(Boolean) : [],
  };
}

/** What goes into `<authenticate>` besides the mechanism's first message. */
export interface AuthenticateRequest {
  mechanism: string;
  /** The mechanism's first message as a byte string; absent when the server speaks first. */
  initialResponse?: string;
  /** The same id on every login from this device: a FAST token is bound to it. */
  userAgent: { id: string; software: string; device?: string };
  /** Resume this stream-management session inline (then no bind). */
  resume?: { previd: string; h: number };
  /** Bind a resource named after `tag`, enabling stream management with it when offered. */
  bind?: { tag: string; enableSm: boolean };
  /** Ask for a FAST token of this mechanism. */
  requestToken?: string;
  /** Authenticating with a FAST token: its use count, which must grow with every use. */
  fastCount?: number;
}

export function buildAuthenticate(request: AuthenticateRequest): XmlElement {
  const { userAgent, resume, bind } = request;
  return xml(
    'authenticate',
    { xmlns: NS_SASL2, mechanism: request.mechanism },
    request.initialResponse !== undefined ? xml('initial-response', {}, btoa(request.initialResponse)) : undefined,
    xml(
      'user-agent',
      { id: userAgent.id },
      xml('software', {}, userAgent.software),
      userAgent.device ? xml('device', {}, userAgent.device) : undefined,
    ),
    resume ? xml('resume', { xmlns: NS_SM, previd: resume.previd, h: String(resume.h) }) : undefined,
    bind
      ? xml(
          'bind',
          { xmlns: NS_BIND2 },
          xml('tag', {}, bind.tag),
          bind.enableSm ? xml('enable', { xmlns: NS_SM, resume: 'true' }) : undefined,
        )
      : undefined,
    request.requestToken ? xml('request-token', { xmlns: NS_FAST, mechanism: request.requestToken }) : undefined,
    request.fastCount !== undefined ? xml('fast', { xmlns: NS_FAST, count: String(request.fastCount) }) : undefined,
  );
}

/** The answer to a challenge (a byte string). */
export const buildResponse = (data: string): XmlElement => xml('response', { xmlns: NS_SASL2 }, btoa(data));

/** A FAST token the server issued (XEP-0484 §4). */
export interface IssuedToken {
  token: string;
  /** ISO 8601 date after which the server no longer takes it. */
  expiry: string;
}

export interface Sasl2Success {
  kind: 'success';
  /** The mechanism's final data (e.g. SCRAM's server signature) as a byte string, or ''. */
  additionalData: string;
  /** The full JID when bound or resumed, else the bare one. */
  jid: string;
  /** Bind 2's answer; `sm` is the stream management it enabled, if any. */
  bound?: { sm?: { id?: string; resume: boolean; max?: number } | 'failed' };
  /** The stream-management session was resumed: the server's count of our stanzas it handled. */
  resumed?: { h: number };
  /** Resumption was asked for and refused. */
  resumeFailed?: boolean;
  token?: IssuedToken;
}

export type Sasl2Answer =
  { kind: 'challenge'; data: string } | Sasl2Success | { kind: 'failure'; condition: string; text?: string } | { kind: 'continue' };

/** Reads a top-level SASL2 element from the server; undefined for any other element. */
export function parseSasl2Answer(el: XmlElement): Sasl2Answer | undefined {
  if (el.attrs.xmlns !== NS_SASL2) return undefined;
  const decoded = (child: XmlElement | undefined) => (child ? decode(textOf(child).trim()) : '');
  switch (el.name) {
    case 'challenge':
      return { kind: 'challenge', data: decode(textOf(el).trim()) };
    case 'failure': {
      const condition = childrenOf(el).find((c) => c.attrs.xmlns === NS_SASL)?.name ?? 'not-authorized';
      const text = textOf(childOf(el, 'text'));
      return text ? { kind: 'failure', condition, text } : { kind: 'failure', condition };
    }
    case 'continue':
      return { kind: 'continue' };
    case 'success':
      return readSuccess(el, decoded(childOf(el, 'additional-data')));
    default:
      return undefined;
  }
}

function readSuccess(el: XmlElement, additionalData: string): Sasl2Success {
  const success: Sasl2Success = { kind: 'success', additionalData, jid: textOf(childOf(el, 'authorization-identifier')).trim() };
  const bound = childOf(el, 'bound', NS_BIND2);
  if (bound) {
    const enabled = childOf(bound, 'enabled', NS_SM);
    const max = Number(enabled?.attrs.max);
    success.bound = {
      sm: enabled
        ? { id: enabled.attrs.id, resume: ['true', '1'].includes(enabled.attrs.resume ?? ''), ...(max > 0 ? { max } : {}) }
        : childOf(bound, 'failed', NS_SM)
          ? 'failed'
          : undefined,
    };
  }
  const resumed = childOf(el, 'resumed', NS_SM);
  if (resumed) success.resumed = { h: Number(resumed.attrs.h) || 0 };
  else if (childOf(el, 'failed', NS_SM)) success.resumeFailed = true;
  const token = childOf(el, 'token', NS_FAST);
  if (token?.attrs.token) success.token = { token: token.attrs.token, expiry: token.attrs.expiry ?? '' };
  return success;
}

/** Base64 into a byte string; malformed data reads as empty, which no mechanism accepts. */
function decode(text: string): string {
  try {
    return text === '=' ? '' : atob(text);
  } catch {
    return '';
  }
}
