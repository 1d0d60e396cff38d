import { expect } from '@esm-bundle/chai';
import { parseXml } from '../stanza/dom.ts';
import { readMessage, toTime } from './read-message.ts';

const ctx = { account: 'alice@example.org', now: 1_800_000_000_000 };
const read = (xml: string, extra = {}) => readMessage(parseXml(xml), { ...ctx, ...extra });

describe('readMessage', () => {
  it('reads an incoming chat message with its ids, receipt request and marker id', () => {
    const r = read(`<message xmlns='jabber:client' from='Bob@Example.org/phone' to='alice@example.org/web' type='chat' id='m1'>
      <body>&lt;b&gt;hi&lt;/b&gt;</body><origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
      <stanza-id xmlns='urn:xmpp:sid:0' by='alice@example.org' id='a1'/><stanza-id xmlns='urn:xmpp:sid:0' by='evil@example.org' id='x'/>
      <request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>`)!;
    expect(r.peer).to.equal('bob@example.org');
    expect(r.direction).to.equal('in');
    expect(r.receiptRequest).to.equal(true);
    expect(r.state).to.equal('active');
    expect(r.chat).to.include({ key: 'o1', body: '<b>hi</b>', archiveId: 'a1', markerId: 'm1', time: ctx.now });
    expect(r.chat!.ids).to.have.members(['o1', 'm1', 'a1']);
  });

  it('keeps the visitor context a message carries', () => {
    const r = read(`<message xmlns='jabber:client' from='visitor-9@example.org/web' type='chat' id='v1'><body>hi</body>
      <visitor xmlns='urn:xmpp-chat:visitor:0'><page title='Cart'>https://shop.example/cart</page><language>fr</language></visitor></message>`)!;
    expect(r.chat!.context).to.deep.equal({ page: 'https://shop.example/cart', pageTitle: 'Cart', language: 'fr' });
    expect(read(`<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>x</body></message>`)!.chat).not.to.have.property(
      'context',
    );
  });

  it('reads our own message from another device as outgoing, to its recipient', () => {
    const r = read(
      `<message xmlns='jabber:client' from='alice@example.org/phone' to='bob@example.org' type='chat' id='s1'><body>yo</body></message>`,
      { carbon: 'sent' },
    )!;
    expect(r.direction).to.equal('out');
    expect(r.peer).to.equal('bob@example.org');
    expect(r.receiptRequest).to.equal(false);
  });

  it("takes the time from our server's delay or the archive stamp, and ignores unreadable stamps", () => {
    const delayed = read(
      `<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>x</body><delay xmlns='urn:xmpp:delay' from='Example.org' stamp='2026-01-02T03:04:05Z'/></message>`,
    )!;
    expect(delayed.chat!.time).to.equal(Date.parse('2026-01-02T03:04:05Z'));
    const broken = read(
      `<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>x</body><delay xmlns='urn:xmpp:delay' from='example.org' stamp='yesterday'/></message>`,
    )!;
    expect(broken.chat!.time).to.equal(ctx.now);
    const archived = read(`<message xmlns='jabber:client' from='bob@example.org' type='chat' id='i'><body>x</body></message>`, {
      archived: { id: 'arch', stamp: '2026-01-01T00:00:00Z' },
    })!;
    expect(archived.chat).to.include({ archiveId: 'arch', time: Date.parse('2026-01-01T00:00:00Z') });
  });

  it('ignores a delay stamped by anyone but our server, live or archived, so nobody can reorder the inbox', () => {
    const stamped = (from: string, extra = {}) =>
      read(
        `<message xmlns='jabber:client' from='mallory@evil.example/x' type='chat'><body>first!</body>
      <delay xmlns='urn:xmpp:delay' ${from} stamp='1999-01-01T00:00:00Z'/></message>`,
        extra,
      )!.chat!.time;
    expect(stamped('')).to.equal(ctx.now);
    expect(stamped(`from='evil.example'`)).to.equal(ctx.now);
    expect(stamped(`from='mallory@evil.example'`)).to.equal(ctx.now);
    expect(stamped(`from='alice@example.org'`)).to.equal(ctx.now);
    expect(stamped(`from='example.org.evil.example'`)).to.equal(ctx.now);
    expect(stamped(`from='evil.example'`, { carbon: 'received' })).to.equal(ctx.now);
    expect(stamped(`from='evil.example'`, { archived: { id: 'a', stamp: '2026-01-01T00:00:00Z' } })).to.equal(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(stamped(`from='example.org'`)).to.equal(Date.parse('1999-01-01T00:00:00Z'));
    expect(stamped(`from='example.org'`, { archived: { id: 'a', stamp: '2026-01-01T00:00:00Z' } })).to.equal(
      Date.parse('2026-01-01T00:00:00Z'),
    );
    // Our domain copied into a made-up delay can make a message look older, never newer than its arrival.
    const future = read(`<message xmlns='jabber:client' from='mallory@evil.example/x' type='chat'><body>pinned?</body>
      <delay xmlns='urn:xmpp:delay' from='example.org' stamp='2999-01-01T00:00:00Z'/></message>`)!;
    expect(future.chat!.time).to.equal(ctx.now);
  });

  it('places older history just before the message it is older than, in archive order', () => {
    const at = (position: number) =>
      read(`<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>x</body></message>`, {
        archived: { id: `a${position}`, stamp: '2026-01-01T00:00:00Z' },
        olderThan: { time: Date.parse('2026-01-01T00:00:00Z'), position },
      })!.chat!.time;
    expect(at(1)).to.be.lessThan(Date.parse('2026-01-01T00:00:00Z'));
    expect(at(2)).to.be.greaterThan(at(1));
  });

  it('reads bounces, receipts, markers and corrections as notices without a message to store', () => {
    const bounce = read(
      `<message xmlns='jabber:client' from='nobody@example.org' type='error' id='k1'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
    )!;
    expect(bounce.bounce).to.include({ id: 'k1', condition: 'service-unavailable' });
    // Without the server's own text, the sentence is the messaging feature's to add (it loads with the first error).
    expect(bounce.bounce!.message).to.equal(undefined);
    const explained = read(
      `<message xmlns='jabber:client' from='nobody@example.org' type='error' id='k9'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Gone fishing</text></error></message>`,
    )!;
    expect(explained.bounce!.message).to.equal('Gone fishing');
    expect(bounce.chat).to.equal(undefined);
    const receipt = read(
      `<message xmlns='jabber:client' from='bob@example.org/x' id='r'><received xmlns='urn:xmpp:receipts' id='k2'/></message>`,
    )!;
    expect(receipt.receivedId).to.equal('k2');
    const marker = read(
      `<message xmlns='jabber:client' from='bob@example.org/x' type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='k3'/></message>`,
    )!;
    expect(marker.marker).to.deep.equal({ type: 'displayed', id: 'k3' });
    const correction = read(
      `<message xmlns='jabber:client' from='bob@example.org/x' type='chat' id='c'><body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='k4'/></message>`,
    )!;
    expect(correction.correction).to.deep.equal({ replaceId: 'k4', body: 'fixed' });
    expect(correction.chat).to.equal(undefined);
  });

  it('keeps private messages with a room occupant by the occupant’s full address, never the room’s', () => {
    const room = 'lobby@conference.example.org';
    const x = `<x xmlns='http://jabber.org/protocol/muc#user'/>`;
    const incoming = read(`<message from='${room}/Dave' to='alice@example.org/web' type='chat' id='p1'><body>psst</body>${x}</message>`)!;
    expect([incoming.peer, incoming.direction, incoming.chat!.peer]).to.deep.equal([`${room}/Dave`, 'in', `${room}/Dave`]);
    // Our own, copied from another device (carbons) or from the archive.
    const sent = read(`<message from='alice@example.org/phone' to='${room}/Dave' type='chat' id='p2'><body>back</body>${x}</message>`, {
      carbon: 'sent',
    })!;
    expect([sent.peer, sent.direction]).to.deep.equal([`${room}/Dave`, 'out']);
    // The room's own notices (a mediated invitation) are no conversation.
    expect(
      read(
        `<message from='${room}'><body>You are invited</body><x xmlns='http://jabber.org/protocol/muc#user'><invite from='bob@example.org'/></x></message>`,
      ),
    ).to.equal(undefined);
  });

  it('never throws on hostile or malformed input', () => {
    expect(read(`<presence xmlns='jabber:client' from='bob@example.org'/>`)).to.equal(undefined);
    expect(read(`<message xmlns='jabber:client' from='not a jid@@' type='chat'><body>x</body></message>`)).to.equal(undefined);
    expect(read(`<message xmlns='jabber:client' from='room@muc.example.org/nick' type='groupchat'><body>x</body></message>`)).to.equal(
      undefined,
    );
    expect(read(`<message xmlns='jabber:client' from='nobody@example.org' type='error'/>`)).to.equal(undefined);
    const huge = 'a'.repeat(1_000_000);
    const big = read(
      `<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>${huge}</body><unknown xmlns='urn:example:x'><deep/></unknown></message>`,
    )!;
    expect(big.chat!.body).to.have.length(1_000_000);
    const noIds = read(`<message xmlns='jabber:client' from='bob@example.org' type='chat'><body>no ids</body></message>`)!;
    expect(noIds.chat!.key).to.match(/^local-/);
    expect(noIds.chat!.ids).to.deep.equal([noIds.chat!.key]);
    expect(
      read(
        `<message xmlns='jabber:client' from='alice@example.org/other' to='alice@example.org' type='chat'><body>note to self</body></message>`,
      )!.peer,
    ).to.equal('alice@example.org');
  });
});

describe('toTime', () => {
  it('keeps the microseconds of a stamp, and reads stamps without them', () => {
    const base = Date.parse('2026-11-26T02:40:01.123Z');
    expect(toTime('2026-11-26T02:40:01.123456Z')).to.be.closeTo(base + 0.456, 1e-6);
    expect(toTime('2026-11-26T02:40:01.1234Z')).to.be.closeTo(base + 0.4, 1e-6);
    expect(toTime('2026-11-26T02:40:01.123Z')).to.equal(base);
    expect(toTime('2026-11-26T02:40:01Z')).to.equal(Date.parse('2026-11-26T02:40:01Z'));
    expect(toTime('2026-11-26T03:40:01.123456+01:00')).to.be.closeTo(base + 0.456, 1e-6);
    expect(toTime('2026-11-26T02:40:01.123001Z')! < toTime('2026-11-26T02:40:01.123002Z')!).to.equal(true);
    expect(toTime('not a time')).to.equal(undefined);
  });
});
