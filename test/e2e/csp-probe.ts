/**
 * Loaded by a page under the strict policy (see csp.test.ts): strophe.js's check of a malformed
 * BOSH response, which parses with DOMParser, and our own XML parser, run where Trusted Types are
 * required. The outcome is left in `window.probe`.
 */
import { Request } from 'strophe.js';
import { parseXml } from '../../src/stanza/dom.ts';
import { checkBoshResponsesUnderTrustedTypes } from '../../src/transport/bosh-trusted-types.ts';

checkBoshResponsesUnderTrustedTypes();

/** What strophe.js makes of a response whose text is not XML (so `responseXML` is empty). */
function malformedResponse(): string {
  const req = new Request(document.createElement('body'), () => undefined, 1);
  Object.defineProperty(req, 'xhr', { value: { responseXML: null, responseText: '<html><p>Bad gateway</html>' } });
  try {
    req.getResponse();
    return 'no error';
  } catch (error) {
    return (error as Error).name;
  }
}

(window as Window & { probe?: unknown }).probe = {
  malformed: malformedResponse(),
  parsed: parseXml('<iq xmlns="jabber:client" type="result" id="1"/>').attrs.id,
};
