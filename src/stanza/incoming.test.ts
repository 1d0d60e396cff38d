import { expect } from '@esm-bundle/chai';
import { StanzaParseError } from './dom.ts';
import { childOf, xml, type XmlElement } from './element.ts';
import { takeIncoming } from './incoming.ts';
import { fromPlainTree, type PlainTree } from './tree.ts';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

function deep(name: string, attrs: Record<string, string>, depth: number): XmlElement {
  let node: PlainTree = { name: 'a', attrs: {}, children: [] };
  for (let i = 1; i < depth; i++) node = { name: 'a', attrs: {}, children: [node] };
  return fromPlainTree({ name, attrs, children: [{ name: 'query', attrs: { xmlns: 'urn:example' }, children: [node] }] });
}

function take(stanza: XmlElement, deliver: (s: XmlElement) => void = () => {}) {
  const delivered: XmlElement[] = [];
  const errors: StanzaParseError[] = [];
  const replies: XmlElement[] = [];
  takeIncoming(stanza, {
    deliver: (s) => {
      delivered.push(s);
      deliver(s);
    },
    unreadable: (error, reply) => {
      errors.push(error);
      if (reply) replies.push(reply);
    },
  });
  return { delivered, errors, replies };
}

describe('takeIncoming', () => {
  it('hands a whole stanza on as it is', () => {
    const message = xml('message', { from: 'bob@example.org' }, xml('body', {}, 'hi'));
    const { delivered, errors } = take(message);
    expect(delivered).to.deep.equal([message]);
    expect(errors).to.deep.equal([]);
  });

  it('answers an iq request that was cut with bad-request, reports it, and does not hand it on', () => {
    const { delivered, errors, replies } = take(deep('iq', { type: 'get', id: 'q1', from: 'mallory@evil.example/x' }, 10_000));
    expect(delivered).to.deep.equal([]);
    expect(errors[0]).to.be.instanceOf(StanzaParseError);
    expect(errors[0].message).to.match(/mallory@evil\.example\/x/);
    expect(replies[0].attrs).to.deep.equal({ type: 'error', id: 'q1', to: 'mallory@evil.example/x' });
    expect(childOf(childOf(replies[0], 'error')!, 'bad-request', NS_STANZAS)).to.exist;
  });

  it('reports a message or an iq result that was cut and hands on what could be read', () => {
    for (const stanza of [deep('message', { from: 'mallory@evil.example' }, 10_000), deep('iq', { type: 'result', id: 'r' }, 10_000)]) {
      const { delivered, errors, replies } = take(stanza);
      expect(delivered).to.deep.equal([stanza]);
      expect(errors).to.have.length(1);
      expect(replies).to.deep.equal([]);
    }
  });

  it("reports the browser's parser error that stands in for what it could not read", () => {
    const { delivered, errors } = take(xml('parsererror', { xmlns: 'http://www.w3.org/1999/xhtml' }, 'Excessive node nesting.'));
    expect(delivered).to.deep.equal([]);
    expect(errors).to.have.length(1);
  });

  it('never throws, even when handing on fails', () => {
    const { errors } = take(xml('message'), () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(errors[0].message).to.match(/Maximum call stack/);
  });
});
