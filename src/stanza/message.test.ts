import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, textOf, toXmlString, xml, type XmlElement } from './element.ts';
import { buildChatMessage, newStanzaId, parseChatMessage } from './message.ts';

// A message as Prosody 0.12 delivers it, archived (XEP-0359) and delayed (XEP-0203).
const PROSODY_MESSAGE = `<message xmlns='jabber:client' type='chat' to='bob@localhost/web' from='alice@localhost/desk' id='9f1e'>
  <body>Hello Bob</body>
  <thread>t-42</thread>
  <origin-id xmlns='urn:xmpp:sid:0' id='9f1e'/>
  <stanza-id xmlns='urn:xmpp:sid:0' by='bob@localhost' id='AbCd1234'/>
  <stanza-id xmlns='urn:xmpp:sid:0' id='missing-by'/>
  <stanza-id xmlns='urn:xmpp:sid:0' by='muc.localhost'/>
  <delay xmlns='urn:xmpp:delay' from='localhost' stamp='2024-05-01T10:00:00Z'>Offline Storage</delay>
  <active xmlns='http://jabber.org/protocol/chatstates'/>
</message>`;

describe('newStanzaId', () => {
  it('gives long, distinct ids', () => {
    const ids = new Set(Array.from({ length: 100 }, newStanzaId));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(id).to.match(/^[0-9a-f-]{32,36}$/);
  });
});

describe('buildChatMessage', () => {
  it('builds a chat message with an origin-id equal to its id', () => {
    const el = buildChatMessage({ to: 'bob@example.org', body: 'hi', id: 'm1' });
    expect(toXmlString(el)).to.equal(
      '<message xmlns="jabber:client" to="bob@example.org" id="m1" type="chat"><body>hi</body><origin-id xmlns="urn:xmpp:sid:0" id="m1"/></message>',
    );
  });

  it('makes up an id, and takes a type and a separate origin-id', () => {
    const el = buildChatMessage({ to: 'room@muc.example.org', body: 'x', type: 'groupchat', originId: 'o9' });
    expect(el.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(el.attrs.type).to.equal('groupchat');
    expect(childOf(el, 'origin-id', 'urn:xmpp:sid:0')?.attrs.id).to.equal('o9');
    const generated = buildChatMessage({ to: 'a@b', body: 'x' });
    expect(childOf(generated, 'origin-id')?.attrs.id).to.equal(generated.attrs.id);
  });

  it('keeps markup in the body as text', () => {
    const el = buildChatMessage({ to: 'a@b', body: '<script>alert(1)</script>', id: 'm' });
    expect(toXmlString(el)).to.contain('<body>&lt;script&gt;alert(1)&lt;/script&gt;</body>');
    expect(parseChatMessage(parseXml(toXmlString(el)))?.body).to.equal('<script>alert(1)</script>');
  });
});

describe('parseChatMessage', () => {
  it('reads a recorded Prosody message', () => {
    expect(parseChatMessage(parseXml(PROSODY_MESSAGE))).to.deep.equal({
      id: '9f1e',
      originId: '9f1e',
      stanzaIds: [{ id: 'AbCd1234', by: 'bob@localhost' }],
      from: 'alice@localhost/desk',
      to: 'bob@localhost/web',
      type: 'chat',
      body: 'Hello Bob',
      thread: 't-42',
      delay: { stamp: '2024-05-01T10:00:00Z', from: 'localhost' },
    });
  });

  it('reads what buildChatMessage builds', () => {
    const message = parseChatMessage(buildChatMessage({ to: 'bob@example.org', body: 'hi', id: 'm1' }));
    expect(message).to.deep.equal({ id: 'm1', originId: 'm1', stanzaIds: [], to: 'bob@example.org', type: 'chat', body: 'hi' });
  });

  it('treats a missing type as normal and accepts missing ids', () => {
    const message = parseChatMessage(parseXml(`<message from='example.org'><body>Welcome!</body></message>`));
    expect(message).to.deep.equal({ stanzaIds: [], from: 'example.org', type: 'normal', body: 'Welcome!' });
  });

  it('accepts groupchat and headline messages', () => {
    expect(parseChatMessage(xml('message', { type: 'groupchat' }, xml('body', {}, 'a')))?.type).to.equal('groupchat');
    expect(parseChatMessage(xml('message', { type: 'headline' }, xml('body', {}, 'a')))?.type).to.equal('headline');
  });

  it('returns undefined for errors, other types, other stanzas and empty bodies', () => {
    const cases: XmlElement[] = [
      parseXml(
        `<message xmlns='jabber:client' type='error' from='b@x'><body>hi</body><error type='cancel'>` +
          `<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
      ),
      xml('message', { type: 'bogus' }, xml('body', {}, 'hi')),
      xml('presence', {}, xml('body', {}, 'hi')),
      xml('iq', { type: 'set' }),
      xml('message', { type: 'chat' }),
      xml('message', { type: 'chat' }, xml('body')),
      xml('message', { type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })),
      xml('message', { type: 'chat' }, xml('body', { xmlns: 'urn:not-a-body' }, 'hi')),
    ];
    for (const el of cases) expect(parseChatMessage(el), toXmlString(el)).to.equal(undefined);
  });

  it('keeps HTML-looking bodies as literal text and ignores elements inside the body', () => {
    const el = parseXml(`<message type='chat'><body>&lt;img src=x onerror="alert(1)"&gt;<b>bold</b></body></message>`);
    expect(parseChatMessage(el)?.body).to.equal('<img src=x onerror="alert(1)">');
  });

  it('reads a 1 MB body', () => {
    const big = 'x'.repeat(1024 * 1024);
    const message = parseChatMessage(parseXml(`<message type='chat'><body>${big}</body></message>`));
    expect(message?.body).to.have.length(1024 * 1024);
  });

  it('ignores ids and delays in unknown namespaces, and delays without a stamp', () => {
    const el = xml(
      'message',
      { type: 'chat' },
      xml('body', {}, 'b'),
      xml('origin-id', { xmlns: 'urn:evil', id: 'fake' }),
      xml('stanza-id', { xmlns: 'urn:evil', id: 'fake', by: 'x' }),
      xml('delay', { xmlns: 'urn:xmpp:delay' }),
    );
    expect(parseChatMessage(el)).to.deep.equal({ stanzaIds: [], type: 'chat', body: 'b' });
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml('message'),
      xml(''),
      xml('message', { type: '' }, xml('body', {}, '')),
      xml('message', {}, 'text', xml('body', {}, xml('body', {}, 'nested'))),
      { name: 'message', attrs: { type: 'toString' }, children: [{ name: 'body', attrs: {}, children: ['ok'] }] },
    ];
    for (const el of odd) expect(() => parseChatMessage(el)).not.to.throw();
    expect(textOf(odd[3])).to.equal('text');
  });
});
