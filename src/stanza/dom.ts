/**
 * Adapters between browser DOM elements (what strophe.js and DOMParser produce) and the core's
 * XmlElement trees. Namespaces travel as `xmlns` / `xmlns:prefix` attributes, as in XmlElement.
 */
import { StanzaParseError } from '../errors.ts';
import type { XmlElement, XmlNode } from './element.ts';
import { parseXmlDocument } from './trusted-xml.ts';
import { convertTree, type SourceElement } from './tree.ts';

const NS_XMLNS = 'http://www.w3.org/2000/xmlns/';
const NS_XML = 'http://www.w3.org/XML/1998/namespace';
const NS_CLIENT = 'jabber:client';
/** Namespaces browsers put their `<parsererror>` report in (Chromium/WebKit, then Gecko). */
const PARSER_ERROR_NAMESPACES = ['http://www.w3.org/1999/xhtml', 'http://www.mozilla.org/newlayout/xml/parsererror.xml'];

/** Where parse failures have always been imported from; the class lives with the other errors. */
export { StanzaParseError };

/**
 * Converts a DOM element to an XmlElement. Attributes are copied as they are (including `xmlns`
 * declarations); where an element's namespace comes from the DOM rather than from an attribute,
 * an `xmlns` (or `xmlns:prefix`) attribute is added so the namespace is not lost. Text and CDATA
 * become strings; comments and processing instructions are dropped. Elements nested deeper than
 * MAX_DEPTH are left out (see tree.ts).
 */
export function fromDom(el: Element): XmlElement {
  return convertTree<Element, Scope>(el, { ns: undefined, prefixes: new Map() }, readDom);
}

interface Scope {
  /** The default namespace in effect, if known. */
  readonly ns: string | undefined;
  /** Prefix → namespace declarations in effect. */
  readonly prefixes: ReadonlyMap<string, string>;
}

/** The namespace scope inside an element with these attributes. */
function scopeOf(attrs: Readonly<Record<string, string>>, parent: Scope): Scope {
  if (!Object.keys(attrs).some((key) => key.startsWith('xmlns'))) return parent;
  const prefixes = new Map(parent.prefixes);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('xmlns:')) prefixes.set(key.slice('xmlns:'.length), value);
  }
  return { ns: attrs.xmlns ?? parent.ns, prefixes };
}

function readDom(el: Element, parent: Scope): SourceElement<Element, Scope> {
  const attrs: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) attrs[attr.name] = attr.value;
  const ns = el.namespaceURI;
  // Elements built without namespaces (as strophe.js builds them) simply inherit theirs.
  if (ns !== null) {
    if (el.prefix) {
      const declaration = `xmlns:${el.prefix}`;
      if (attrs[declaration] === undefined && parent.prefixes.get(el.prefix) !== ns) attrs[declaration] = ns;
    } else if (attrs.xmlns === undefined && ns !== parent.ns) {
      attrs.xmlns = ns;
    }
  }
  return { name: el.tagName, attrs, context: scopeOf(attrs, parent), children: domChildren(el) };
}

function* domChildren(el: Element): Generator<Element | string> {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.ELEMENT_NODE) yield node as Element;
    else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) yield node.nodeValue ?? '';
  }
}

/**
 * Parses an XML document (a stanza, a host-meta file…) into an XmlElement. Throws a
 * StanzaParseError for empty or malformed input, and for documents with a DTD, which XMPP
 * forbids (RFC 6120 §11.1).
 */
export function parseXml(text: string): XmlElement {
  if (text.trim() === '') throw new StanzaParseError('Received an empty answer where XML was expected.');
  const doc = parseXmlDocument(text); // through our Trusted Types policy (trusted-xml.ts)
  const failed = PARSER_ERROR_NAMESPACES.some((ns) => doc.getElementsByTagNameNS(ns, 'parsererror').length > 0);
  if (failed || !doc.documentElement) throw new StanzaParseError();
  if (doc.doctype) throw new StanzaParseError('Received XML with a document type declaration, which is not allowed.');
  return fromDom(doc.documentElement);
}

/**
 * Builds a DOM element from an XmlElement. Each element is created in the namespace declared by
 * the nearest `xmlns` attribute (`jabber:client` when there is none). `xmlns` declarations are kept
 * as attributes too, because strophe.js serializes elements from their attributes alone. Text is
 * only ever added as text nodes.
 */
export function toDom(el: XmlElement, doc: Document = document.implementation.createDocument(null, null)): Element {
  // A loop with its own stack, not recursion: however deep the element, the call stack is not.
  // Each element joins its parent once complete, while the parent is still detached: appending
  // into a deep attached tree makes the browser walk all of its ancestors every time.
  const root = createNode(el, doc, { ns: NS_CLIENT, prefixes: new Map() });
  const stack: { children: Iterator<XmlNode>; node: Element; scope: Scope; parent?: Element }[] = [
    { children: el.children[Symbol.iterator](), ...root },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const next = top.children.next();
    if (next.done) {
      stack.pop();
      top.parent?.appendChild(top.node);
    } else if (typeof next.value === 'string') {
      top.node.appendChild(doc.createTextNode(next.value));
    } else {
      stack.push({ children: next.value.children[Symbol.iterator](), ...createNode(next.value, doc, top.scope), parent: top.node });
    }
  }
  return root.node;
}

/** The DOM element for `el` alone, without children, and the namespace scope inside it. */
function createNode(el: XmlElement, doc: Document, parent: Scope): { node: Element; scope: Scope } {
  const scope = scopeOf(el.attrs, parent);
  const { prefixes } = scope;
  const defaultNs = scope.ns ?? NS_CLIENT;
  const colon = el.name.indexOf(':');
  // An unbound element prefix has no namespace to look up: the element stays in the default one.
  const elementNs = colon > 0 ? (prefixes.get(el.name.slice(0, colon)) ?? defaultNs) : defaultNs;
  const node = doc.createElementNS(elementNs, el.name);
  for (const [key, value] of Object.entries(el.attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      node.setAttributeNS(NS_XMLNS, key, value);
    } else if (key.startsWith('xml:')) {
      node.setAttributeNS(NS_XML, key, value);
    } else {
      const attrColon = key.indexOf(':');
      const attrNs = attrColon > 0 ? prefixes.get(key.slice(0, attrColon)) : undefined;
      if (attrNs) node.setAttributeNS(attrNs, key, value);
      else node.setAttribute(key, value);
    }
  }
  return { node, scope };
}
