import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { parseXml } from '../stanza/dom.ts';
import type { XmlElement } from '../stanza/element.ts';
import { bestAvailability } from '../stanza/presence.ts';
import { createStrangers, MAX_STRANGER_RESOURCES, MAX_STRANGERS } from './availability.ts';

function setup(answer: boolean, nick?: string) {
  const sent: XmlElement[] = [];
  const events = new Emitter<{ stanza: XmlElement; status: { status: string } }>();
  const client = { status: 'connected', send: (el: XmlElement) => void sent.push(el), on: events.on.bind(events) } as unknown as Client;
  let available = () => {};
  const strangers = createStrangers({
    client,
    account: () => 'agent@example.org',
    isContact: (jid) => jid === 'friend@example.org',
    answer,
    nick: () => nick,
    available: (listener) => {
      available = listener;
    },
  });
  const hear = (xml: string) => events.emit('stanza', parseXml(xml));
  return { strangers, sent, hear, available: () => available(), drop: () => events.emit('status', { status: 'reconnecting' }) };
}

describe('strangers (directed presence)', () => {
  it('answers each session of a stranger once, tracks their resources, and not contacts or ourselves', () => {
    const { strangers, sent, hear } = setup(true);
    const changes: string[] = [];
    strangers.on('changed', ({ jid, availability }) => changes.push(`${jid} ${availability}`));
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a' to='agent@example.org/desk'/>`);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/b' to='agent@example.org/desk'><show>away</show></presence>`);
    hear(`<presence xmlns='jabber:client' from='friend@example.org/x'/>`);
    hear(`<presence xmlns='jabber:client' from='agent@example.org/phone'/>`);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a'><status>still here</status></presence>`);
    expect(sent.map((el) => el.attrs.to)).to.deep.equal(['v1@anon.example.org/a', 'v1@anon.example.org/b']);
    expect(strangers.of('v1@anon.example.org')).to.equal('online');
    hear(`<presence xmlns='jabber:client' type='unavailable' from='v1@anon.example.org/a'/>`);
    expect(strangers.of('v1@anon.example.org')).to.equal('away');
    hear(`<presence xmlns='jabber:client' type='unavailable' from='v1@anon.example.org'/>`);
    expect(strangers.of('v1@anon.example.org')).to.equal('offline');
    expect(changes).to.deep.equal([
      'v1@anon.example.org online',
      'v1@anon.example.org online',
      'v1@anon.example.org online',
      'v1@anon.example.org away',
      'v1@anon.example.org offline',
    ]);
    // Their next session (a reload) is new to us, and is answered.
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a'/>`);
    expect(sent.map((el) => el.attrs.to)).to.deep.equal(['v1@anon.example.org/a', 'v1@anon.example.org/b', 'v1@anon.example.org/a']);
  });

  it('does not answer when not asked to, watches a peer with each new session, and forgets presence without one', () => {
    const { strangers, sent, hear, available, drop } = setup(false);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a'/>`);
    expect(sent).to.deep.equal([]);
    strangers.watch('support@example.org');
    available();
    expect(sent.map((el) => el.attrs.to)).to.deep.equal(['support@example.org', 'support@example.org']);
    hear(`<presence xmlns='jabber:client' from='support@example.org/desk'><show>chat</show></presence>`);
    expect(strangers.of('support@example.org')).to.equal('chat');
    drop();
    expect(strangers.of('support@example.org')).to.equal('offline');
  });

  it('announces itself once to each stranger, never to contacts', () => {
    const { strangers, sent } = setup(true);
    strangers.announce(['v1@anon.example.org', 'friend@example.org', 'v1@anon.example.org', 'v2@anon.example.org']);
    expect(sent.map((el) => el.attrs.to)).to.deep.equal(['v1@anon.example.org', 'v2@anon.example.org']);
  });

  it('introduces itself with its nickname to those it watches, and again to each who comes', () => {
    const { strangers, sent, hear, available } = setup(false, 'Ada <b>L</b>');
    strangers.watch('support@example.org');
    available();
    hear(`<presence xmlns='jabber:client' from='support@example.org/desk'/>`);
    hear(`<presence xmlns='jabber:client' from='support@example.org/desk'><show>away</show></presence>`);
    expect(sent.map((el) => el.attrs.to)).to.deep.equal(['support@example.org', 'support@example.org', 'support@example.org/desk']);
    const nick = sent[2].children.find((c) => typeof c !== 'string' && c.name === 'nick') as XmlElement;
    expect(nick.attrs.xmlns).to.equal('http://jabber.org/protocol/nick');
    expect(nick.children).to.deep.equal(['Ada <b>L</b>']);
    hear(
      `<presence xmlns='jabber:client' from='v1@anon.example.org/x'><nick xmlns='http://jabber.org/protocol/nick'>Bob</nick></presence>`,
    );
    expect(strangers.name('v1@anon.example.org')).to.equal('Bob');
  });

  it('keeps the name of each session of a stranger, until that session ends', () => {
    const { strangers, hear, drop } = setup(false);
    const nick = (name: string) => `<nick xmlns='http://jabber.org/protocol/nick'>${name}</nick>`;
    strangers.watch('support@example.org');
    hear(`<presence xmlns='jabber:client' from='support@example.org/ann'>${nick('Ann')}</presence>`);
    hear(`<presence xmlns='jabber:client' from='support@example.org/bo'>${nick('Bo &lt;b&gt;')}</presence>`);
    hear(`<presence xmlns='jabber:client' from='support@example.org/phone'>${nick('Ann')}</presence>`);
    hear(`<presence xmlns='jabber:client' from='support@example.org/bot'/>`);
    expect(strangers.names('support@example.org')).to.deep.equal(['Ann', 'Bo <b>']);
    // A later presence without a name (the server repeating Bo's broadcast) keeps it.
    hear(`<presence xmlns='jabber:client' from='support@example.org/bo'><show>away</show></presence>`);
    expect(strangers.names('support@example.org')).to.deep.equal(['Ann', 'Bo <b>']);
    expect(strangers.presence('support@example.org').get('bo')).to.include({ show: 'away', nick: 'Bo <b>' });
    hear(`<presence xmlns='jabber:client' type='unavailable' from='support@example.org/ann'/>`);
    expect(strangers.names('support@example.org')).to.deep.equal(['Ann', 'Bo <b>']);
    hear(`<presence xmlns='jabber:client' type='unavailable' from='support@example.org/phone'/>`);
    hear(`<presence xmlns='jabber:client' from='support@example.org/bo'>${nick('Bob')}</presence>`);
    expect(strangers.names('support@example.org')).to.deep.equal(['Bob']);
    expect(strangers.names('nobody@example.org')).to.deep.equal([]);
    drop();
    expect(strangers.names('support@example.org')).to.deep.equal([]);
  });

  it('answers with its nickname, so a visitor knows which agent is there', () => {
    const { sent, hear } = setup(true, 'Ann');
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a'/>`);
    const nick = sent[0].children.find((c) => typeof c !== 'string' && c.name === 'nick') as XmlElement;
    expect(nick.children).to.deep.equal(['Ann']);
  });

  it('ranks a stranger’s resources as contacts are ranked: busy above away', () => {
    const { strangers, hear } = setup(false);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/a'><show>away</show></presence>`);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/b'><show>dnd</show></presence>`);
    expect(strangers.of('v1@anon.example.org')).to.equal('dnd');
    expect(strangers.of('v1@anon.example.org')).to.equal(bestAvailability(strangers.presence('v1@anon.example.org').values()));
  });

  it('keeps at most MAX_STRANGERS strangers, forgetting those heard from longest ago, never those it watches', () => {
    const { strangers, hear } = setup(true);
    strangers.watch('support@example.org');
    hear(`<presence xmlns='jabber:client' from='support@example.org/desk'/>`);
    const gone: string[] = [];
    strangers.on('changed', ({ jid, availability }) => {
      if (availability === 'offline') gone.push(jid);
    });
    const flood = MAX_STRANGERS + 100;
    for (let i = 0; i < flood; i++) {
      hear(
        `<presence xmlns='jabber:client' from='v${i}@anon.example.org/x'><nick xmlns='http://jabber.org/protocol/nick'>V${i}</nick></presence>`,
      );
      if (i === flood - 10) hear(`<presence xmlns='jabber:client' from='v0@anon.example.org/x'><show>away</show></presence>`); // heard again: newest
    }
    expect(strangers.of('support@example.org')).to.equal('online');
    expect(strangers.of('v0@anon.example.org')).to.equal('away');
    expect(strangers.of('v1@anon.example.org')).to.equal('offline');
    expect(strangers.name('v1@anon.example.org')).to.equal(undefined);
    expect(strangers.of(`v${flood - 1}@anon.example.org`)).to.equal('online');
    expect(strangers.name(`v${flood - 1}@anon.example.org`)).to.equal(`V${flood - 1}`);
    const online = Array.from({ length: flood }, (_, i) => strangers.of(`v${i}@anon.example.org`)).filter((a) => a !== 'offline');
    expect(online).to.have.length(MAX_STRANGERS - 1); // and the watched one
    // v0 was forgotten once before it was heard again.
    expect(gone.filter((jid) => jid !== 'v0@anon.example.org')).to.have.length(flood - MAX_STRANGERS + 1);
    expect(gone).not.to.include('support@example.org');
  });

  it('keeps at most MAX_STRANGER_RESOURCES sessions of one stranger, and answers a forgotten one again', () => {
    const { strangers, sent, hear } = setup(true);
    for (let i = 0; i <= MAX_STRANGER_RESOURCES; i++) hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/r${i}'/>`);
    expect(strangers.presence('v1@anon.example.org').size).to.equal(MAX_STRANGER_RESOURCES);
    expect(strangers.presence('v1@anon.example.org').has('r0')).to.equal(false);
    expect(sent).to.have.length(MAX_STRANGER_RESOURCES + 1);
    hear(`<presence xmlns='jabber:client' from='v1@anon.example.org/r0'/>`);
    expect(sent.at(-1)!.attrs.to).to.equal('v1@anon.example.org/r0');
  });
});
