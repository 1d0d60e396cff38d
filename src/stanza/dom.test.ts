import { expect } from '@esm-bundle/chai';
import { $build, Strophe } from 'strophe.js';
import { XmppChatError } from '../errors.ts';
import { fromDom, parseXml, StanzaParseError, toDom } from './dom.ts';
import { childOf, textOf, xml, type XmlElement } from './element.ts';

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_STREAMS = 'urn:ietf:params:xml:ns:xmpp-streams';

// As Prosody 0.12 sends it inside a BOSH body.
const PROSODY_BOSH_BODY =
  `<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams'>` +
  `<message xmlns='jabber:client' type='chat' to='bob@localhost/web' from='alice@localhost/desk' id='m-1'>` +
  `<body>hi <![CDATA[<b>there</b>]]></body><!-- note --><?pi x?>` +
  `<stanza-id xmlns='urn:xmpp:sid:0' by='bob@localhost' id='S1'/></message>` +
  `<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></body>`;

function parseDom(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml');
}

function parseError(text: string): unknown {
  try {
    parseXml(text);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('fromDom', () => {
  it('keeps namespaces of stanzas taken out of a BOSH body', () => {
    const [message, streamError] = Array.from(parseDom(PROSODY_BOSH_BODY).documentElement.children);
    const el = fromDom(message);
    expect(el.name).to.equal('message');
    expect(el.attrs).to.deep.equal({
      xmlns: 'jabber:client',
      type: 'chat',
      to: 'bob@localhost/web',
      from: 'alice@localhost/desk',
      id: 'm-1',
    });
    const body = childOf(el, 'body')!;
    expect(body.attrs).to.deep.equal({}); // inherits jabber:client, no redundant xmlns
    expect(body.children).to.deep.equal(['hi <b>there</b>']); // CDATA merged into the text, comment and PI dropped
    expect(el.children).to.have.length(2);
    expect(childOf(el, 'stanza-id', 'urn:xmpp:sid:0')?.attrs).to.include({ by: 'bob@localhost', id: 'S1' });

    const err = fromDom(streamError);
    expect(err.name).to.equal('stream:error');
    expect(err.attrs['xmlns:stream']).to.equal(NS_STREAM); // declared above the element: carried along
    expect(childOf(err, 'conflict', NS_STREAMS)).to.exist;
  });

  it('adds xmlns where the DOM namespace changes without an attribute', () => {
    const doc = document.implementation.createDocument(null, null);
    const iq = doc.createElementNS('jabber:client', 'iq');
    const query = doc.createElementNS('jabber:iq:roster', 'query');
    const item = doc.createElementNS('jabber:iq:roster', 'item');
    item.setAttribute('jid', 'carol@example.org');
    query.appendChild(item);
    iq.appendChild(query);
    expect(fromDom(iq)).to.deep.equal(
      xml('iq', { xmlns: 'jabber:client' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: 'carol@example.org' }))),
    );
  });

  it('adds nothing to elements built without namespaces, as strophe.js builds them', () => {
    const el = $build('message', { xmlns: 'jabber:client', to: 'a@b' }).c('body').t('x').tree();
    expect(fromDom(el)).to.deep.equal(xml('message', { xmlns: 'jabber:client', to: 'a@b' }, xml('body', {}, 'x')));
  });
});

describe('parseXml', () => {
  it('reads an ejabberd stream error with its prefix', () => {
    const el = parseXml(
      `<stream:error xmlns:stream='${NS_STREAM}'><conflict xmlns='${NS_STREAMS}'/>` +
        `<text xml:lang='en' xmlns='${NS_STREAMS}'>Replaced by new connection</text></stream:error>`,
    );
    expect(el.name).to.equal('stream:error');
    expect(textOf(childOf(el, 'text', NS_STREAMS))).to.equal('Replaced by new connection');
    expect(childOf(el, 'text')!.attrs['xml:lang']).to.equal('en');
  });

  it('keeps markup-looking text as text', () => {
    const el = parseXml(`<body>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <![CDATA[<img src=x onerror=alert(2)>]]></body>`);
    expect(el.children).to.deep.equal(['<script>alert(1)</script> & <img src=x onerror=alert(2)>']);
  });

  it('throws StanzaParseError on empty, malformed and DTD input', () => {
    const inputs = [
      '',
      '   \n',
      'not xml',
      '<message>',
      '<a></b>',
      '<a/><b/>',
      '<a x="1" x="2"/>',
      '<a>&unknown;</a>',
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>',
      '<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><lolz>&c;</lolz>',
    ];
    for (const input of inputs) {
      const error = parseError(input);
      expect(error, JSON.stringify(input)).to.be.instanceOf(StanzaParseError);
      expect(error).to.be.instanceOf(XmppChatError);
      expect((error as StanzaParseError).condition).to.equal('malformed-xml');
      expect((error as StanzaParseError).name).to.equal('StanzaParseError');
      expect((error as StanzaParseError).message).to.match(/XML|empty/);
    }
  });

  it('does not mistake a <parsererror> element of the document for a failure', () => {
    expect(parseXml('<x xmlns="urn:example"><parsererror/></x>').name).to.equal('x');
  });
});

describe('toDom', () => {
  const message = xml(
    'message',
    { xmlns: 'jabber:client', to: 'bob@example.org', id: 'a"<&' },
    xml('body', { 'xml:lang': 'en' }, '<script>alert(1)</script>'),
    xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: 'o1' }),
    xml('x', { xmlns: 'jabber:x:data', 'xmlns:p': 'urn:p' }, xml('p:field', { 'p:var': 'v' }, xml('value', {}, '1'))),
  );

  it('creates elements in the namespace of the nearest xmlns', () => {
    const el = toDom(message);
    expect(el.namespaceURI).to.equal('jabber:client');
    expect(el.getAttribute('id')).to.equal('a"<&');
    const [body, originId, x] = Array.from(el.children);
    expect(body.namespaceURI).to.equal('jabber:client');
    expect(body.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang')).to.equal('en');
    expect(originId.namespaceURI).to.equal('urn:xmpp:sid:0');
    const field = x.firstElementChild!;
    expect([field.namespaceURI, field.localName, field.prefix]).to.deep.equal(['urn:p', 'field', 'p']);
    expect(field.getAttributeNS('urn:p', 'var')).to.equal('v');
    expect(field.firstElementChild!.namespaceURI).to.equal('jabber:x:data');
  });

  it('uses jabber:client when no namespace is given', () => {
    expect(toDom(xml('presence', {}, xml('show', {}, 'away'))).firstElementChild!.namespaceURI).to.equal('jabber:client');
  });

  it('adds text as text nodes only', () => {
    const body = toDom(message).firstElementChild!;
    expect(body.children).to.have.length(0);
    expect(body.textContent).to.equal('<script>alert(1)</script>');
    expect(new XMLSerializer().serializeToString(body)).to.contain('&lt;script&gt;');
  });

  it('round-trips through the DOM and through XMLSerializer, namespaces included', () => {
    expect(fromDom(toDom(message))).to.deep.equal(message);
    expect(parseXml(new XMLSerializer().serializeToString(toDom(message)))).to.deep.equal(message);
    const streamError = xml('stream:error', { 'xmlns:stream': NS_STREAM }, xml('conflict', { xmlns: NS_STREAMS }));
    const dom = toDom(streamError);
    expect([dom.namespaceURI, dom.localName]).to.deep.equal([NS_STREAM, 'error']);
    expect(fromDom(dom)).to.deep.equal(streamError);
  });

  it('gives the top element an xmlns when it had none', () => {
    const bare: XmlElement = xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    expect(fromDom(toDom(bare))).to.deep.equal({ ...bare, attrs: { xmlns: 'jabber:client', type: 'get' } });
  });

  it('keeps namespaces when strophe.js serializes the element into a BOSH body', () => {
    const wire = Strophe.serialize($build('body', { xmlns: 'http://jabber.org/protocol/httpbind' }).cnode(toDom(message)).tree());
    expect(wire).to.contain('<message id="a&quot;&lt;&amp;" to="bob@example.org" xmlns="jabber:client">');
    expect(wire).to.contain('<origin-id id="o1" xmlns="urn:xmpp:sid:0"/>');
    expect(wire).to.contain('&lt;script&gt;');
  });
});
