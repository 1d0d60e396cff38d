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
 *       <user id='42' signature='9f0c…'/>
 *     </visitor></message>
 *
 * Every child is optional, text only, and read at most once; unknown children are ignored.
 *
 * `<user/>` is the site's own account of the visitor: its user id and, when the site signs it, an
 * HMAC-SHA256 (lowercase hex) over `signedText()` made with a secret the site shares only with the
 * support desk (features/visitor-verification.ts). Everything else here is what the visitor's
 * browser says, and anyone can send anything.
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
  /** The site's id of the visitor's account (`<user id>`). */
  userId?: string;
  /** HMAC-SHA256 of `signedText()`, 64 lowercase hex digits (`<user signature>`). */
  signature?: string;
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
  userId: 256,
  signature: 64,
};
/** The element name of each field (the page's title, user id and signature are attributes). */
const ELEMENTS: Record<Exclude<keyof VisitorContext, 'pageTitle' | 'userId' | 'signature'>, string> = {
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

/**
 * The context with every field cleaned and empty ones left out; a signature that is not 64 hex
 * digits, or that comes without a user id, is left out too (lowercased otherwise), as it could never
 * match.
 */
export function normalizeVisitorContext(context: VisitorContext): VisitorContext {
  const result: VisitorContext = {};
  for (const field of Object.keys(LIMITS) as (keyof VisitorContext)[]) {
    const value = clean(field, typeof context[field] === 'string' ? context[field] : undefined);
    if (value) result[field] = value;
  }
  // Checked as given: cutting a longer one to length could make it look valid.
  if (result.signature) {
    if (result.userId && /^[0-9a-f]{64}$/i.test(context.signature!.trim())) result.signature = result.signature.toLowerCase();
    else delete result.signature;
  }
  return result;
}

/**
 * What the site signs: the UTF-8 of `userId + "\n" + email + "\n" + name`, a missing field as the
 * empty string, each as the desk receives it (trimmed, at most the field's length, control
 * characters made spaces: so no field can hold the separator).
 */
export function signedText(context: VisitorContext): string {
  const { userId = '', email = '', name = '' } = normalizeVisitorContext(context);
  return `${userId}\n${email}\n${name}`;
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
  if (ctx.userId) children.push(xml('user', { id: ctx.userId, signature: ctx.signature }));
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
  // A signature means nothing without the id it is for.
  const user = childrenOf(el, 'user').find((c) => (c.attrs.xmlns ?? NS_VISITOR) === NS_VISITOR);
  if (user?.attrs.id) ({ id: raw.userId, signature: raw.signature } = user.attrs);
  const context = normalizeVisitorContext(raw);
  return Object.keys(context).length ? context : undefined;
}
