/**
 * The visitor context: who a site's visitor is and where they are writing from, carried by the
 * first message of each visit so the support desk sees it next to the conversation. Other XMPP
 * clients ignore the element (RFC 6120 §8.4: unknown extensions are ignored):
 *
 *   <message …><body>Hello</body>
 *     <visitor xmlns='urn:xmpp-chat:visitor:0'>
 *       <name>Ada</name> <email>ada@example.org</email>
 *       <page title='Cart · Tea &amp; Co.'>https://shop.example/cart</page>
 *       <referrer>https://search.example/?q=tea</referrer>
 *       <language>de-DE</language> <timezone>Europe/Berlin</timezone>
 *       <user-agent>Mozilla/5.0 …</user-agent>
 *     </visitor></message>
 *
 * Every child is optional, text only, and read at most once; unknown children are ignored.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';

export const NS_VISITOR = 'urn:xmpp-chat:visitor:0';

export interface VisitorContext {
  name?: string;
  email?: string;
  /** The page's address, and its title. */
  page?: string;
  pageTitle?: string;
  referrer?: string;
  /** A BCP 47 language tag, as the browser reports it. */
  language?: string;
  /** An IANA time zone, e.g. Europe/Berlin. */
  timeZone?: string;
  userAgent?: string;
}

/** Longest kept value of each field; longer ones are cut (a page address can be long). */
const LIMITS: Record<keyof VisitorContext, number> = {
  name: 100,
  email: 254,
  page: 2048,
  pageTitle: 200,
  referrer: 2048,
  language: 35,
  timeZone: 64,
  userAgent: 512,
};
/** The element name of each field (the page's title is an attribute of `page`). */
const ELEMENTS: Record<Exclude<keyof VisitorContext, 'pageTitle'>, string> = {
  name: 'name',
  email: 'email',
  page: 'page',
  referrer: 'referrer',
  language: 'language',
  timeZone: 'timezone',
  userAgent: 'user-agent',
};

/**
 * A page address as the desk should see it by default: without query and fragment, where sites
 * put tokens (password resets, sign-in links, session ids), and without user and password; an
 * address that does not parse is left out.
 */
export function pageAddress(address: string): string | undefined {
  try {
    const url = new URL(address);
    url.search = '';
    url.hash = '';
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return undefined; // not an absolute address (an empty referrer, say): nothing to tell
  }
}

/** Trimmed, without control characters, cut to the field's limit; undefined when empty. */
function clean(field: keyof VisitorContext, value: string | undefined): string | undefined {
  const text = value
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    ?.replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, LIMITS[field]);
  return text || undefined;
}

/** The context with every field cleaned and empty ones left out. */
export function normalizeVisitorContext(context: VisitorContext): VisitorContext {
  const result: VisitorContext = {};
  for (const field of Object.keys(LIMITS) as (keyof VisitorContext)[]) {
    const value = clean(field, typeof context[field] === 'string' ? context[field] : undefined);
    if (value) result[field] = value;
  }
  return result;
}

/** The `<visitor/>` element for a message; undefined when there is nothing to tell. */
export function buildVisitorContext(context: VisitorContext): XmlElement | undefined {
  const ctx = normalizeVisitorContext(context);
  const children: XmlElement[] = [];
  for (const [field, name] of Object.entries(ELEMENTS) as [keyof typeof ELEMENTS, string][]) {
    const value = ctx[field];
    if (!value) continue;
    children.push(field === 'page' ? xml(name, { title: ctx.pageTitle }, value) : xml(name, {}, value));
  }
  return children.length ? xml('visitor', { xmlns: NS_VISITOR }, ...children) : undefined;
}

/** Reads the visitor context of a message, if it carries one with anything in it. */
export function parseVisitorContext(message: XmlElement): VisitorContext | undefined {
  const el = childOf(message, 'visitor', NS_VISITOR);
  if (!el) return undefined;
  const raw: VisitorContext = {};
  for (const [field, name] of Object.entries(ELEMENTS) as [keyof typeof ELEMENTS, string][]) {
    // Only children in the payload's own namespace, and only the first of a name.
    const child = childrenOf(el, name).find((c) => (c.attrs.xmlns ?? NS_VISITOR) === NS_VISITOR);
    if (!child) continue;
    raw[field] = textOf(child);
    if (field === 'page') raw.pageTitle = child.attrs.title;
  }
  const context = normalizeVisitorContext(raw);
  return Object.keys(context).length ? context : undefined;
}
