/**
 * strophe.js on pages that require Trusted Types (see src/stanza/trusted-xml.ts). Over BOSH it
 * reads each response from `XMLHttpRequest.responseXML`, which is no Trusted Types sink. But when
 * that is empty while there is text — a response that is not well-formed XML, such as a proxy's
 * HTML error page — it parses the text again with `DOMParser` to report `bad-format`, and there
 * that parse throws a TypeError instead, which strophe.js does not expect. This patch does the same
 * check through our policy. strophe.js's other parsers (its WebSocket transport and stream
 * management, `stx`, `Builder.fromString`, XHTML-IM) are not used by our BOSH transport.
 */
import { Request, Strophe } from 'strophe.js';
import { capDepth } from '../stanza/depth-cap.ts';
import { MAX_DEPTH } from '../stanza/tree.ts';
import { parseXmlDocument } from '../stanza/trusted-xml.ts';

let patched = false;

/** Makes strophe.js's check of malformed BOSH responses parse through our policy; once is enough. */
export function checkBoshResponsesUnderTrustedTypes(): void {
  if (patched) return;
  patched = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the request as `this`
  const getResponse = Request.prototype.getResponse;
  Request.prototype.getResponse = function (this: Request): Element | null {
    const { responseXML, responseText } = this.xhr;
    if (responseXML?.documentElement || !responseText) return getResponse.call(this);
    if (parseXmlDocument(responseText).getElementsByTagName('parsererror').length === 0) return null; // as strophe.js does
    // Nested too deep for the browser (a hostile stanza): read it without the deep part (see tree.ts).
    const capped = parseXmlDocument(capDepth(responseText, MAX_DEPTH + 2)); // + the body, + one to show the cut
    if (capped.getElementsByTagName('parsererror').length === 0) return capped.documentElement;
    const error = new Error(`The chat server's answer is not XML: ${responseText.slice(0, 80)}`);
    error.name = Strophe.ErrorCondition.BAD_FORMAT;
    throw error;
  };
}
