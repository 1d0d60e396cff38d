/**
 * Turning a parser's element tree (a DOM element, an xmpp.js element) into an XmlElement, with
 * bounded work: a loop with its own stack instead of recursion, so a stanza nested ten thousand
 * deep cannot overflow the call stack, and a depth past which elements are left out, so that
 * everything in the core that walks an XmlElement (serializing, building DOM) stays shallow.
 */
import type { XmlElement, XmlNode } from './element.ts';

/**
 * The deepest nesting the core reads, counting the stanza itself as 1. Real stanzas stay far
 * below it: an archived carbon copy of a rich-text message is about a dozen deep.
 */
export const MAX_DEPTH = 100;

/** One element as a source tree presents it: what becomes of it, and the nodes inside. */
export interface SourceElement<N, C> {
  readonly name: string;
  readonly attrs: Record<string, string>;
  /** Passed to `read` for each child element (a namespace scope, say). */
  readonly context: C;
  /** Child elements, text as strings; anything else (comments…) left out by the source. */
  readonly children: Iterable<N | string>;
}

/** Elements deeper than MAX_DEPTH were left out of these trees. */
const cut = new WeakSet<XmlElement>();

/** True when `el` came from `convertTree` with elements left out below MAX_DEPTH. */
export function wasCut(el: XmlElement): boolean {
  return cut.has(el);
}

/**
 * Converts a tree without recursion. Elements below MAX_DEPTH are left out (their parent keeps
 * its text and shallower children) and the result is then marked: see `wasCut`. Adjacent text
 * nodes are joined into one string.
 */
export function convertTree<N, C>(root: N, context: C, read: (node: N, context: C) => SourceElement<N, C>): XmlElement {
  const top = read(root, context);
  const result = { name: top.name, attrs: top.attrs, children: [] as XmlNode[] };
  const stack = [{ el: result, children: top.children[Symbol.iterator](), context: top.context }];
  let deeper = false;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const next = frame.children.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const { children } = frame.el;
    if (typeof next.value === 'string') {
      const last = children.length - 1;
      if (last >= 0 && typeof children[last] === 'string') children[last] += next.value;
      else children.push(next.value);
      continue;
    }
    if (stack.length >= MAX_DEPTH) {
      deeper = true;
      continue;
    }
    const source = read(next.value, frame.context);
    const el = { name: source.name, attrs: source.attrs, children: [] as XmlNode[] };
    children.push(el);
    stack.push({ el, children: source.children[Symbol.iterator](), context: source.context });
  }
  if (deeper) cut.add(result);
  return result;
}

/** An element as xmpp.js (ltx) and similar libraries build it. */
export interface PlainTree {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly (PlainTree | string)[];
}

/** Converts an ltx-style element; attributes are copied as they are. */
export function fromPlainTree(el: PlainTree): XmlElement {
  return convertTree<PlainTree, undefined>(el, undefined, (node) => ({
    name: node.name,
    attrs: { ...node.attrs },
    context: undefined,
    children: node.children,
  }));
}
