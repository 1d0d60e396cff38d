/**
 * The first step of every received stanza: stanzas that could not be read in full are reported,
 * and an iq request among them is answered with an error, as RFC 6120 §8.2.3 asks for every
 * request. Nothing here throws, so a hostile stanza cannot stop a transport from handing over the
 * ones after it (strophe.js drops a handler that throws; xmpp.js stops at the throw).
 */
import { StanzaParseError } from '../errors.ts';
import { xml, type XmlElement } from './element.ts';
import { MAX_DEPTH, wasCut } from './tree.ts';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** Where browsers put their report of XML they could not parse (Chromium/WebKit, then Gecko). */
const PARSER_ERROR_NAMESPACES = new Set(['http://www.w3.org/1999/xhtml', 'http://www.mozilla.org/newlayout/xml/parsererror.xml']);

export interface IncomingHandlers {
  /** The stanza, in full or with its too-deep part left out; never an iq request that was cut. */
  deliver(stanza: XmlElement): void;
  /** What went wrong, with the error answer to send when the stanza was an iq request. */
  unreadable(error: StanzaParseError, reply?: XmlElement): void;
}

/** Hands a received stanza on; never throws (a failing handler is reported as unreadable). */
export function takeIncoming(stanza: XmlElement, handlers: IncomingHandlers): void {
  try {
    if (stanza.name === 'parsererror' && PARSER_ERROR_NAMESPACES.has(stanza.attrs.xmlns ?? '')) {
      // The browser's XML parser gave up part-way through what the server sent (Chromium stops
      // at 5000 levels): what came after it in the same response is lost.
      handlers.unreadable(new StanzaParseError('Part of what the chat server sent could not be read; something may be missing.'));
      return;
    }
    if (wasCut(stanza)) {
      const from = stanza.attrs.from ? ` from ${stanza.attrs.from}` : '';
      const error = new StanzaParseError(
        `Received a ${stanza.name}${from} nested more than ${MAX_DEPTH} levels deep; the deeper part was left out.`,
      );
      const { type } = stanza.attrs;
      if (stanza.name === 'iq' && (type === 'get' || type === 'set')) {
        handlers.unreadable(
          error,
          xml(
            'iq',
            { type: 'error', id: stanza.attrs.id, to: stanza.attrs.from },
            xml('error', { type: 'modify' }, xml('bad-request', { xmlns: NS_STANZAS })),
          ),
        );
        return;
      }
      handlers.unreadable(error);
    }
    handlers.deliver(stanza);
  } catch (cause) {
    try {
      handlers.unreadable(new StanzaParseError(`A received ${stanza.name} could not be handled: ${String(cause)}`));
    } catch (error) {
      // Reporting failed too: it surfaces as an uncaught error, after the transport has gone on.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
