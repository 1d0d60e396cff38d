import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString, xml } from './element.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';
import { buildReactions, cleanEmojis, parseReactions, REACTION_LIMITS } from './reactions.ts';

const NS = 'urn:xmpp:reactions:0';
const message = (payload: string, type = 'chat') =>
  parseXml(`<message xmlns='jabber:client' from='juliet@capulet.lit/balcony' to='romeo@montague.lit' type='${type}' id='r1'>
  ${payload}<store xmlns='urn:xmpp:hints'/></message>`);
const reactions = (...emojis: string[]) =>
  message(`<reactions id='744f' xmlns='${NS}'>${emojis.map((e) => `<reaction>${e}</reaction>`).join('')}</reactions>`);

describe('reactions (XEP-0444)', () => {
  it('reads the sender’s current set, as the XEP sends it', () => {
    expect(parseReactions(reactions('👋', '🐢'))).to.deep.equal({ id: '744f', emojis: ['👋', '🐢'] });
    expect(parseReactions(reactions('👨‍👩‍👧‍👦', '🏳️‍🌈', '1️⃣', '👍🏽'))?.emojis).to.deep.equal(['👨‍👩‍👧‍👦', '🏳️‍🌈', '1️⃣', '👍🏽']);
  });

  it('reads an empty set as all taken back', () => {
    expect(parseReactions(message(`<reactions id='744f' xmlns='${NS}'/>`))).to.deep.equal({ id: '744f', emojis: [] });
    expect(parseReactions(reactions('  ', ''))).to.deep.equal({ id: '744f', emojis: [] });
  });

  it('trims, drops empty, duplicate, long and odd ones, and keeps at most the limit', () => {
    expect(parseReactions(reactions(' 👍 ', '👍', '\n❤️\n', '', '❤️'))?.emojis).to.deep.equal(['👍', '❤️']);
    expect(parseReactions(reactions('x'.repeat(REACTION_LIMITS.length + 1), 'a b', '👍'))?.emojis).to.deep.equal(['👍']);
    const many = Array.from({ length: 50 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    expect(parseReactions(reactions(...many))?.emojis).to.deep.equal(many.slice(0, REACTION_LIMITS.count));
    expect(parseReactions(reactions('&lt;b&gt;'))?.emojis).to.deep.equal(['<b>']);
    // Control and direction characters cannot all come through XML, but an element built in code may hold them.
    const built = xml(
      'message',
      {},
      xml(
        'reactions',
        { xmlns: NS, id: 'a' },
        ['\u0000', 'a\u202eb', '👍'].map((e) => xml('reaction', {}, e)),
      ),
    );
    expect(parseReactions(built)?.emojis).to.deep.equal(['👍']);
    expect(cleanEmojis(['👍', '👍', ' 🎉 '])).to.deep.equal(['👍', '🎉']);
  });

  it('needs exactly one reactions element in its namespace, with an id, on a message that is no error', () => {
    expect(parseReactions(message(`<reactions xmlns='${NS}'><reaction>👍</reaction></reactions>`))).to.equal(undefined);
    expect(parseReactions(message(`<reactions id='' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(parseReactions(message(`<reactions id='${'i'.repeat(REACTION_LIMITS.id + 1)}' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(parseReactions(message(`<reactions id='a'><reaction>👍</reaction></reactions>`))).to.equal(undefined);
    expect(parseReactions(message(`<wrap><reactions id='a' xmlns='${NS}'/></wrap>`))).to.equal(undefined);
    expect(parseReactions(message(`<reactions id='a' xmlns='${NS}'/><reactions id='b' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(parseReactions(message(`<reactions id='a' xmlns='${NS}'><reaction>👍</reaction></reactions>`, 'error'))).to.equal(undefined);
    expect(parseReactions(parseXml(`<iq xmlns='jabber:client'><reactions id='a' xmlns='${NS}'/></iq>`))).to.equal(undefined);
    const foreign = message(`<reactions id='a' xmlns='${NS}'><reaction xmlns='urn:other'>👎</reaction><reaction>👍</reaction></reactions>`);
    expect(parseReactions(foreign)?.emojis).to.deep.equal(['👍']);
  });

  it('builds a whole message with the store hint and an origin-id, and reads it back through real XML', () => {
    const built = buildReactions({ to: 'romeo@montague.lit', id: '744f', emojis: ['👋', ' 🐢 ', '👋', ''], messageId: 'm2' });
    expect(toXmlString(built)).to.equal(
      `<message xmlns="jabber:client" to="romeo@montague.lit" id="m2" type="chat">` +
        `<reactions xmlns="${NS}" id="744f"><reaction>👋</reaction><reaction>🐢</reaction></reactions>` +
        `<store xmlns="urn:xmpp:hints"/><origin-id xmlns="urn:xmpp:sid:0" id="m2"/></message>`,
    );
    expect(parseReactions(parseXml(toXmlString(built)))).to.deep.equal({ id: '744f', emojis: ['👋', '🐢'] });
    const none = buildReactions({ to: 'romeo@montague.lit', id: '744f', emojis: [], messageId: 'm3' });
    expect(toXmlString(none)).to.include(`<reactions xmlns="${NS}" id="744f"/>`);
    expect(parseReactions(parseXml(toXmlString(none)))).to.deep.equal({ id: '744f', emojis: [] });
  });

  it('never throws on hostile stanzas, nor on huge ones', () => {
    for (const { name, el } of hostileCorpus()) expect(() => parseReactions(el), name).to.not.throw();
    const many = Array.from({ length: 100_000 }, (_, i) => xml('reaction', {}, String(i % 7)));
    const el = xml('message', {}, xml('reactions', { xmlns: NS, id: 'a' }, many, xml('reaction', {}, 'x'.repeat(1_000_000))));
    expect(parseReactions(el)?.emojis).to.deep.equal(['0', '1', '2', '3', '4', '5', '6']);
  });
});
