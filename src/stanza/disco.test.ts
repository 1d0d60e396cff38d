import { expect } from '@esm-bundle/chai';
import { buildDiscoInfoGet, buildDiscoInfoResult, capsVerification, parseDiscoFeatures, parseDiscoInfo, type DiscoInfo } from './disco.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml, type XmlElement } from './element.ts';

const NS_INFO = 'http://jabber.org/protocol/disco#info';

// XEP-0115 §5.2.
const SIMPLE: DiscoInfo = {
  identities: [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
  features: [
    'http://jabber.org/protocol/disco#info',
    'http://jabber.org/protocol/disco#items',
    'http://jabber.org/protocol/muc',
    'http://jabber.org/protocol/caps',
  ],
  forms: [],
};

// XEP-0115 §5.3, as it would arrive (identities and fields out of order).
const COMPLEX_IQ = `<iq xmlns='jabber:client' from='benvolio@capulet.lit/230193' id='disco1' to='juliet@capulet.lit/chamber' type='result'>
  <query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
    <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
    <identity xml:lang='el' category='client' name='&#936; 0.11' type='pc'/>
    <feature var='http://jabber.org/protocol/caps'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
      <field var='os_version'><value>10.5.1</value></field>
      <field var='ip_version'><value>ipv6</value><value>ipv4</value></field>
      <field var='os'><value>Mac</value></field>
      <field var='software'><value>Psi</value></field>
      <field var='software_version'><value>0.11</value></field>
    </x>
  </query>
</iq>`;

// Prosody 0.12's answer for the server itself, trimmed, with a contact-addresses form (XEP-0157).
const PROSODY_SERVER_INFO = `<iq xmlns='jabber:client' type='result' from='localhost' id='d1'>
  <query xmlns='http://jabber.org/protocol/disco#info'>
    <identity type='im' name='Prosody' category='server'/>
    <identity type='pep' category='pubsub'/>
    <feature var='urn:xmpp:carbons:2'/><feature var='urn:xmpp:blocking'/><feature var='msgoffline'/><feature var=''/><feature/>
    <identity category='client'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field>
      <field var='admin-addresses' type='list-multi'><value>mailto:admin@localhost</value><value>xmpp:admin@localhost</value></field>
    </x>
    <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>urn:not-hidden</value></field><field var='a'><value>1</value></field></x>
    <x xmlns='jabber:x:data' type='result'><field var='b'><value>no form type</value></field></x>
    <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:a</value><value>urn:b</value></field></x>
  </query>
</iq>`;

describe('buildDiscoInfoGet', () => {
  it('asks an entity, or one of its nodes', () => {
    const iq = buildDiscoInfoGet('romeo@montague.lit/orchard', 'http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0=');
    expect(iq.attrs).to.include({ type: 'get', to: 'romeo@montague.lit/orchard' });
    expect(iq.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(childOf(iq, 'query', NS_INFO)?.attrs.node).to.equal('http://code.google.com/p/exodus#QgayPKawpkPSDYmwT/WM94uAlu0=');
    expect(toXmlString(childOf(buildDiscoInfoGet('example.org'), 'query')!)).to.equal(`<query xmlns="${NS_INFO}"/>`);
  });
});

describe('parseDiscoInfo', () => {
  it('reads the XEP-0115 complex example', () => {
    const info = parseDiscoInfo(parseXml(COMPLEX_IQ));
    expect(info?.identities).to.deep.equal([
      { category: 'client', type: 'pc', name: 'Psi 0.11', lang: 'en' },
      { category: 'client', type: 'pc', name: '\u03a8 0.11', lang: 'el' },
    ]);
    expect(info?.features).to.have.length(4);
    expect(info?.forms).to.have.length(1);
    expect(info?.forms[0].type).to.equal('urn:xmpp:dataforms:softwareinfo');
    expect(info?.forms[0].fields[1]).to.deep.equal({ var: 'ip_version', values: ['ipv6', 'ipv4'] });
  });

  it('reads a Prosody server answer, leaving out broken identities, features and forms', () => {
    expect(parseDiscoInfo(parseXml(PROSODY_SERVER_INFO))).to.deep.equal({
      identities: [
        { category: 'server', type: 'im', name: 'Prosody' },
        { category: 'pubsub', type: 'pep' },
      ],
      features: ['urn:xmpp:carbons:2', 'urn:xmpp:blocking', 'msgoffline'],
      forms: [
        {
          type: 'http://jabber.org/network/serverinfo',
          fields: [{ var: 'admin-addresses', values: ['mailto:admin@localhost', 'xmpp:admin@localhost'] }],
        },
      ],
    });
  });

  it('keeps markup in names as text', () => {
    const iq = parseXml(
      `<iq type='result'><query xmlns='${NS_INFO}'><identity category='client' type='web' name='&lt;img src=x onerror=alert(1)&gt;'/></query></iq>`,
    );
    expect(parseDiscoInfo(iq)?.identities[0].name).to.equal('<img src=x onerror=alert(1)>');
  });

  it('returns undefined for errors, other types and missing queries', () => {
    const cases = [
      xml('iq', { type: 'error' }, xml('query', { xmlns: NS_INFO })),
      xml('iq', { type: 'get' }, xml('query', { xmlns: NS_INFO })),
      xml('iq', { type: 'result' }),
      xml('iq', { type: 'result' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' })),
      xml('message', { type: 'result' }, xml('query', { xmlns: NS_INFO })),
    ];
    for (const el of cases) expect(parseDiscoInfo(el), toXmlString(el)).to.equal(undefined);
  });
});

describe('capsVerification', () => {
  it('computes the XEP-0115 §5.2 simple example', async () => {
    expect(await capsVerification(SIMPLE)).to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('computes the XEP-0115 §5.3 complex example from the parsed answer', async () => {
    expect(await capsVerification(parseDiscoInfo(parseXml(COMPLEX_IQ))!)).to.equal('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('does not depend on order, but on content', async () => {
    const shuffled: DiscoInfo = { ...SIMPLE, features: [...SIMPLE.features].reverse() };
    expect(await capsVerification(shuffled)).to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
    expect(await capsVerification({ ...SIMPLE, features: SIMPLE.features.slice(1) })).not.to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('sorts by UTF-8 bytes (i;octet), not UTF-16 code units', async () => {
    // In UTF-16, U+1F600 (D83D DE00) sorts before U+FF21; in UTF-8, U+FF21 (EF BC A1) comes before it (F0 9F 98 80).
    const a = await capsVerification({ identities: [], features: ['\uff21', '\u{1f600}'], forms: [] });
    const b = await capsVerification({ identities: [], features: ['\u{1f600}', '\uff21'], forms: [] });
    expect(a).to.equal(b);
    const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode('\uff21<\u{1f600}<'));
    expect(a).to.equal(btoa(String.fromCharCode(...new Uint8Array(digest))));
  });

  it('refuses ill-formed info: repeated identities, features or form types, and "<"', async () => {
    const bad: DiscoInfo[] = [
      { ...SIMPLE, identities: [SIMPLE.identities[0], { ...SIMPLE.identities[0] }] },
      { ...SIMPLE, features: [...SIMPLE.features, SIMPLE.features[0]] },
      {
        ...SIMPLE,
        forms: [
          { type: 'urn:x', fields: [] },
          { type: 'urn:x', fields: [] },
        ],
      },
      { ...SIMPLE, features: ['http://jabber.org/protocol/muc<http://jabber.org/protocol/caps'] },
      { ...SIMPLE, forms: [{ type: 'urn:x', fields: [{ var: 'a', values: ['x<y'] }] }] },
    ];
    for (const info of bad) {
      let failed = false;
      try {
        await capsVerification(info);
      } catch {
        failed = true;
      }
      expect(failed, JSON.stringify(info)).to.equal(true);
    }
  });
});

describe('buildDiscoInfoResult', () => {
  it('answers a request with our info, echoing the node', async () => {
    const request = parseXml(
      `<iq xmlns='jabber:client' type='get' id='disco1' from='juliet@capulet.lit/balcony' to='romeo@montague.lit/orchard'>` +
        `<query xmlns='${NS_INFO}' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='/></iq>`,
    );
    const info = parseDiscoInfo(parseXml(COMPLEX_IQ))!;
    const answer = buildDiscoInfoResult(request, info);
    expect(answer.attrs).to.deep.equal({ type: 'result', id: 'disco1', to: 'juliet@capulet.lit/balcony' });
    expect(childOf(answer, 'query')?.attrs.node).to.equal('http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w=');
    const reread = parseDiscoInfo(parseXml(toXmlString(answer)))!;
    expect(reread).to.deep.equal(info);
    expect(await capsVerification(reread)).to.equal('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('answers a request without node or from', () => {
    const answer = buildDiscoInfoResult(xml('iq', { type: 'get', id: 'x' }, xml('query', { xmlns: NS_INFO })), SIMPLE);
    expect(answer.attrs).to.deep.equal({ type: 'result', id: 'x' });
    expect(toXmlString(answer)).to.contain(
      '<query xmlns="http://jabber.org/protocol/disco#info"><identity category="client" type="pc" name="Exodus 0.9.1"/>',
    );
  });
});

describe('disco parsers', () => {
  it('never throw on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('iq', { type: 'result' }, 'x'),
      xml('iq', { type: 'result' }, xml('query', { xmlns: NS_INFO }, 'text', xml('x', { xmlns: 'jabber:x:data' }, xml('field', {}, 'v')))),
      xml('iq', { type: 'result' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#items' }, xml('item', { jid: '' }))),
    ];
    for (const el of odd) {
      expect(() => parseDiscoInfo(el)).not.to.throw();
    }
  });
});

describe('parseDiscoFeatures', () => {
  it('reads the features as parseDiscoInfo does, and nothing from anything else', () => {
    const answer = parseXml(COMPLEX_IQ);
    expect(parseDiscoFeatures(answer)).to.deep.equal(parseDiscoInfo(answer)!.features);
    expect(parseDiscoFeatures(xml('iq', { type: 'error' }, xml('query', { xmlns: NS_INFO })))).to.equal(undefined);
    expect(parseDiscoFeatures(xml('iq', { type: 'result' }))).to.equal(undefined);
    expect(parseDiscoFeatures(xml('iq', { type: 'result' }, xml('query', { xmlns: NS_INFO }, xml('feature', {}))))).to.deep.equal([]);
  });
});
