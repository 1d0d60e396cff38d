import { expect } from '@esm-bundle/chai';
import { buildBlock, buildBlocklistGet, buildUnblock, parseBlocklist, parseBlockPush } from './blocking.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml, type XmlElement } from './element.ts';

const NS = 'urn:xmpp:blocking';
const OWN = 'juliet@capulet.com';
const item = (jid: string) => xml('item', { jid });
const push = (from: string | undefined, ...payload: XmlElement[]) => xml('iq', { type: 'set', id: 'push1', from }, payload);

describe('blocking builders', () => {
  it('asks for the block list', () => {
    const iq = buildBlocklistGet();
    expect(iq.attrs.type).to.equal('get');
    expect(iq.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(toXmlString(childOf(iq, 'blocklist')!)).to.equal('<blocklist xmlns="urn:xmpp:blocking"/>');
  });

  it('blocks and unblocks addresses, or everyone', () => {
    const block = buildBlock(['romeo@montague.net', 'iago@shakespeare.lit/evil']);
    expect(block.attrs.type).to.equal('set');
    expect(toXmlString(childOf(block, 'block')!)).to.equal(
      '<block xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/><item jid="iago@shakespeare.lit/evil"/></block>',
    );
    expect(toXmlString(childOf(buildUnblock(['romeo@montague.net']), 'unblock')!)).to.equal(
      '<unblock xmlns="urn:xmpp:blocking"><item jid="romeo@montague.net"/></unblock>',
    );
    expect(toXmlString(childOf(buildUnblock(), 'unblock')!)).to.equal('<unblock xmlns="urn:xmpp:blocking"/>');
    expect(toXmlString(childOf(buildUnblock([]), 'unblock')!)).to.equal('<unblock xmlns="urn:xmpp:blocking"/>');
  });
});

describe('parseBlocklist', () => {
  it('reads a Prosody block list, normalizing and dropping invalid and repeated entries', () => {
    const iq = parseXml(
      `<iq xmlns='jabber:client' type='result' id='b1' to='juliet@capulet.com/chamber'>` +
        `<blocklist xmlns='urn:xmpp:blocking'><item jid='Romeo@Montague.net'/><item jid='romeo@montague.net'/>` +
        `<item jid='iago@shakespeare.lit/Evil'/><item jid='spam.example'/><item jid='a b@c'/><item/></blocklist></iq>`,
    );
    expect(parseBlocklist(iq)).to.deep.equal(['romeo@montague.net', 'iago@shakespeare.lit/Evil', 'spam.example']);
  });

  it('reads an empty block list', () => {
    expect(parseBlocklist(xml('iq', { type: 'result' }, xml('blocklist', { xmlns: NS })))).to.deep.equal([]);
  });

  it('returns undefined for errors and results without a block list', () => {
    const cases = [
      xml('iq', { type: 'error' }, xml('blocklist', { xmlns: NS })),
      xml('iq', { type: 'result' }),
      xml('iq', { type: 'result' }, xml('blocklist', { xmlns: 'urn:evil' }, item('a@b'))),
      xml('message', { type: 'result' }, xml('blocklist', { xmlns: NS })),
    ];
    for (const el of cases) expect(parseBlocklist(el), toXmlString(el)).to.equal(undefined);
  });
});

describe('parseBlockPush', () => {
  it('reads an ejabberd block push from the bare JID and a Prosody one without from', () => {
    const ejabberd = parseXml(
      `<iq xmlns='jabber:client' from='juliet@capulet.com' to='juliet@capulet.com/chamber' type='set' id='push1'>` +
        `<block xmlns='urn:xmpp:blocking'><item jid='romeo@montague.net'/></block></iq>`,
    );
    expect(parseBlockPush(ejabberd, OWN)).to.deep.equal({ block: ['romeo@montague.net'] });
    expect(
      parseBlockPush(push(undefined, xml('unblock', { xmlns: NS }, item('Romeo@montague.net'), item('x y'))), 'Juliet@Capulet.com'),
    ).to.deep.equal({ unblock: ['romeo@montague.net'] });
  });

  it('reads an unblock without items as unblock-all', () => {
    expect(parseBlockPush(push(OWN, xml('unblock', { xmlns: NS })), OWN)).to.deep.equal({ unblock: 'all' });
  });

  it('does not read an unblock whose items are all invalid as unblock-all', () => {
    expect(parseBlockPush(push(OWN, xml('unblock', { xmlns: NS }, item('bad jid'), xml('item'))), OWN)).to.equal(undefined);
  });

  it('ignores forged pushes', () => {
    const payload = xml('unblock', { xmlns: NS });
    for (const from of ['romeo@montague.net', 'juliet@capulet.com/chamber', 'capulet.com', 'juliet@capulet.com.evil', '']) {
      expect(parseBlockPush(push(from, payload), OWN), from).to.equal(undefined);
    }
    expect(parseBlockPush(push(`${OWN}/chamber`, payload), `${OWN}/chamber`)).to.equal(undefined);
  });

  it('refuses everything else', () => {
    const cases = [
      push(OWN),
      push(OWN, xml('block', { xmlns: NS })),
      push(OWN, xml('block', { xmlns: NS }, item('bad jid'))),
      push(OWN, xml('block', { xmlns: 'urn:evil' }, item('a@b'))),
      push(OWN, xml('blocklist', { xmlns: NS }, item('a@b'))),
      push(OWN, xml('block', { xmlns: NS }, item('a@b')), xml('unblock', { xmlns: NS })),
      xml('iq', { type: 'result' }, xml('block', { xmlns: NS }, item('a@b'))),
      xml('iq', { type: 'get' }, xml('unblock', { xmlns: NS })),
    ];
    for (const el of cases) expect(parseBlockPush(el, OWN), toXmlString(el)).to.equal(undefined);
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('iq', { type: 'set' }, 'text'),
      xml('iq', { type: 'set', from: '@' }, xml('block', { xmlns: NS }, 'x', xml('item', {}, xml('item', { jid: 'a@b' })))),
    ];
    for (const el of odd) {
      expect(() => parseBlockPush(el, OWN)).not.to.throw();
      expect(() => parseBlockPush(el, '')).not.to.throw();
      expect(() => parseBlocklist(el)).not.to.throw();
    }
  });
});
