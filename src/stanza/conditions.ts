/**
 * Reads the error conditions of RFC 6120 — stream errors (§4.9), SASL failures (§6.5) and stanza
 * errors (§8.3) — and explains them in words a person understands. The sentences load with the
 * first error (condition-sentences.ts): every visitor's widget carries this module, and few ever
 * see an error.
 */
import { childrenOf, textOf, type XmlElement } from './element.ts';

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** A condition element's name and the optional human-readable `<text>` sent with it. */
export interface Condition {
  condition: string;
  text?: string;
}

/** A stanza error: its type (cancel, modify, auth, wait, continue), condition and text. */
export interface StanzaErrorInfo extends Condition {
  type: string;
}

/** The first child in `xmlns` that is not `<text>`, and the `<text>` child's content. */
function readCondition(el: XmlElement, xmlns: string | undefined, fallback: string): Condition {
  const inNs = (child: XmlElement) => xmlns === undefined || child.attrs.xmlns === xmlns;
  const children = childrenOf(el).filter(inNs);
  const condition = children.find((child) => child.name !== 'text')?.name ?? fallback;
  const textEl = children.find((child) => child.name === 'text');
  const text = textEl ? textOf(textEl) : undefined;
  return text ? { condition, text } : { condition };
}

/**
 * Reads a stream error: `<stream:error>` (or `<error>` in the streams namespace) with a condition
 * child in `urn:ietf:params:xml:ns:xmpp-streams`. Returns undefined for any other element.
 */
export function parseStreamError(el: XmlElement): Condition | undefined {
  const isStreamError =
    el.name === 'stream:error' ||
    (el.name === 'error' && (el.attrs.xmlns === NS_STREAM || childrenOf(el, undefined, NS_STREAMS).length > 0));
  return isStreamError ? readCondition(el, NS_STREAMS, 'undefined-condition') : undefined;
}

/**
 * Reads a SASL `<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>`. The condition is its first
 * child element other than `<text>` (`not-authorized` when there is none). Returns undefined for
 * any other element.
 */
export function parseSaslFailure(el: XmlElement): Condition | undefined {
  if (el.name !== 'failure' || el.attrs.xmlns !== NS_SASL) return undefined;
  // Children inherit the SASL namespace; a child in some other namespace is not a condition.
  const children = childrenOf(el).filter((child) => child.attrs.xmlns === undefined || child.attrs.xmlns === NS_SASL);
  return readCondition({ ...el, children }, undefined, 'not-authorized');
}

/**
 * Reads the `<error>` child of an iq, message or presence. Returns undefined when there is none.
 * The type defaults to `cancel`, the condition to `undefined-condition`.
 */
export function parseStanzaError(stanza: XmlElement): StanzaErrorInfo | undefined {
  const error = childrenOf(stanza, 'error').find((el) => el.attrs.xmlns === undefined || el.attrs.xmlns === 'jabber:client');
  if (!error) return undefined;
  return { type: error.attrs.type || 'cancel', ...readCondition(error, NS_STANZAS, 'undefined-condition') };
}

const sentences = () => import('./condition-sentences.ts');

/**
 * A sentence for `condition` from the loaded sentences, or — when they cannot be loaded (the site
 * went offline since the page loaded) — the sentence for an unknown condition, which names it.
 */
function explain(pick: (module: Awaited<ReturnType<typeof sentences>>) => string, unknown: string): Promise<string> {
  return sentences().then(pick, () => unknown);
}

/** A sentence explaining a SASL failure condition (RFC 6120 §6.5). */
export const describeAuthFailure = (condition: string): Promise<string> =>
  explain((m) => m.describeAuthFailure(condition), `Signing in failed (${condition}).`);

/** A sentence explaining a stream error condition (RFC 6120 §4.9.3). */
export const describeStreamError = (condition: string): Promise<string> =>
  explain((m) => m.describeStreamError(condition), `The chat server closed the connection (${condition}).`);

/** A sentence explaining a stanza error condition (RFC 6120 §8.3.3). */
export const describeStanzaError = (condition: string): Promise<string> =>
  explain((m) => m.describeStanzaError(condition), `The request failed (${condition}).`);
