import { expect } from '@esm-bundle/chai';
import { buildRepliesGet, buildRepliesSet, clip, parseReplies, REPLY_LIMITS } from './canned-replies.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString, xml, type XmlElement } from './element.ts';

const NS_PRIVATE = 'jabber:iq:private';
const NS = 'urn:xmpp-chat:canned-replies:0';
const answer = (...replies: XmlElement[]) =>
  xml('iq', { type: 'result', id: 'r1' }, xml('query', { xmlns: NS_PRIVATE }, xml('replies', { xmlns: NS }, replies)));
const reply = (id: string | undefined, title: string | undefined, ...text: (string | XmlElement)[]) => xml('reply', { id, title }, ...text);

describe('canned replies builders', () => {
  it('asks for the stored replies', () => {
    const iq = buildRepliesGet();
    expect(iq.attrs.type).to.equal('get');
    expect(iq.attrs.id).to.be.a('string').with.length.greaterThan(10);
    expect(toXmlString(childOf(iq, 'query')!)).to.equal(
      '<query xmlns="jabber:iq:private"><replies xmlns="urn:xmpp-chat:canned-replies:0"/></query>',
    );
  });

  it('stores the whole list, text and titles escaped', () => {
    const iq = buildRepliesSet([
      { id: 'a', title: 'Hello & <welcome>', text: 'Hi!\nHow can I help?' },
      { id: 'b', title: 'Bye', text: '<b>not bold</b>' },
    ]);
    expect(iq.attrs.type).to.equal('set');
    expect(toXmlString(childOf(iq, 'query')!)).to.equal(
      '<query xmlns="jabber:iq:private"><replies xmlns="urn:xmpp-chat:canned-replies:0">' +
        '<reply id="a" title="Hello &amp; &lt;welcome&gt;">Hi!\nHow can I help?</reply>' +
        '<reply id="b" title="Bye">&lt;b&gt;not bold&lt;/b&gt;</reply></replies></query>',
    );
    expect(toXmlString(childOf(buildRepliesSet([]), 'query')!)).to.equal(
      '<query xmlns="jabber:iq:private"><replies xmlns="urn:xmpp-chat:canned-replies:0"/></query>',
    );
  });

  it('reads back what it stores', () => {
    const replies = [{ id: 'a', title: 'Hello & <welcome>', text: 'Hi!\nHow can I help? <script>x</script>' }];
    const stored = parseXml(toXmlString(buildRepliesSet(replies)));
    expect(parseReplies({ ...stored, attrs: { type: 'result' } })).to.deep.equal(replies);
  });
});

describe('parseReplies', () => {
  it('reads a list stored in Prosody, in order', () => {
    const iq = parseXml(
      `<iq to="agent@localhost/desk" id="6707b16d" xmlns="jabber:client" type="result">` +
        `<query xmlns="jabber:iq:private"><replies xmlns="urn:xmpp-chat:canned-replies:0">` +
        `<reply id="2" title="Greeting">Hello,\nhow can I help?</reply><reply id="1" title="T &lt;x&gt;">line2 &amp; &lt;b&gt;</reply>` +
        `</replies></query></iq>`,
    );
    expect(parseReplies(iq)).to.deep.equal([
      { id: '2', title: 'Greeting', text: 'Hello,\nhow can I help?' },
      { id: '1', title: 'T <x>', text: 'line2 & <b>' },
    ]);
  });

  it('reads empty storage (as ejabberd answers it) as no replies, also without the echoed element', () => {
    const ejabberd = parseXml(
      `<iq xmlns="jabber:client" xml:lang="en" to="agent@localhost/desk" from="agent@localhost" ` +
        `type="result" id="db2ef2dd"><query xmlns="jabber:iq:private"><replies xmlns="urn:xmpp-chat:canned-replies:0"/></query></iq>`,
    );
    expect(parseReplies(ejabberd)).to.deep.equal([]);
    expect(parseReplies(xml('iq', { type: 'result' }, xml('query', { xmlns: NS_PRIVATE })))).to.deep.equal([]);
  });

  it('skips malformed items and repeated ids, and keeps text as text', () => {
    const iq = answer(
      reply('a', 'First', 'one'),
      reply('a', 'Again', 'two'),
      reply(undefined, 'No id', 'x'),
      reply('  ', 'Blank id', 'x'),
      reply('b', undefined, 'no title'),
      reply('c', ' \n ', 'blank title'),
      reply('d', 'No text'),
      reply('e', 'Blank', ' \n '),
      reply('f', 'Markup', 'plain ', xml('img', { src: 'x', onerror: 'alert(1)' }), 'rest'),
      reply('g', 'Line\nbreaks\t here', '&lt;img src=x onerror=alert(1)&gt;'),
      xml('reply', { xmlns: 'urn:evil', id: 'h', title: 'Foreign' }, 'x'),
      xml('other', { id: 'i', title: 'Other' }, 'x'),
      reply('x'.repeat(REPLY_LIMITS.id + 1), 'Long id', 'x'),
    );
    expect(parseReplies(iq)).to.deep.equal([
      { id: 'a', title: 'First', text: 'one' },
      { id: 'f', title: 'Markup', text: 'plain rest' },
      { id: 'g', title: 'Line breaks here', text: '&lt;img src=x onerror=alert(1)&gt;' },
    ]);
  });

  it('caps the count and clips titles and texts without splitting characters', () => {
    const many = Array.from({ length: REPLY_LIMITS.count + 50 }, (_, n) => reply(`r${n}`, `T${n}`, 'x'));
    const read = parseReplies(answer(...many))!;
    expect(read).to.have.length(REPLY_LIMITS.count);
    expect(read.at(-1)!.id).to.equal(`r${REPLY_LIMITS.count - 1}`);
    const long = parseReplies(answer(reply('l', '😀'.repeat(300), 'é'.repeat(10_000))))![0];
    expect(Array.from(long.title)).to.have.length(REPLY_LIMITS.title);
    expect(long.title).to.equal('😀'.repeat(REPLY_LIMITS.title));
    expect(long.text).to.have.length(REPLY_LIMITS.text);
    expect(clip('a😀b', 2)).to.equal('a😀');
  });

  it('returns undefined for errors and answers without private storage', () => {
    const cases = [
      xml('iq', { type: 'error' }, xml('query', { xmlns: NS_PRIVATE }, xml('replies', { xmlns: NS }))),
      xml('iq', { type: 'result' }),
      xml('iq', { type: 'result' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('replies', { xmlns: NS }))),
      xml('message', { type: 'result' }, xml('query', { xmlns: NS_PRIVATE })),
    ];
    for (const el of cases) expect(parseReplies(el), toXmlString(el)).to.equal(undefined);
  });

  it('ignores replies stored under another namespace', () => {
    const iq = xml(
      'iq',
      { type: 'result' },
      xml('query', { xmlns: NS_PRIVATE }, xml('replies', { xmlns: 'urn:evil' }, reply('a', 'A', 'a'))),
    );
    expect(parseReplies(iq)).to.deep.equal([]);
  });

  it('never throws on odd elements', () => {
    const odd: XmlElement[] = [
      xml(''),
      xml('iq', { type: 'result' }, 'text'),
      xml(
        'iq',
        { type: 'result' },
        xml(
          'query',
          { xmlns: NS_PRIVATE },
          'x',
          xml('replies', { xmlns: NS }, 'y', xml('reply', {}, xml('reply', { id: 'a', title: 'b' }, 'c'))),
        ),
      ),
    ];
    for (const el of odd) expect(() => parseReplies(el)).not.to.throw();
  });
});
