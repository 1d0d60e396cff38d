import { expect } from '@esm-bundle/chai';
import { buildEnableCarbons, unwrapCarbon } from './carbons.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml, type XmlElement } from './element.ts';
import { parseChatMessage } from './message.ts';

const OWN = 'romeo@montague.example';

// A received carbon as Prosody 0.12 delivers it.
const RECEIVED = `<message xmlns='jabber:client' from='romeo@montague.example' to='romeo@montague.example/home' type='chat'>
  <received xmlns='urn:xmpp:carbons:2'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <message xmlns='jabber:client' from='juliet@capulet.example/balcony' to='romeo@montague.example/garden' type='chat' id='j1'>
        <body>What man art thou?</body>
      </message>
    </forwarded>
  </received>
</message>`;

// A sent carbon as ejabberd delivers it.
const SENT = `<message xmlns='jabber:client' from='romeo@montague.example' to='romeo@montague.example/garden' type='chat'>
  <sent xmlns='urn:xmpp:carbons:2'>
    <forwarded xmlns='urn:xmpp:forward:0'>
      <message xmlns='jabber:client' to='juliet@capulet.example/balcony' from='romeo@montague.example/home' type='chat' id='r1'>
        <body>Neither, fair saint.</body>
      </message>
    </forwarded>
  </sent>
</message>`;

const wrap = (from: string | undefined, direction: string, inner: XmlElement, type = 'chat') =>
  xml(
    'message',
    { from, type, to: `${OWN}/web` },
    xml(direction, { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner)),
  );
const inner = xml('message', { from: 'juliet@capulet.example/balcony', type: 'chat', id: 'x' }, xml('body', {}, 'hi'));

describe('buildEnableCarbons', () => {
  it('builds an iq set with enable', () => {
    const iq = buildEnableCarbons();
    expect(iq.attrs.type).to.equal('set');
    expect(iq.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(toXmlString(childOf(iq, 'enable')!)).to.equal('<enable xmlns="urn:xmpp:carbons:2"/>');
  });
});

describe('unwrapCarbon', () => {
  it('unwraps a received carbon', () => {
    const carbon = unwrapCarbon(parseXml(RECEIVED), OWN);
    expect(carbon?.direction).to.equal('received');
    expect(parseChatMessage(carbon!.message)).to.deep.include({
      id: 'j1',
      from: 'juliet@capulet.example/balcony',
      body: 'What man art thou?',
    });
  });

  it('unwraps a sent carbon, comparing the own JID without regard to case', () => {
    const carbon = unwrapCarbon(parseXml(SENT), 'Romeo@Montague.EXAMPLE');
    expect(carbon?.direction).to.equal('sent');
    expect(carbon?.message.attrs.to).to.equal('juliet@capulet.example/balcony');
    expect(unwrapCarbon(wrap('ROMEO@montague.example', 'sent', inner), OWN)?.message).to.equal(inner);
  });

  it('ignores forged carbons from anyone but the own bare JID', () => {
    for (const from of [
      undefined,
      '',
      'juliet@capulet.example',
      'juliet@capulet.example/balcony',
      'romeo@montague.example/home',
      'montague.example',
      'romeo@montague.example.evil',
      'romeo@evil.example',
      'romeo@montague.example@evil',
    ]) {
      expect(unwrapCarbon(wrap(from, 'received', inner), OWN), String(from)).to.equal(undefined);
      expect(unwrapCarbon(wrap(from, 'sent', inner), OWN), String(from)).to.equal(undefined);
    }
    expect(unwrapCarbon(wrap(OWN, 'sent', inner), 'romeo@montague.example/home')).to.equal(undefined);
    expect(unwrapCarbon(wrap(OWN, 'sent', inner), 'not a jid')).to.equal(undefined);
    expect(unwrapCarbon(wrap(`${OWN}/home`, 'sent', inner), `${OWN}/home`)).to.equal(undefined);
  });

  it('refuses carbons of carbons', () => {
    const nested = wrap(
      OWN,
      'received',
      xml(
        'message',
        { from: OWN, type: 'chat' },
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner)),
      ),
    );
    expect(unwrapCarbon(nested, OWN)).to.equal(undefined);
  });

  it('refuses malformed wrappers', () => {
    const cases: XmlElement[] = [
      xml('message', { from: OWN, type: 'chat' }, xml('body', {}, 'not a carbon')),
      wrap(OWN, 'private', inner),
      wrap(OWN, 'received', inner, 'error'),
      xml(
        'message',
        { from: OWN },
        xml('received', { xmlns: 'urn:xmpp:carbons:1' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner)),
      ),
      xml('message', { from: OWN }, xml('received', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:evil' }, inner))),
      xml('message', { from: OWN }, xml('received', { xmlns: 'urn:xmpp:carbons:2' }, inner)),
      xml('message', { from: OWN }, xml('received', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }))),
      xml(
        'message',
        { from: OWN },
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner, inner)),
      ),
      xml(
        'message',
        { from: OWN },
        xml(
          'sent',
          { xmlns: 'urn:xmpp:carbons:2' },
          xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('message', { xmlns: 'urn:evil' }, xml('body', {}, 'x'))),
        ),
      ),
      xml(
        'message',
        { from: OWN },
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('iq', { type: 'set' }))),
      ),
      { ...wrap(OWN, 'sent', inner), children: [...wrap(OWN, 'sent', inner).children, ...wrap(OWN, 'received', inner).children] },
      xml(
        'presence',
        { from: OWN },
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, inner)),
      ),
    ];
    for (const el of cases) expect(unwrapCarbon(el, OWN), toXmlString(el)).to.equal(undefined);
  });

  it('unwraps a carbon holding a 1 MB body', () => {
    const big = 'x'.repeat(1024 * 1024);
    const el = parseXml(RECEIVED.replace('What man art thou?', big));
    const carbon = unwrapCarbon(el, OWN);
    expect(parseChatMessage(carbon!.message)?.body).to.have.length(1024 * 1024);
  });

  it('keeps HTML in the carbon as text', () => {
    const el = parseXml(RECEIVED.replace('What man art thou?', '&lt;img src=x onerror=alert(1)&gt;'));
    expect(parseChatMessage(unwrapCarbon(el, OWN)!.message)?.body).to.equal('<img src=x onerror=alert(1)>');
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('message'),
      xml('message', { from: OWN }, 'text'),
      xml(
        'message',
        { from: OWN },
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, 'x', xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, 'y')),
      ),
    ];
    for (const el of odd) {
      expect(() => unwrapCarbon(el, OWN)).not.to.throw();
      expect(() => unwrapCarbon(el, '')).not.to.throw();
    }
  });
});
