import { expect } from '@esm-bundle/chai';
import { fromDom, parseXml, toDom } from './dom.ts';
import { childOf, textOf, toXmlString, xml, type XmlElement } from './element.ts';
import { fromPlainTree, MAX_DEPTH, wasCut, type PlainTree } from './tree.ts';

/** A message whose payload is nested `depth` deep, built without a parser (which has limits of its own). */
function deepDom(depth: number): Element {
  const doc = document.implementation.createDocument('jabber:client', 'message', null);
  const message = doc.documentElement;
  message.setAttribute('from', 'mallory@evil.example/x');
  let node: Element = message.appendChild(doc.createElementNS('urn:example:deep', 'a'));
  for (let i = 1; i < depth; i++) node = node.appendChild(doc.createElementNS('urn:example:deep', 'a'));
  node.appendChild(doc.createTextNode('bottom'));
  message.appendChild(doc.createElementNS('jabber:client', 'body')).appendChild(doc.createTextNode('after the deep part'));
  return message;
}

function deepPlain(depth: number): PlainTree {
  let node: PlainTree = { name: 'a', attrs: {}, children: ['bottom'] };
  for (let i = 1; i < depth; i++) node = { name: 'a', attrs: {}, children: [node] };
  return { name: 'message', attrs: { xmlns: 'jabber:client' }, children: [node, { name: 'body', attrs: {}, children: ['after'] }] };
}

const depthOf = (el: XmlElement) => {
  let depth = 1;
  for (let node = el; childOf(node, 'a'); node = childOf(node, 'a')!) depth += 1;
  return depth;
};

describe('bounded tree conversion', () => {
  it('reads a DOM stanza nested 100,000 deep without overflowing, keeping what follows the deep part', () => {
    const el = fromDom(deepDom(100_000));
    expect(wasCut(el)).to.equal(true);
    expect(depthOf(el)).to.equal(MAX_DEPTH);
    expect(textOf(childOf(el, 'body'))).to.equal('after the deep part');
    expect(el.attrs.from).to.equal('mallory@evil.example/x');
    // Everything that walks the result recursively now has a bounded depth to walk.
    expect(toXmlString(el)).to.contain('after the deep part');
    expect(toDom(el).getElementsByTagName('body')).to.have.length(1);
  });

  it('serializes and builds DOM for deeply nested elements without overflowing', () => {
    const chain = (depth: number) => {
      let el = xml('a', {}, 'bottom');
      for (let i = 1; i < depth; i++) el = xml('a', {}, el);
      return el;
    };
    const text = toXmlString(chain(100_000));
    expect(text.startsWith('<a><a>')).to.equal(true);
    expect(text.length).to.equal(100_000 * '<a></a>'.length + 'bottom'.length);
    // Browsers build deep DOM trees slowly (each insertion walks the tree), so less deep here.
    let node: Element | null = toDom(chain(20_000));
    let depth = 0;
    for (; node; node = node.firstElementChild) depth += 1;
    expect(depth).to.equal(20_000);
  });

  it('reads an xmpp.js element nested 100,000 deep without overflowing', () => {
    const el = fromPlainTree(deepPlain(100_000));
    expect(wasCut(el)).to.equal(true);
    expect(depthOf(el)).to.equal(MAX_DEPTH);
    expect(textOf(childOf(el, 'body'))).to.equal('after');
  });

  it('keeps a stanza at the depth limit whole and unmarked, and copies attributes', () => {
    const atLimit = fromPlainTree(deepPlain(MAX_DEPTH - 1));
    expect(wasCut(atLimit)).to.equal(false);
    expect(depthOf(atLimit)).to.equal(MAX_DEPTH);
    const source = deepPlain(2);
    const copy = fromPlainTree(source);
    expect(copy.attrs).to.deep.equal({ xmlns: 'jabber:client' });
    expect(copy.attrs).not.to.equal(source.attrs);
    expect(wasCut(fromDom(deepDom(MAX_DEPTH - 1)))).to.equal(false);
    expect(wasCut(fromDom(deepDom(MAX_DEPTH)))).to.equal(true);
  });

  it('reads a 1 MB body and 10,000 siblings', () => {
    const body = 'x'.repeat(1_000_000);
    const siblings = '<a/>'.repeat(10_000);
    const el = parseXml(`<message xmlns='jabber:client'><body>${body}</body>${siblings}</message>`);
    expect(textOf(childOf(el, 'body'))).to.have.length(1_000_000);
    expect(el.children).to.have.length(10_001);
    expect(wasCut(el)).to.equal(false);
  });
});
