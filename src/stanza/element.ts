/**
 * The one stanza representation inside the core, whatever the transport: a plain, immutable
 * element tree. Transport adapters convert their library's elements to and from it.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

type Child = XmlNode | null | undefined | false | readonly Child[];

/** Builds an element; `undefined` attributes and falsy children are left out. */
export function xml(name: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): XmlElement {
  const cleanAttrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) cleanAttrs[key] = value;
  return { name, attrs: cleanAttrs, children: flatten(children) };
}

function flatten(children: readonly Child[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (typeof child === 'string' || (child && typeof child === 'object')) out.push(child as XmlNode);
  }
  return out;
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === 'object' && node !== null;
}

/** Child elements, optionally filtered by local name and namespace (`xmlns` attribute). */
export function childrenOf(element: XmlElement, name?: string, xmlns?: string): XmlElement[] {
  return element.children.filter(
    (node): node is XmlElement =>
      isElement(node) && (name === undefined || node.name === name) && (xmlns === undefined || node.attrs.xmlns === xmlns),
  );
}

export function childOf(element: XmlElement, name?: string, xmlns?: string): XmlElement | undefined {
  return childrenOf(element, name, xmlns)[0];
}

/** The concatenated text of the element's direct text children. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.filter((node): node is string => typeof node === 'string').join('');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Serializes an element to an XML string; attribute values and text are always escaped. A loop
 * with its own stack, not recursion: however deep the element, the call stack is not.
 */
export function toXmlString(element: XmlElement): string {
  const out: string[] = [];
  // Each entry is an element to open or, as a string, a closing tag or text to write.
  const todo: (XmlElement | string)[] = [element];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const attrs = Object.entries(next.attrs)
      .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
      .join('');
    if (next.children.length === 0) {
      out.push(`<${next.name}${attrs}/>`);
      continue;
    }
    out.push(`<${next.name}${attrs}>`);
    todo.push(`</${next.name}>`);
    for (let i = next.children.length - 1; i >= 0; i--) {
      const child = next.children[i];
      todo.push(typeof child === 'string' ? escapeXml(child) : child);
    }
  }
  return out.join('');
}
