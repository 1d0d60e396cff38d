/**
 * Parsing XML text from the chat server on pages that enforce Trusted Types
 * (`Content-Security-Policy: require-trusted-types-for 'script'`). There, `DOMParser.parseFromString`
 * is a sink that refuses plain strings — even for `text/xml`, which never runs scripts — so every
 * parse would throw and no connection could be made. A policy of our own, named
 * {@link XML_POLICY_NAME}, vouches for the text instead, so sites need no `default` policy.
 *
 * The policy passes text through unchanged, which is safe only because it never leaves this
 * module: it is used for `text/xml` documents and nothing else, and cannot be reached to make
 * HTML for `innerHTML` and the like. Sites whose policy lists the allowed names
 * (`trusted-types …`) must list this one; see the README's Content-Security-Policy section.
 */
import { ConfigError } from '../errors.ts';

/** The name of our Trusted Types policy, for a site's `trusted-types` directive. */
export const XML_POLICY_NAME = 'xmpp-chat-xml';

/** What we use of the Trusted Types API (not in TypeScript's DOM library yet). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(text: string): string }): XmlPolicy;
}
interface XmlPolicy {
  createHTML(text: string): unknown;
}

/**
 * Made on the first parse, not when the script loads: a page that never connects creates no
 * policy. `null` when there is none: no Trusted Types in this browser, or the page's allow-list
 * refused our name (then `refused`, to explain the parse errors that follow).
 */
let policy: XmlPolicy | null | undefined;
let refused = false;

function xmlPolicy(): XmlPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  try {
    policy = factory?.createPolicy(XML_POLICY_NAME, { createHTML: (text) => text }) ?? null;
  } catch {
    // Harmless if the page does not also require Trusted Types; otherwise parseXmlDocument says so.
    refused = true;
    policy = null;
  }
  return policy;
}

/**
 * Parses `text` with `DOMParser` as `text/xml`, through our policy where the browser has Trusted
 * Types. Malformed XML gives a document with a `<parsererror>`, as `DOMParser` does; a page that
 * requires Trusted Types but refused our policy gives a ConfigError that names what to add.
 */
export function parseXmlDocument(text: string): Document {
  const trusted = xmlPolicy()?.createHTML(text) ?? text;
  try {
    return new DOMParser().parseFromString(trusted as string, 'text/xml');
  } catch (error) {
    if (!(error instanceof TypeError) || !refused) throw error;
    throw new ConfigError(
      'trusted-types',
      `This page requires Trusted Types but its Content-Security-Policy does not allow ` +
        `the policy "${XML_POLICY_NAME}" that the chat needs to read the server's XML: add it to the trusted-types directive.`,
    );
  }
}
