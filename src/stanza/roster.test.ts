import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml, type XmlElement } from './element.ts';
import { buildRosterGet, buildRosterRemove, buildRosterSet, parseRosterPush, parseRosterResult, ROSTER_NAMESPACE } from './roster.ts';

const OWN = 'juliet@example.com';

// A roster result as Prosody 0.12 sends it (versioned), with the oddities a server can store.
const PROSODY_ROSTER = `<iq xmlns='jabber:client' type='result' id='r1' to='juliet@example.com/balcony'>
  <query xmlns='jabber:iq:roster' ver='3'>
    <item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group><group>Friends</group><group/></item>
    <item jid='Nurse@Example.com' subscription='none' ask='subscribe'/>
    <item jid='mercutio@example.net' subscription='bogus' ask='maybe' name=''/>
    <item jid='romeo@example.net' name='Duplicate' subscription='none'/>
    <item jid='tybalt@example.net/sword' subscription='both'/>
    <item jid='not a jid' subscription='both'/>
    <item subscription='both'/>
    <item jid='benvolio@example.net' subscription='remove'/>
    <item jid='&lt;b&gt;x@example.net' subscription='both'/>
    <item jid='evil@example.net' name='&lt;img src=x onerror=alert(1)&gt;' subscription='from'/>
  </query>
</iq>`;

describe('buildRosterGet', () => {
  it('asks for the roster with or without a version', () => {
    const plain = buildRosterGet();
    expect(plain.attrs.type).to.equal('get');
    expect(plain.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(toXmlString(childOf(plain, 'query', ROSTER_NAMESPACE)!)).to.equal('<query xmlns="jabber:iq:roster"/>');
    expect(childOf(buildRosterGet('ver14'), 'query')?.attrs.ver).to.equal('ver14');
    expect(childOf(buildRosterGet(''), 'query')?.attrs).to.deep.equal({ xmlns: 'jabber:iq:roster', ver: '' });
    expect(buildRosterGet().attrs.id).not.to.equal(plain.attrs.id);
  });
});

describe('parseRosterResult', () => {
  it('reads a Prosody roster, skipping bad, non-bare, removed and repeated items', () => {
    expect(parseRosterResult(parseXml(PROSODY_ROSTER))).to.deep.equal({
      ver: '3',
      items: [
        { jid: 'romeo@example.net', name: 'Romeo', subscription: 'both', groups: ['Friends'] },
        { jid: 'nurse@example.com', subscription: 'none', ask: 'subscribe', groups: [] },
        { jid: 'mercutio@example.net', subscription: 'none', groups: [] },
        { jid: 'evil@example.net', name: '<img src=x onerror=alert(1)>', subscription: 'from', groups: [] },
      ],
    });
  });

  it('reads an ejabberd roster without version', () => {
    const iq = parseXml(
      `<iq xmlns='jabber:client' from='juliet@example.com' to='juliet@example.com/x' id='a' type='result'>` +
        `<query xmlns='jabber:iq:roster'><item subscription='to' jid='capulet.example'/></query></iq>`,
    );
    expect(parseRosterResult(iq)).to.deep.equal({ items: [{ jid: 'capulet.example', subscription: 'to', groups: [] }] });
  });

  it('reads an empty result as "your cached roster is current"', () => {
    expect(parseRosterResult(parseXml(`<iq type='result' id='r1'/>`))).to.deep.equal({ items: [], ver: undefined, unchanged: true });
    expect(parseRosterResult(xml('iq', { type: 'result' }, 'whitespace'))?.unchanged).to.equal(true);
  });

  it('reads an empty roster as empty, not unchanged', () => {
    expect(parseRosterResult(xml('iq', { type: 'result' }, xml('query', { xmlns: ROSTER_NAMESPACE, ver: '' })))).to.deep.equal({
      items: [],
      ver: '',
    });
  });

  it('returns undefined for errors, other types and foreign payloads', () => {
    const cases = [
      xml('iq', { type: 'error' }, xml('query', { xmlns: ROSTER_NAMESPACE })),
      xml('iq', { type: 'set' }, xml('query', { xmlns: ROSTER_NAMESPACE })),
      xml('iq', {}, xml('query', { xmlns: ROSTER_NAMESPACE })),
      xml('message', { type: 'result' }),
      xml('iq', { type: 'result' }, xml('query', { xmlns: 'jabber:iq:version' })),
      xml('iq', { type: 'result' }, xml('query', { xmlns: ROSTER_NAMESPACE }), xml('query', { xmlns: ROSTER_NAMESPACE })),
    ];
    for (const el of cases) expect(parseRosterResult(el), toXmlString(el)).to.equal(undefined);
  });
});

describe('parseRosterPush', () => {
  const push = (from: string | undefined, ...items: XmlElement[]) =>
    xml('iq', { type: 'set', id: 'p1', from }, xml('query', { xmlns: ROSTER_NAMESPACE, ver: 'v9' }, items));
  const romeo = xml('item', { jid: 'romeo@example.net', subscription: 'remove' });

  it('reads a Prosody push (no from) and an ejabberd push (from the bare JID)', () => {
    const prosody = parseXml(
      `<iq xmlns='jabber:client' type='set' id='lx4' to='juliet@example.com/balcony'>` +
        `<query xmlns='jabber:iq:roster' ver='4'><item jid='nurse@example.com' name='Nurse' subscription='to'>` +
        `<group>Servants</group></item></query></iq>`,
    );
    expect(parseRosterPush(prosody, OWN)).to.deep.equal({
      ver: '4',
      item: { jid: 'nurse@example.com', name: 'Nurse', subscription: 'to', groups: ['Servants'] },
    });
    expect(parseRosterPush(push('Juliet@Example.COM', romeo), OWN)).to.deep.equal({
      ver: 'v9',
      item: { jid: 'romeo@example.net', subscription: 'remove', groups: [] },
    });
    expect(parseRosterPush(push(undefined, romeo), 'JULIET@example.com')?.item.jid).to.equal('romeo@example.net');
  });

  it('leaves ver out when the push has none', () => {
    const iq = xml('iq', { type: 'set' }, xml('query', { xmlns: ROSTER_NAMESPACE }, romeo));
    expect(parseRosterPush(iq, OWN)).to.deep.equal({ item: { jid: 'romeo@example.net', subscription: 'remove', groups: [] } });
  });

  it('ignores forged pushes from anyone but the own bare JID', () => {
    for (const from of [
      'romeo@example.net',
      'juliet@example.com/balcony',
      'example.com',
      'juliet@evil.example',
      '',
      'juliet@example.com@x',
    ]) {
      expect(parseRosterPush(push(from, romeo), OWN), from).to.equal(undefined);
    }
    expect(parseRosterPush(push('juliet@example.com', romeo), 'not a jid')).to.equal(undefined);
    expect(parseRosterPush(push(`${OWN}/balcony`, romeo), `${OWN}/balcony`)).to.equal(undefined);
  });

  it('needs an iq set with exactly one valid item', () => {
    const cases = [
      push(undefined),
      push(undefined, romeo, xml('item', { jid: 'nurse@example.com' })),
      push(undefined, xml('item', { jid: 'bad jid' })),
      push(undefined, xml('item', { jid: 'a@b/c' })),
      push(undefined, xml('group', {}, 'x')),
      xml('iq', { type: 'result' }, xml('query', { xmlns: ROSTER_NAMESPACE }, romeo)),
      xml('iq', { type: 'set' }, xml('query', { xmlns: 'urn:evil' }, romeo)),
      xml('iq', { type: 'set' }, romeo),
    ];
    for (const el of cases) expect(parseRosterPush(el, OWN), toXmlString(el)).to.equal(undefined);
  });
});

describe('buildRosterSet / buildRosterRemove', () => {
  it('adds a contact with name and distinct groups', () => {
    const iq = buildRosterSet({ jid: 'romeo@example.net', name: '<b>Romeo</b>', groups: ['Friends', 'Friends', '', 'Verona'] });
    expect(iq.attrs.type).to.equal('set');
    expect(iq.attrs.id).to.be.a('string');
    expect(toXmlString(childOf(iq, 'query')!)).to.equal(
      '<query xmlns="jabber:iq:roster"><item jid="romeo@example.net" ' +
        'name="&lt;b&gt;Romeo&lt;/b&gt;"><group>Friends</group><group>Verona</group></item></query>',
    );
    expect(toXmlString(childOf(buildRosterSet({ jid: 'a@b' }), 'query')!)).to.equal(
      '<query xmlns="jabber:iq:roster"><item jid="a@b"/></query>',
    );
  });

  it('removes a contact', () => {
    const iq = buildRosterRemove('romeo@example.net');
    expect(iq.attrs.type).to.equal('set');
    expect(toXmlString(childOf(iq, 'query')!)).to.equal(
      '<query xmlns="jabber:iq:roster"><item jid="romeo@example.net" subscription="remove"/></query>',
    );
  });

  it('round-trips through a push', () => {
    const set = buildRosterSet({ jid: 'romeo@example.net', name: 'R', groups: ['G'] });
    const echoed = { ...set, attrs: { type: 'set', id: 'x' } };
    expect(parseRosterPush(echoed, OWN)).to.deep.equal({
      item: { jid: 'romeo@example.net', name: 'R', subscription: 'none', groups: ['G'] },
    });
  });
});

describe('roster parsers', () => {
  it('never throw on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('iq'),
      xml('iq', { type: 'result' }, 'text', xml('query', { xmlns: ROSTER_NAMESPACE }, 'x', xml('item'))),
      xml('iq', { type: 'set', from: '@@' }, xml('query', { xmlns: ROSTER_NAMESPACE }, xml('item', { jid: '' }))),
      {
        name: 'iq',
        attrs: { type: 'result' },
        children: [
          {
            name: 'query',
            attrs: { xmlns: ROSTER_NAMESPACE },
            children: [
              { name: 'item', attrs: { jid: 'a@b', subscription: 'toString' }, children: [{ name: 'group', attrs: {}, children: [] }] },
            ],
          },
        ],
      },
    ];
    for (const el of odd) {
      expect(() => parseRosterResult(el)).not.to.throw();
      expect(() => parseRosterPush(el, OWN)).not.to.throw();
    }
    expect(parseRosterResult(odd[4])?.items[0].subscription).to.equal('none');
  });
});
