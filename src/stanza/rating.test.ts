import { expect } from '@esm-bundle/chai';
import { readMessage } from '../features/read-message.ts';
import { parseXml } from './dom.ts';
import { toXmlString, xml } from './element.ts';
import { buildNick, parseNick, NICK_LIMIT } from './message.ts';
import { buildRateRequest, buildRating, parseRateRequest, parseRating, ratingBody, RATING_COMMENT_LIMIT } from './rating.ts';

const NS = 'urn:xmpp-chat:desk:0';
const NS_NICK = 'http://jabber.org/protocol/nick';
const AT = 1_800_000_000_000;
const message = (payload: string, from = 'visitor-1@anon.localhost/web') =>
  parseXml(`<message xmlns='jabber:client' from='${from}' to='support@localhost/desk'
  type='chat' id='m1'><body>Rating: 4/5</body>${payload}</message>`);

describe('ratings', () => {
  it('builds the documented elements and bodies', () => {
    expect(toXmlString(buildRateRequest())).to.equal(`<rate xmlns="${NS}"/>`);
    expect(toXmlString(buildRating(4, ' Quick & kind '))).to.equal(`<rating xmlns="${NS}" score="4">Quick &amp; kind</rating>`);
    expect(toXmlString(buildRating(5))).to.equal(`<rating xmlns="${NS}" score="5"/>`);
    expect(ratingBody(4, 'Quick and kind')).to.equal('Rating: 4/5 — Quick and kind');
    expect(ratingBody(2, '  ')).to.equal('Rating: 2/5');
  });

  it('reads what it builds, through real XML', () => {
    const el = xml('message', { to: 'support@localhost' }, xml('body', {}, ratingBody(3, 'ok')), buildRating(3, 'ok'));
    expect(parseRating(parseXml(toXmlString(el)), AT)).to.deep.equal({ score: 3, comment: 'ok', at: AT });
    expect(parseRateRequest(parseXml(toXmlString(xml('message', {}, buildRateRequest()))))).to.equal(true);
  });

  it('reads a rating request only in its namespace', () => {
    expect(parseRateRequest(message(`<rate xmlns='${NS}'/>`))).to.equal(true);
    expect(parseRateRequest(message(`<rate/>`))).to.equal(false);
    expect(parseRateRequest(message(`<rate xmlns='urn:other'/>`))).to.equal(false);
    expect(parseRateRequest(message(`<x><rate xmlns='${NS}'/></x>`))).to.equal(false);
  });

  it('takes only a score from 1 to 5 written as one digit', () => {
    for (const score of ['0', '6', '4.5', ' 4', '04', '', 'four', '1e0', '-1', '٤'])
      expect(parseRating(message(`<rating xmlns='${NS}' score='${score}'>x</rating>`), AT), score).to.equal(undefined);
    expect(parseRating(message(`<rating xmlns='${NS}'>x</rating>`), AT)).to.equal(undefined);
    expect(parseRating(message(`<rating score='4'>x</rating>`), AT)).to.equal(undefined);
    expect(parseRating(message(`<rating xmlns='${NS}' score='1'/>`), AT)).to.deep.equal({ score: 1, at: AT });
  });

  it('keeps a hostile comment as cut, one-level text', () => {
    const long = 'a'.repeat(RATING_COMMENT_LIMIT + 50);
    expect(parseRating(message(`<rating xmlns='${NS}' score='2'>${long}</rating>`), AT)?.comment).to.have.length(RATING_COMMENT_LIMIT);
    const markup = parseRating(message(`<rating xmlns='${NS}' score='2'>&lt;script&gt;x&lt;/script&gt;<b>bold</b>tail</rating>`), AT);
    expect(markup?.comment).to.equal('<script>x</script>tail');
    // Control characters cannot come through XML, but an element built in code may hold them.
    const built = xml('message', {}, xml('rating', { xmlns: NS, score: '3' }, '\u0000a\u0007b\u001b'));
    expect(parseRating(built, AT)?.comment).to.equal('a b');
    expect(parseRating(message(`<rating xmlns='${NS}' score='2'>line one\nline two</rating>`), AT)?.comment).to.equal('line one\nline two');
    const proto = parseRating(message(`<rating xmlns='${NS}' score='5' __proto__='x' constructor='y'>hi</rating>`), AT);
    expect(proto).to.deep.equal({ score: 5, comment: 'hi', at: AT });
  });
});

describe('nicknames (XEP-0172)', () => {
  it('builds and reads the nick element', () => {
    expect(toXmlString(buildNick(' Ann ')!)).to.equal(`<nick xmlns="${NS_NICK}">Ann</nick>`);
    expect(buildNick('  ')).to.equal(undefined);
    expect(parseNick(message(`<nick xmlns='${NS_NICK}'>Ann</nick>`))).to.equal('Ann');
  });

  it('reads only a nick in its namespace, as one line of text, cut to the limit', () => {
    expect(parseNick(message(`<nick>Ann</nick>`))).to.equal(undefined);
    expect(parseNick(message(`<nick xmlns='${NS_NICK}'>  </nick>`))).to.equal(undefined);
    expect(parseNick(message(`<nick xmlns='${NS_NICK}'>&lt;img src=x onerror=alert(1)&gt;</nick>`))).to.equal(
      '<img src=x onerror=alert(1)>',
    );
    expect(parseNick(message(`<nick xmlns='${NS_NICK}'>Ann\nEve\u202eeve</nick>`))).to.equal('Ann Eve eve');
    expect(parseNick(message(`<nick xmlns='${NS_NICK}'>${'n'.repeat(500)}</nick>`))).to.have.length(NICK_LIMIT);
  });
});

describe('reading messages with names and ratings', () => {
  const account = 'support@localhost';

  it('keeps the rating, stamped with the message time, and the nick', () => {
    const read = readMessage(message(`<rating xmlns='${NS}' score='4'>Good</rating><nick xmlns='${NS_NICK}'>Vis</nick>`), {
      account,
      now: AT,
    });
    expect(read?.chat?.rating).to.deep.equal({ score: 4, comment: 'Good', at: AT });
    expect(read?.chat?.nick).to.equal('Vis');
    expect(read?.chat?.rateRequest).to.equal(undefined);
  });

  it('reads a rating request, and our own agents’ names in copies and the archive', () => {
    const visitor = 'visitor-1@anon.localhost';
    const out = parseXml(`<message xmlns='jabber:client' from='support@localhost/ann' to='${visitor}' type='chat' id='r1'>
      <body>How did we do?</body><rate xmlns='${NS}'/><nick xmlns='${NS_NICK}'>Ann</nick></message>`);
    const carbon = readMessage(out, { account, now: AT, carbon: 'sent' });
    expect(carbon?.chat).to.include({ direction: 'out', peer: visitor, nick: 'Ann', rateRequest: true });
    const archived = readMessage(out, { account: visitor, now: AT, archived: { id: 'a1', stamp: '2026-01-01T00:00:00Z' } });
    expect(archived?.chat).to.include({ direction: 'in', peer: account, nick: 'Ann', rateRequest: true });
  });

  it('leaves the fields out of a message without them', () => {
    const chat = readMessage(message(''), { account, now: AT })?.chat;
    expect(chat).to.not.have.any.keys('nick', 'rating', 'rateRequest');
  });
});
