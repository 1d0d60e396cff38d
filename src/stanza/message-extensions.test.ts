import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, childrenOf, toXmlString, xml, type XmlElement } from './element.ts';
import { buildChatMessage } from './message.ts';
import { buildChatState, buildMarker, buildReceipt, parseMessageExtensions, withRequests } from './message-extensions.ts';

const NONE = { receiptRequest: false, markable: false, noStore: false };

// A message as Conversations sends it through Prosody: receipt request, markable, active, origin-id.
const CONVERSATIONS_MESSAGE = `<message xmlns='jabber:client' from='romeo@example.net/phone' to='juliet@example.com' type='chat' id='m-17'>
  <body>Hi</body>
  <request xmlns='urn:xmpp:receipts'/>
  <markable xmlns='urn:xmpp:chat-markers:0'/>
  <active xmlns='http://jabber.org/protocol/chatstates'/>
  <origin-id xmlns='urn:xmpp:sid:0' id='m-17'/>
</message>`;

describe('parseMessageExtensions', () => {
  it('reads a recorded Conversations message', () => {
    expect(parseMessageExtensions(parseXml(CONVERSATIONS_MESSAGE))).to.deep.equal({
      receiptRequest: true,
      markable: true,
      chatState: 'active',
      noStore: false,
    });
  });

  it('reads receipts, markers, states, corrections and hints', () => {
    const receipt = parseXml(`<message from='romeo@example.net/phone' id='r2'><received xmlns='urn:xmpp:receipts' id='m-1'/></message>`);
    expect(parseMessageExtensions(receipt)).to.deep.equal({ ...NONE, receivedId: 'm-1' });
    const marker = parseXml(
      `<message type='chat' id='x'><displayed xmlns='urn:xmpp:chat-markers:0' id='m-2'/>` + `<store xmlns='urn:xmpp:hints'/></message>`,
    );
    expect(parseMessageExtensions(marker)).to.deep.equal({ ...NONE, marker: { type: 'displayed', id: 'm-2' } });
    for (const type of ['received', 'acknowledged']) {
      expect(parseMessageExtensions(xml('message', {}, xml(type, { xmlns: 'urn:xmpp:chat-markers:0', id: 'a' }))).marker).to.deep.equal({
        type,
        id: 'a',
      });
    }
    const typing = parseXml(
      `<message type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/>` + `<no-store xmlns='urn:xmpp:hints'/></message>`,
    );
    expect(parseMessageExtensions(typing)).to.deep.equal({ ...NONE, chatState: 'composing', noStore: true });
    const correction = parseXml(
      `<message type='chat' id='c2'><body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='c1'/></message>`,
    );
    expect(parseMessageExtensions(correction)).to.deep.equal({ ...NONE, replaceId: 'c1' });
  });

  it('reads every chat state and ignores unknown ones', () => {
    for (const state of ['active', 'composing', 'paused', 'inactive', 'gone']) {
      expect(parseMessageExtensions(xml('message', {}, xml(state, { xmlns: 'http://jabber.org/protocol/chatstates' }))).chatState).to.equal(
        state,
      );
    }
    const odd = xml(
      'message',
      {},
      xml('dancing', { xmlns: 'http://jabber.org/protocol/chatstates' }),
      xml('paused', { xmlns: 'http://jabber.org/protocol/chatstates' }),
    );
    expect(parseMessageExtensions(odd).chatState).to.equal('paused');
  });

  it('never asks to answer an answer, or a message without id', () => {
    const loop = xml(
      'message',
      { id: 'x' },
      xml('received', { xmlns: 'urn:xmpp:receipts', id: 'a' }),
      xml('request', { xmlns: 'urn:xmpp:receipts' }),
      xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0', id: 'b' }),
      xml('markable', { xmlns: 'urn:xmpp:chat-markers:0' }),
    );
    expect(parseMessageExtensions(loop)).to.deep.equal({ ...NONE, receivedId: 'a', marker: { type: 'displayed', id: 'b' } });
    const noId = xml('message', {}, xml('request', { xmlns: 'urn:xmpp:receipts' }), xml('markable', { xmlns: 'urn:xmpp:chat-markers:0' }));
    expect(parseMessageExtensions(noId)).to.deep.equal(NONE);
  });

  it('reads nothing from error bounces, which echo our own requests', () => {
    const bounce = parseXml(
      `<message type='error' id='m-17' from='romeo@example.net'><body>Hi</body><request xmlns='urn:xmpp:receipts'/>` +
        `<markable xmlns='urn:xmpp:chat-markers:0'/><composing xmlns='http://jabber.org/protocol/chatstates'/>` +
        `<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
    );
    expect(parseMessageExtensions(bounce)).to.deep.equal(NONE);
  });

  it('ignores elements in unknown namespaces, missing ids and other stanzas', () => {
    const el = xml(
      'message',
      { id: 'x' },
      xml('request', { xmlns: 'urn:xmpp:receipts:1' }),
      xml('received', { xmlns: 'urn:evil', id: 'a' }),
      xml('received', { xmlns: 'urn:xmpp:receipts' }),
      xml('markable'),
      xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0' }),
      xml('composing'),
      xml('replace', { xmlns: 'urn:xmpp:message-correct:0' }),
      xml('no-store'),
      xml('no-store', { xmlns: 'urn:evil' }),
    );
    expect(parseMessageExtensions(el)).to.deep.equal(NONE);
    expect(parseMessageExtensions(xml('presence', { id: 'x' }, xml('request', { xmlns: 'urn:xmpp:receipts' })))).to.deep.equal(NONE);
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('message', {}, 'text'),
      {
        name: 'message',
        attrs: { id: 'x' },
        children: [{ name: 'constructor', attrs: { xmlns: 'http://jabber.org/protocol/chatstates' }, children: [] }],
      },
    ];
    for (const el of odd) expect(() => parseMessageExtensions(el)).not.to.throw();
    expect(parseMessageExtensions(odd[2]).chatState).to.equal(undefined);
  });
});

describe('receipt, marker and chat-state builders', () => {
  it('builds a receipt with a fresh id and a store hint', () => {
    const el = buildReceipt('romeo@example.net/phone', 'm-17');
    expect(el.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(el.attrs.id).not.to.equal(buildReceipt('a@b', 'm').attrs.id);
    expect(toXmlString({ ...el, attrs: { ...el.attrs, id: 'ID' } })).to.equal(
      '<message xmlns="jabber:client" to="romeo@example.net/phone" id="ID" ' +
        'type="chat"><received xmlns="urn:xmpp:receipts" id="m-17"/><store xmlns="urn:xmpp:hints"/></message>',
    );
    expect(parseMessageExtensions(el)).to.deep.equal({ ...NONE, receivedId: 'm-17' });
  });

  it('builds chat markers, displayed by default', () => {
    const el = buildMarker('romeo@example.net', 'm-17');
    expect(el.attrs.type).to.equal('chat');
    expect(el.attrs.id).to.be.a('string');
    expect(childrenOf(el).map(toXmlString)).to.deep.equal([
      '<displayed xmlns="urn:xmpp:chat-markers:0" id="m-17"/>',
      '<store xmlns="urn:xmpp:hints"/>',
    ]);
    expect(parseMessageExtensions(buildMarker('a@b', 'x', 'acknowledged')).marker).to.deep.equal({ type: 'acknowledged', id: 'x' });
  });

  it('builds a standalone chat state hinted not to be stored', () => {
    const el = buildChatState('romeo@example.net', 'composing');
    expect(el.attrs).to.include({ to: 'romeo@example.net', type: 'chat' });
    expect(childrenOf(el).map(toXmlString)).to.deep.equal([
      '<composing xmlns="http://jabber.org/protocol/chatstates"/>',
      '<no-store xmlns="urn:xmpp:hints"/>',
    ]);
    expect(childOf(el, 'body')).to.equal(undefined);
  });
});

describe('withRequests', () => {
  it('adds requests to a copy, leaving the original alone', () => {
    const message = buildChatMessage({ to: 'romeo@example.net', body: 'hi', id: 'm1' });
    const before = toXmlString(message);
    const el = withRequests(message, { receipt: true, markable: true, state: 'active', replaceId: 'm0' });
    expect(toXmlString(message)).to.equal(before);
    expect(toXmlString(el)).to.equal(
      '<message xmlns="jabber:client" to="romeo@example.net" id="m1" type="chat"><body>hi</body>' +
        '<origin-id xmlns="urn:xmpp:sid:0" id="m1"/><request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>' +
        '<active xmlns="http://jabber.org/protocol/chatstates"/><replace xmlns="urn:xmpp:message-correct:0" id="m0"/></message>',
    );
    expect(parseMessageExtensions(el)).to.deep.equal({
      receiptRequest: true,
      markable: true,
      chatState: 'active',
      replaceId: 'm0',
      noStore: false,
    });
  });

  it('adds nothing when asked for nothing', () => {
    const message = buildChatMessage({ to: 'a@b', body: 'x', id: 'm' });
    expect(toXmlString(withRequests(message, {}))).to.equal(toXmlString(message));
    expect(toXmlString(withRequests(message, { receipt: false, markable: false }))).to.equal(toXmlString(message));
  });

  it('replaces requests already there instead of repeating them', () => {
    const once = withRequests(buildChatMessage({ to: 'a@b', body: 'x', id: 'm' }), { receipt: true, state: 'composing', replaceId: 'a' });
    const twice = withRequests(once, { receipt: true, state: 'active', replaceId: 'b' });
    expect(childrenOf(twice, 'request')).to.have.length(1);
    expect(childrenOf(twice, undefined, 'http://jabber.org/protocol/chatstates').map((c) => c.name)).to.deep.equal(['active']);
    expect(childrenOf(twice, 'replace').map((c) => c.attrs.id)).to.deep.equal(['b']);
  });

  it('gives a message without id one when receipts or markers need it', () => {
    const el = withRequests(xml('message', { to: 'a@b' }, xml('body', {}, 'x')), { markable: true });
    expect(el.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(withRequests(xml('message', { to: 'a@b' }), { state: 'gone' }).attrs.id).to.equal(undefined);
  });
});
