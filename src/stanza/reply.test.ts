import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { textOf, childOf, toXmlString, xml, type XmlElement } from './element.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';
import { buildReply, parseReply, REPLY_LIMITS } from './reply.ts';

const NS = 'urn:xmpp:reply:0';
const NS_FALLBACK = 'urn:xmpp:fallback:0';
const REPLY = `<reply to='anna@example.com/laptop' id='message-id1' xmlns='${NS}'/>`;
const range = (start: number | string, end: number | string, forNs = NS) =>
  `<fallback xmlns='${NS_FALLBACK}' for='${forNs}'><body start='${start}' end='${end}'/></fallback>`;
const message = (body: string, payload: string, type = 'chat') =>
  parseXml(`<message xmlns='jabber:client' from='max@example.com/phone' to='anna@example.com' type='${type}' id='message-id3'>
  <body>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</body>${payload}</message>`);
/** Reads a message as the caller does: the body as parsed, then the reply. */
const read = (el: XmlElement) => parseReply(el, textOf(childOf(el, 'body')));

describe('replies (XEP-0461)', () => {
  it('reads a reply without a fallback, its body untouched', () => {
    expect(read(message('Great idea!', REPLY))).to.deep.equal({
      replyTo: { id: 'message-id1', to: 'anna@example.com/laptop' },
      body: 'Great idea!',
    });
  });

  it('takes the quoted fallback out of the body and keeps it as the quote, without its markers', () => {
    const body = '> We should bake a cake\nGreat idea!';
    expect(read(message(body, REPLY + range(0, 24)))).to.deep.equal({
      replyTo: { id: 'message-id1', to: 'anna@example.com/laptop', quote: 'We should bake a cake' },
      body: 'Great idea!',
    });
    // As in XEP-0428's example: an attribution line and several quoted lines.
    const xep = '> Anna wrote:\n> We should bake a cake\nGreat idea!';
    expect(read(message(xep, REPLY + range(0, 38)))?.replyTo.quote).to.equal('Anna wrote:\nWe should bake a cake');
    // A fallback range without its line break leaves no blank line at the start.
    expect(read(message(body, REPLY + range(0, 23)))?.body).to.equal('Great idea!');
  });

  it('counts ranges in Unicode code points (XEP-0426), not UTF-16 units', () => {
    const body = '> 🎂 for 👨‍👩‍👧?\nYes 🎉';
    const end = Array.from('> 🎂 for 👨‍👩‍👧?\n').length;
    expect(end).to.equal(15); // 19 UTF-16 units
    expect(read(message(body, REPLY + range(0, end)))).to.deep.include({ body: 'Yes 🎉' });
    expect(read(message(body, REPLY + range(0, end)))?.replyTo.quote).to.equal('🎂 for 👨‍👩‍👧?');
  });

  it('takes out several ranges, anywhere in the body', () => {
    const body = 'Yes. > cake\n(and > tea)';
    const el = message(
      body,
      REPLY + `<fallback xmlns='${NS_FALLBACK}' for='${NS}'><body start='17' end='22'/><body start='5' end='12'/></fallback>`,
    );
    expect(read(el)).to.deep.include({ body: 'Yes. (and )' });
    expect(read(el)?.replyTo.quote).to.equal('cake\ntea');
  });

  it('keeps the body whole when the fallback cannot be used', () => {
    const body = '> We should bake a cake\nGreat idea!';
    const whole = { replyTo: { id: 'message-id1', to: 'anna@example.com/laptop' }, body };
    for (const [start, end] of [
      [0, 999],
      [0, 36],
      [10, 5],
      [-1, 24],
      ['', 24],
      [0, '24.0'],
      [0, '2e1'],
      [0, ' 24'],
      [0, '9999999999'],
      [0, '٢٤'],
    ])
      expect(read(message(body, REPLY + range(start, end))), `${start}–${end}`).to.deep.equal(whole);
    expect(read(message(body, REPLY + range(0, 35))), 'nothing left but the quote').to.deep.equal(whole);
    expect(read(message(body, REPLY + `<fallback xmlns='${NS_FALLBACK}' for='${NS}'><body/></fallback>`))).to.deep.equal(whole);
    expect(
      read(
        message(
          body,
          REPLY + `<fallback xmlns='${NS_FALLBACK}' for='${NS}'><body start='0' end='10'/><body start='5' end='24'/></fallback>`,
        ),
      ),
      'overlapping',
    ).to.deep.equal(whole);
    // Fallbacks for other specifications, or in another namespace, are not the quote.
    expect(read(message(body, REPLY + range(0, 24, 'urn:xmpp:message-retract:1')))).to.deep.equal(whole);
    expect(
      read(message(body, REPLY + `<fallback xmlns='urn:xmpp:feature-fallback:0' for='${NS}'><body start='0' end='24'/></fallback>`)),
    ).to.deep.equal(whole);
    expect(
      read(
        message(body, REPLY + `<fallback xmlns='${NS_FALLBACK}' for='${NS}'><body xmlns='jabber:client' start='0' end='24'/></fallback>`),
      ),
    ).to.deep.equal(whole);
    expect(
      read(message(body, REPLY + `<fallback xmlns='${NS_FALLBACK}' for='${NS}'><subject start='0' end='24'/></fallback>`)),
    ).to.deep.equal(whole);
  });

  it('cleans the quote and cuts it to the limit', () => {
    const long = `> ${'q'.repeat(500)}\nok`;
    const quote = read(message(long, REPLY + range(0, 503)))?.replyTo.quote;
    expect(quote).to.have.length(REPLY_LIMITS.quote);
    expect(quote?.endsWith('…')).to.equal(true);
    expect(read(message('> a\u202eb\n>\n>\n>\n> c\nok', REPLY + range(0, 16)))?.replyTo.quote).to.equal('ab\n\nc');
    expect(read(message('> \n>  \nok', REPLY + range(0, 7)))?.replyTo).to.deep.equal({ id: 'message-id1', to: 'anna@example.com/laptop' });
  });

  it('needs exactly one reply in its namespace, with a usable id; a bad author is left out', () => {
    expect(read(message('hi', `<reply to='anna@example.com' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(read(message('hi', `<reply id='' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(read(message('hi', `<reply id='${'i'.repeat(REPLY_LIMITS.id + 1)}' xmlns='${NS}'/>`))).to.equal(undefined);
    expect(read(message('hi', `<reply id='a'/>`))).to.equal(undefined);
    expect(read(message('hi', `<wrap>${REPLY}</wrap>`))).to.equal(undefined);
    expect(read(message('hi', REPLY + REPLY))).to.equal(undefined);
    expect(read(message('hi', REPLY, 'error'))).to.equal(undefined);
    expect(read(message('> x\nhi', range(0, 4)))).to.equal(undefined);
    expect(parseReply(parseXml(`<iq xmlns='jabber:client'>${REPLY}</iq>`), 'hi')).to.equal(undefined);
    expect(read(message('hi', `<reply id='a' xmlns='${NS}'/>`))?.replyTo).to.deep.equal({ id: 'a' });
    expect(read(message('hi', `<reply id='a' to='a b@c' xmlns='${NS}'/>`))?.replyTo).to.deep.equal({ id: 'a' });
    expect(read(message('hi', `<reply id='a' to='Anna@Example.com/Laptop' xmlns='${NS}'/>`))?.replyTo).to.deep.equal({
      id: 'a',
      to: 'anna@example.com/Laptop',
    });
  });

  it('builds the body with the quote first and the right range, and reads it back through real XML', () => {
    const { body, elements } = buildReply({ id: 'message-id1', to: 'anna@example.com' }, 'We should\n\nbake 🎂', 'Great idea!');
    expect(body).to.equal('> We should\n>\n> bake 🎂\nGreat idea!');
    expect(elements.map(toXmlString)).to.deep.equal([
      `<reply xmlns="${NS}" to="anna@example.com" id="message-id1"/>`,
      `<fallback xmlns="${NS_FALLBACK}" for="${NS}"><body start="0" end="23"/></fallback>`, // 24 UTF-16 units
    ]);
    const sent = parseXml(toXmlString(xml('message', { xmlns: 'jabber:client', type: 'chat' }, xml('body', {}, body), elements)));
    expect(read(sent)).to.deep.equal({
      replyTo: { id: 'message-id1', to: 'anna@example.com', quote: 'We should\n\nbake 🎂' },
      body: 'Great idea!',
    });
  });

  it('builds a cut, cleaned quote, and no fallback without one', () => {
    const long = buildReply({ id: 'a' }, `  ${'😀'.repeat(300)}  `, 'ok');
    const sent = xml('message', {}, xml('body', {}, long.body), long.elements);
    const quote = read(sent)?.replyTo.quote ?? '';
    expect(quote.length).to.be.at.most(REPLY_LIMITS.quote);
    expect(quote.endsWith('😀…')).to.equal(true);
    expect(read(sent)?.body).to.equal('ok');
    const nested = buildReply({ id: 'a' }, '> earlier\nlater', 'ok');
    expect(nested.body).to.equal('> > earlier\n> later\nok');
    expect(read(xml('message', {}, xml('body', {}, nested.body), nested.elements))?.replyTo.quote).to.equal('> earlier\nlater');
    const none = buildReply({ id: 'a' }, ' \u0000 ', 'ok');
    expect(none.body).to.equal('ok');
    expect(none.elements.map(toXmlString)).to.deep.equal([`<reply xmlns="${NS}" id="a"/>`]);
  });

  it('never throws on hostile stanzas, nor on huge ones', () => {
    for (const { name, el } of hostileCorpus()) expect(() => parseReply(el, textOf(childOf(el, 'body'))), name).to.not.throw();
    const huge = 'x'.repeat(1_000_000);
    const ranges = Array.from({ length: 10_000 }, (_, i) => xml('body', { start: String(i * 2), end: String(i * 2 + 1) }));
    const el = xml('message', {}, xml('reply', { xmlns: NS, id: 'a' }), xml('fallback', { xmlns: NS_FALLBACK, for: NS }, ranges));
    const result = parseReply(el, huge);
    expect(result?.body).to.have.length(1_000_000 - 10_000);
    expect(result?.replyTo.quote).to.have.length(REPLY_LIMITS.quote);
  });
});
