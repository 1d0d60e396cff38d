import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString, xml } from './element.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';
import { buildRetraction, parseRetraction, RETRACTION_FALLBACK, RETRACTION_ID_LIMIT } from './retraction.ts';

const NS = 'urn:xmpp:message-retract:1';
const NS_0 = 'urn:xmpp:message-retract:0';
const NS_FASTEN = 'urn:xmpp:fasten:0';
const message = (payload: string, type = 'chat') =>
  parseXml(`<message xmlns='jabber:client' from='romeo@montague.lit/orchard' to='lord@capulet.lit' type='${type}' id='x1'>
  ${payload}<body>${RETRACTION_FALLBACK.replace("'", '&apos;')}</body><fallback xmlns='urn:xmpp:fallback:0'/>
  <store xmlns='urn:xmpp:hints'/></message>`);
const current = (id: string) => `<retract id='${id}' xmlns='${NS}'/>`;
const legacy = (id: string) => `<apply-to id='${id}' xmlns='${NS_FASTEN}'><retract xmlns='${NS_0}'/></apply-to>`;

describe('retractions (XEP-0424)', () => {
  it('reads the current form, the earlier one older Converse.js and Gajim send, and both', () => {
    expect(parseRetraction(message(current('origin-id-1')))).to.deep.equal({ id: 'origin-id-1' });
    expect(parseRetraction(message(legacy('origin-id-1')))).to.deep.equal({ id: 'origin-id-1' });
    expect(parseRetraction(message(current('origin-id-1') + legacy('origin-id-1')))).to.deep.equal({ id: 'origin-id-1' });
  });

  it('refuses retractions whose forms disagree, repeat, or lack a usable id', () => {
    expect(parseRetraction(message(current('a') + legacy('b')))).to.equal(undefined);
    expect(parseRetraction(message(current('a') + current('b')))).to.equal(undefined);
    expect(parseRetraction(message(current('a') + current('a')))).to.equal(undefined);
    expect(parseRetraction(message(legacy('a') + legacy('b')))).to.equal(undefined);
    expect(parseRetraction(message(`<retract xmlns='${NS}'/>`))).to.equal(undefined);
    expect(parseRetraction(message(current('')))).to.equal(undefined);
    // A current form without its id is not made good by an earlier form.
    expect(parseRetraction(message(`<retract xmlns='${NS}'/>` + legacy('a')))).to.equal(undefined);
    expect(parseRetraction(message(current('i'.repeat(RETRACTION_ID_LIMIT + 1))))).to.equal(undefined);
    expect(parseRetraction(message(legacy('i'.repeat(RETRACTION_ID_LIMIT + 1))))).to.equal(undefined);
    expect(parseRetraction(message(`<apply-to xmlns='${NS_FASTEN}'><retract xmlns='${NS_0}'/></apply-to>`))).to.equal(undefined);
  });

  it('reads only elements in their namespaces, on messages that are not errors', () => {
    expect(parseRetraction(message(`<retract id='a'/>`))).to.equal(undefined);
    expect(parseRetraction(message(`<retract id='a' xmlns='${NS_0}'/>`))).to.equal(undefined);
    expect(parseRetraction(message(`<apply-to id='a' xmlns='${NS_FASTEN}'><retract/></apply-to>`))).to.equal(undefined);
    expect(parseRetraction(message(`<apply-to id='a' xmlns='${NS_FASTEN}'><retract xmlns='${NS}'/></apply-to>`))).to.equal(undefined);
    expect(parseRetraction(message(`<apply-to id='a' xmlns='${NS_FASTEN}'><external name='x'/></apply-to>`))).to.equal(undefined);
    expect(parseRetraction(message(`<wrap>${current('a')}</wrap>`))).to.equal(undefined);
    // A tombstone in an archive is not a retraction.
    expect(parseRetraction(message(`<retracted xmlns='${NS}' id='a' stamp='2019-09-20T23:09:32Z'/>`))).to.equal(undefined);
    expect(parseRetraction(message(current('a'), 'error'))).to.equal(undefined);
    expect(parseRetraction(parseXml(`<iq xmlns='jabber:client'>${current('a')}</iq>`))).to.equal(undefined);
    expect(parseRetraction(message(''))).to.equal(undefined);
  });

  it('builds both forms with the fallback body, the store hint and an origin-id, and reads them back', () => {
    const built = buildRetraction({ to: 'lord@capulet.lit', id: 'origin-id-1', messageId: 'm9' });
    expect(toXmlString(built)).to.equal(
      `<message xmlns="jabber:client" to="lord@capulet.lit" id="m9" type="chat">` +
        `<retract xmlns="${NS}" id="origin-id-1"/>` +
        `<apply-to xmlns="${NS_FASTEN}" id="origin-id-1"><retract xmlns="${NS_0}"/></apply-to>` +
        `<body>This person attempted to retract a previous message, but it&apos;s unsupported by your client.</body>` +
        `<fallback xmlns="urn:xmpp:fallback:0" for="${NS}"/>` +
        `<store xmlns="urn:xmpp:hints"/><origin-id xmlns="urn:xmpp:sid:0" id="m9"/></message>`,
    );
    expect(parseRetraction(parseXml(toXmlString(built)))).to.deep.equal({ id: 'origin-id-1' });
  });

  it('never throws on hostile stanzas, nor on huge ones', () => {
    for (const { name, el } of hostileCorpus()) expect(() => parseRetraction(el), name).to.not.throw();
    const many = Array.from({ length: 100_000 }, () => xml('apply-to', { xmlns: NS_FASTEN, id: 'a' }, xml('retract', { xmlns: NS_0 })));
    expect(parseRetraction(xml('message', {}, many))).to.equal(undefined);
    expect(parseRetraction(xml('message', {}, xml('retract', { xmlns: NS, id: 'x'.repeat(1_000_000) })))).to.equal(undefined);
  });
});
