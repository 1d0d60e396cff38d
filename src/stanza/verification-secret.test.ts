import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml } from './element.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';
import { buildSecretGet, buildSecretSet, NS_VERIFICATION, parseSecret } from './verification-secret.ts';

const answer = (payload: string) =>
  parseXml(`<iq xmlns='jabber:client' type='result' id='v1'><query xmlns='jabber:iq:private'>${payload}</query></iq>`);

describe('the stored verification secret', () => {
  it('asks for it and stores it in private storage, text escaped', () => {
    const get = buildSecretGet();
    expect(get.attrs.type).to.equal('get');
    expect(toXmlString(childOf(get, 'query')!)).to.equal(
      `<query xmlns="jabber:iq:private"><verification xmlns="${NS_VERIFICATION}"/></query>`,
    );
    const set = buildSecretSet('a<b&"c');
    expect(set.attrs.type).to.equal('set');
    expect(toXmlString(childOf(set, 'query')!)).to.equal(
      `<query xmlns="jabber:iq:private"><verification xmlns="${NS_VERIFICATION}"><password>a&lt;b&amp;&quot;c</password></verification></query>`,
    );
    expect(toXmlString(childOf(buildSecretSet(undefined), 'query')!)).to.equal(
      `<query xmlns="jabber:iq:private"><verification xmlns="${NS_VERIFICATION}"/></query>`,
    );
  });

  it('reads back what it stores, and nothing when nothing is stored', () => {
    const secret = 'Zoë 李 <&> 🔑';
    const stored = parseXml(toXmlString(buildSecretSet(secret)));
    const result = xml('iq', { type: 'result', id: 'r' }, childOf(stored, 'query'));
    expect(parseSecret(result)).to.deep.equal({ secret });
    expect(parseSecret(answer(`<verification xmlns='${NS_VERIFICATION}'/>`))).to.deep.equal({ secret: undefined });
    // ejabberd and Prosody answer an empty query in our namespace when nothing is stored.
    expect(parseSecret(answer(''))).to.deep.equal({ secret: undefined });
  });

  it('ignores what is not ours or not usable: foreign namespaces, empty or overlong secrets', () => {
    expect(parseSecret(answer(`<verification xmlns='urn:other'><password>x</password></verification>`))).to.deep.equal({
      secret: undefined,
    });
    expect(
      parseSecret(
        answer(`<verification xmlns='${NS_VERIFICATION}'><password xmlns='urn:other'>x</password><password>y</password></verification>`),
      ),
    ).to.deep.equal({ secret: 'y' });
    expect(parseSecret(answer(`<verification xmlns='${NS_VERIFICATION}'><password/></verification>`))).to.deep.equal({ secret: undefined });
    expect(
      parseSecret(answer(`<verification xmlns='${NS_VERIFICATION}'><password>${'x'.repeat(513)}</password></verification>`)),
    ).to.deep.equal({
      secret: undefined,
    });
    expect(parseSecret(answer(`<verification xmlns='${NS_VERIFICATION}'><password>a\nb</password></verification>`))).to.deep.equal({
      secret: undefined,
    });
  });

  it('is undefined for anything but a private-storage result', () => {
    expect(parseSecret(parseXml(`<iq xmlns='jabber:client' type='error' id='v1'><query xmlns='jabber:iq:private'/></iq>`))).to.equal(
      undefined,
    );
    expect(parseSecret(parseXml(`<iq xmlns='jabber:client' type='result' id='v1'/>`))).to.equal(undefined);
    expect(parseSecret(xml('message', { type: 'result' }))).to.equal(undefined);
  });

  it('reads every stanza of the hostile corpus without throwing, and a huge secret as none', () => {
    for (const { name, el } of hostileCorpus()) {
      const parsed = parseSecret(el);
      expect(parsed === undefined || parsed.secret === undefined || parsed.secret.length <= 512, name).to.equal(true);
    }
    const huge = xml(
      'iq',
      { type: 'result' },
      xml(
        'query',
        { xmlns: 'jabber:iq:private' },
        xml('verification', { xmlns: NS_VERIFICATION }, xml('password', {}, 'x'.repeat(1_000_000))),
      ),
    );
    expect(parseSecret(huge)).to.deep.equal({ secret: undefined });
  });
});
