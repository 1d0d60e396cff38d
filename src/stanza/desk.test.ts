import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import {
  buildActivity,
  buildConversation,
  buildNote,
  cleanLabels,
  DESK_LIMITS,
  parseActivity,
  parseConversation,
  parseNote,
  type DeskConversation,
  type DeskNote,
} from './desk.ts';
import { toXmlString } from './element.ts';

const NS = 'urn:xmpp-chat:desk:0';
const ACCOUNT = 'support@localhost';
const fixture = (s: string) => parseXml(s);

describe('desk payloads', () => {
  it('writes a conversation and reads it back', () => {
    const c: DeskConversation = {
      peer: 'visitor@anon.localhost',
      status: 'resolved',
      assignee: 'Ann <lead>',
      labels: ['billing', 'refund & co'],
      rating: { score: 4, comment: 'Quick', at: 1764650100000 },
      updated: 1764650000000,
      resolvedAt: 1764650000000,
      by: 'Ben',
    };
    const el = buildConversation(c);
    expect(toXmlString(el)).to.equal(
      `<conversation xmlns="${NS}" status="resolved" assignee="Ann &lt;lead&gt;" by="Ben" updated="1764650000000" resolved-at="1764650000000">` +
        '<label>billing</label><label>refund &amp; co</label><rating score="4" at="1764650100000">Quick</rating></conversation>',
    );
    expect(parseConversation(c.peer, parseXml(toXmlString(el)))).to.deep.equal(c);
  });

  it('reads a minimal conversation, and leaves out what is not readable', () => {
    expect(parseConversation('v@localhost', fixture(`<conversation xmlns="${NS}" status="open" updated="5"/>`))).to.deep.equal({
      peer: 'v@localhost',
      status: 'open',
      labels: [],
      updated: 5,
    });
    const odd = fixture(
      `<conversation xmlns="${NS}" status="pending" updated="7" assignee="  " resolved-at="soon">` +
        `<label> a </label><label>a</label><label/><rating score="9" at="1">x</rating></conversation>`,
    );
    expect(parseConversation('v@localhost', odd)).to.deep.equal({ peer: 'v@localhost', status: 'pending', labels: ['a'], updated: 7 });
  });

  it('refuses items that are not conversations of a visitor', () => {
    const ok = `<conversation xmlns="${NS}" status="open" updated="5"/>`;
    expect(parseConversation('v@localhost/phone', fixture(ok))).to.equal(undefined);
    expect(parseConversation('localhost', fixture(ok))).to.equal(undefined);
    expect(parseConversation('V@LOCALHOST', fixture(ok))).to.equal(undefined);
    expect(parseConversation('v@localhost', fixture(`<conversation xmlns="urn:other" status="open" updated="5"/>`))).to.equal(undefined);
    expect(parseConversation('v@localhost', fixture(`<conversation xmlns="${NS}" status="closed" updated="5"/>`))).to.equal(undefined);
    expect(parseConversation('v@localhost', fixture(`<conversation xmlns="${NS}" status="open"/>`))).to.equal(undefined);
    expect(parseConversation('v@localhost', undefined)).to.equal(undefined);
  });

  it('caps labels: one line each, no repeats, at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => `label\n${i}`);
    expect(cleanLabels(many)).to.have.length(DESK_LIMITS.labels);
    expect(cleanLabels(many)[0]).to.equal('label 0');
    expect(cleanLabels(['x'.repeat(80)])[0]).to.have.length(DESK_LIMITS.label);
  });

  it('writes a note and reads it back, text as text', () => {
    const note: DeskNote = { id: 'n1', peer: 'v@localhost', author: 'Ann', text: '<b>VIP</b>\nsecond line', at: 42, kind: 'transfer' };
    const el = buildNote(note);
    expect(toXmlString(el)).to.equal(
      `<note xmlns="${NS}" peer="v@localhost" author="Ann" at="42" kind="transfer">&lt;b&gt;VIP&lt;/b&gt;\nsecond line</note>`,
    );
    expect(parseNote('n1', parseXml(toXmlString(el)))).to.deep.equal(note);
  });

  it('refuses notes without a visitor, an author, a time or a text', () => {
    const note = (attrs: string, text = 'hi') => fixture(`<note xmlns="${NS}" ${attrs}>${text}</note>`);
    expect(parseNote('n', note('peer="v@localhost" author="Ann" at="1"'))).to.deep.include({ kind: 'note', text: 'hi' });
    expect(parseNote('n', note('author="Ann" at="1"'))).to.equal(undefined);
    expect(parseNote('n', note('peer="v@localhost" at="1"'))).to.equal(undefined);
    expect(parseNote('n', note('peer="v@localhost" author="Ann"'))).to.equal(undefined);
    expect(parseNote('n', note('peer="v@localhost" author="Ann" at="1"', ' '))).to.equal(undefined);
    expect(parseNote('', note('peer="v@localhost" author="Ann" at="1"'))).to.equal(undefined);
  });
});

describe('desk activity', () => {
  it('builds a headline kept by nobody', () => {
    const el = buildActivity('support@localhost/b', { name: 'Ann', viewing: 'v@localhost' });
    expect(el.attrs).to.deep.include({ type: 'headline', to: 'support@localhost/b' });
    expect(toXmlString({ ...el, attrs: { ...el.attrs, id: 'x' } })).to.equal(
      `<message type="headline" to="support@localhost/b" id="x"><activity xmlns="${NS}" name="Ann" viewing="v@localhost"/>` +
        '<no-store xmlns="urn:xmpp:hints"/><no-copy xmlns="urn:xmpp:hints"/></message>',
    );
  });

  it('reads an activity from another resource of our own account only', () => {
    const message = (from: string, activity = `<activity xmlns="${NS}" name="Ben" viewing="v@localhost" typing="w@localhost"/>`) =>
      fixture(`<message xmlns="jabber:client" type="headline" from="${from}">${activity}</message>`);
    expect(parseActivity(message('support@localhost/b'), ACCOUNT)).to.deep.equal({
      resource: 'b',
      name: 'Ben',
      viewing: 'v@localhost',
      typingTo: 'w@localhost',
    });
    expect(parseActivity(message('mallory@localhost/b'), ACCOUNT)).to.equal(undefined);
    expect(parseActivity(message('support@localhost'), ACCOUNT)).to.equal(undefined);
    expect(parseActivity(message('support@localhost/b', `<activity xmlns="${NS}"/>`), ACCOUNT)).to.equal(undefined);
    expect(parseActivity(message('support@localhost/b', `<activity xmlns="${NS}" name="B" viewing="nonsense"/>`), ACCOUNT)).to.deep.equal({
      resource: 'b',
      name: 'B',
    });
  });
});
