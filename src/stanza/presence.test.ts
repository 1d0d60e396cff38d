import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString, xml, type XmlElement } from './element.ts';
import { bestAvailability, buildPresence, buildSubscription, parsePresence, type Presence, type Show } from './presence.ts';

// Presence as Prosody 0.12 relays it from a Conversations client, with caps, idle and a delay.
const PROSODY_PRESENCE = `<presence xmlns='jabber:client' from='romeo@example.net/phone' to='juliet@example.com/balcony'>
  <show>away</show>
  <status>Out for a walk</status>
  <priority>-5</priority>
  <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://conversations.im' ver='Oi4KcK7rc0+IGzRpAxL8UYHsAJ4='/>
  <idle xmlns='urn:xmpp:idle:1' since='2024-05-01T09:00:00Z'/>
  <delay xmlns='urn:xmpp:delay' from='example.net' stamp='2024-05-01T10:00:00Z'/>
</presence>`;

describe('parsePresence', () => {
  it('reads a recorded Prosody presence', () => {
    expect(parsePresence(parseXml(PROSODY_PRESENCE))).to.deep.equal({
      from: 'romeo@example.net/phone',
      to: 'juliet@example.com/balcony',
      type: 'available',
      show: 'away',
      status: 'Out for a walk',
      priority: -5,
      caps: { node: 'http://conversations.im', ver: 'Oi4KcK7rc0+IGzRpAxL8UYHsAJ4=', hash: 'sha-1' },
      idle: '2024-05-01T09:00:00Z',
      delay: '2024-05-01T10:00:00Z',
    });
  });

  it('reads a bare presence as available with priority 0', () => {
    expect(parsePresence(parseXml('<presence/>'))).to.deep.equal({ type: 'available', priority: 0 });
  });

  it('reads every RFC 6121 type and refuses unknown ones', () => {
    for (const type of ['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error']) {
      expect(parsePresence(xml('presence', { type }))?.type).to.equal(type);
    }
    for (const type of ['available', 'invisible', '', 'toString', '__proto__', 'UNAVAILABLE']) {
      expect(parsePresence(xml('presence', { type })), type).to.equal(undefined);
    }
  });

  it('reads a subscription request with an XEP-0172 nick, kept as literal text', () => {
    const el = parseXml(
      `<presence from='romeo@example.net' to='juliet@example.com' type='subscribe'>` +
        `<nick xmlns='http://jabber.org/protocol/nick'>&lt;script&gt;alert(1)&lt;/script&gt;</nick></presence>`,
    );
    expect(parsePresence(el)).to.deep.equal({
      from: 'romeo@example.net',
      to: 'juliet@example.com',
      type: 'subscribe',
      priority: 0,
      nick: '<script>alert(1)</script>',
    });
  });

  it('keeps HTML in the status as text and caps the status at 1024 characters', () => {
    const el = parseXml(`<presence><status>&lt;img src=x onerror=alert(1)&gt;<b>bold</b></status></presence>`);
    expect(parsePresence(el)?.status).to.equal('<img src=x onerror=alert(1)>');
    const long = parsePresence(xml('presence', {}, xml('status', {}, 'é'.repeat(100_000))));
    expect(long?.status).to.have.length(1024);
    expect(
      parsePresence(xml('presence', {}, xml('nick', { xmlns: 'http://jabber.org/protocol/nick' }, 'n'.repeat(5000))))?.nick,
    ).to.have.length(1024);
  });

  it('drops unknown show values', () => {
    expect(parsePresence(xml('presence', {}, xml('show', {}, 'invisible')))?.show).to.equal(undefined);
    expect(parsePresence(xml('presence', {}, xml('show', {}, 'AWAY')))?.show).to.equal(undefined);
    expect(parsePresence(xml('presence', {}, xml('show', {}, ' dnd\n')))?.show).to.equal('dnd');
    for (const show of ['away', 'chat', 'dnd', 'xa'])
      expect(parsePresence(xml('presence', {}, xml('show', {}, show)))?.show).to.equal(show);
  });

  it('clamps the priority and reads garbage as 0', () => {
    const priority = (text: string) => parsePresence(xml('presence', {}, xml('priority', {}, text)))?.priority;
    expect(priority('5')).to.equal(5);
    expect(priority(' +7 ')).to.equal(7);
    expect(priority('-128')).to.equal(-128);
    expect(priority('1000')).to.equal(127);
    expect(priority('-99999999999999999999999')).to.equal(-128);
    for (const bad of ['', 'high', '1.5', '0x10', '1e3', 'NaN', 'Infinity', '--1']) expect(priority(bad), bad).to.equal(0);
  });

  it('ignores show, status and priority in foreign namespaces, and incomplete caps', () => {
    const el = xml(
      'presence',
      {},
      xml('show', { xmlns: 'urn:evil' }, 'dnd'),
      xml('status', { xmlns: 'urn:evil' }, 'fake'),
      xml('priority', { xmlns: 'urn:evil' }, '99'),
      xml('c', { xmlns: 'http://jabber.org/protocol/caps', node: 'n', ver: '0.9' }),
      xml('nick', { xmlns: 'urn:evil' }, 'x'),
      xml('idle', { xmlns: 'urn:xmpp:idle:0', since: 'x' }),
      xml('delay', { xmlns: 'urn:xmpp:delay' }),
    );
    expect(parsePresence(el)).to.deep.equal({ type: 'available', priority: 0 });
  });

  it('returns undefined for other stanzas and never throws', () => {
    expect(parsePresence(xml('message', {}, xml('show', {}, 'away')))).to.equal(undefined);
    const odd: XmlElement[] = [
      xml(''),
      xml('presence', {}, 'text', xml('status', {}, xml('status', {}, 'x'))),
      { name: 'presence', attrs: { type: 'constructor' }, children: [] },
    ];
    for (const el of odd) expect(() => parsePresence(el)).not.to.throw();
    expect(parsePresence(odd[2])).to.equal(undefined);
  });
});

describe('buildPresence', () => {
  it('builds a full broadcast presence with caps', () => {
    const el = buildPresence({ show: 'dnd', status: 'Busy <b>', priority: 5.7, caps: { node: 'https://example.org/widget', ver: 'abc=' } });
    expect(toXmlString(el)).to.equal(
      '<presence><show>dnd</show><status>Busy &lt;b&gt;</status><priority>5</priority>' +
        '<c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="https://example.org/widget" ver="abc="/></presence>',
    );
  });

  it('builds directed and unavailable presence, clamping priority', () => {
    expect(toXmlString(buildPresence({}))).to.equal('<presence/>');
    expect(toXmlString(buildPresence({ to: 'room@muc.example.org/nick', type: 'unavailable', priority: 500 }))).to.equal(
      '<presence to="room@muc.example.org/nick" type="unavailable"><priority>127</priority></presence>',
    );
    expect(toXmlString(buildPresence({ priority: -1000 }))).to.equal('<presence><priority>-128</priority></presence>');
    expect(toXmlString(buildPresence({ priority: NaN, status: '' }))).to.equal('<presence/>');
  });

  it('round-trips through parsePresence', () => {
    const el = parseXml(toXmlString(buildPresence({ show: 'xa', status: 'a & b', priority: 1, caps: { node: 'n', ver: 'v' } })));
    expect(parsePresence(el)).to.deep.equal({
      type: 'available',
      show: 'xa',
      status: 'a & b',
      priority: 1,
      caps: { node: 'n', ver: 'v', hash: 'sha-1' },
    });
  });
});

describe('buildSubscription', () => {
  it('addresses the bare JID and adds a nick when given', () => {
    expect(toXmlString(buildSubscription('Romeo@Example.net/phone', 'subscribe', 'Juliet'))).to.equal(
      '<presence to="romeo@example.net" type="subscribe"><nick xmlns="http://jabber.org/protocol/nick">Juliet</nick></presence>',
    );
    expect(toXmlString(buildSubscription('romeo@example.net', 'unsubscribed'))).to.equal(
      '<presence to="romeo@example.net" type="unsubscribed"/>',
    );
  });

  it('passes an unparsable address through for the server to refuse', () => {
    expect(buildSubscription('not a jid', 'subscribed').attrs.to).to.equal('not a jid');
  });
});

describe('bestAvailability', () => {
  const available = (show?: Show): Pick<Presence, 'type' | 'show'> => ({ type: 'available', show });

  it('is the most available resource: chat, online, dnd, away, xa, then offline', () => {
    expect(bestAvailability([])).to.equal('offline');
    expect(bestAvailability([available('xa'), available('away')])).to.equal('away');
    expect(bestAvailability([available('away'), available('dnd')]), 'busy is at a device').to.equal('dnd');
    expect(bestAvailability([available('dnd'), available()])).to.equal('online');
    expect(bestAvailability([available(), available('chat')])).to.equal('chat');
  });

  it('counts only available presences', () => {
    expect(bestAvailability([{ type: 'unavailable' }, { type: 'error', show: 'chat' }])).to.equal('offline');
    expect(bestAvailability([{ type: 'unavailable' }, available('xa')])).to.equal('xa');
  });

  it('does not depend on the order of the resources', () => {
    const shows: (Show | undefined)[] = ['chat', undefined, 'dnd', 'away', 'xa'];
    for (const a of shows)
      for (const b of shows) {
        expect(bestAvailability([available(a), available(b)])).to.equal(bestAvailability([available(b), available(a)]));
      }
  });
});
