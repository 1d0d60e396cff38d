import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { IqRouter } from '../iq.ts';
import { parseXml } from '../stanza/dom.ts';
import { childOf, type XmlElement } from '../stanza/element.ts';
import type { MessageStore } from '../storage/index.ts';
import { createBlocking } from './blocking.ts';
import { createRoster, MAX_REQUESTS } from './roster.ts';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** A client whose iq requests are answered by the real router, as in client.ts. */
function setup() {
  const sent: XmlElement[] = [];
  const failures: unknown[] = [];
  const events = new Emitter<Record<string, unknown>>();
  const hear = (xml: string) => events.emit('stanza', parseXml(xml));
  const iqs = new IqRouter(
    (s) => sent.push(s),
    1000,
    (e) => failures.push(e),
  );
  const client = {
    status: 'disconnected',
    send: (el: XmlElement) => void sent.push(el),
    on: events.on.bind(events),
    handleIq: iqs.handle.bind(iqs),
    iq: () => new Promise(() => {}),
  } as unknown as Client;
  const store = { getRoster: async () => undefined, setRoster: async () => {} } as unknown as MessageStore;
  const roster = createRoster({ client, store, account: () => 'alice@example.org' });
  const blocking = createBlocking({ client, account: () => 'alice@example.org', supported: () => true, ready: async () => {} });
  const answer = async (xml: string) => {
    const request = parseXml(xml);
    sent.length = 0;
    iqs.receive(request);
    // The block list's stanza code loads on first use: the first answer may take a moment.
    for (let i = 0; i < 200 && !sent.some((s) => s.attrs.id === request.attrs.id); i++) await new Promise((r) => setTimeout(r, 10));
    return sent.find((s) => s.attrs.id === request.attrs.id)!;
  };
  return { roster, blocking, answer, failures, hear };
}

const condition = (iq: XmlElement) => childOf(iq, 'error')?.children.find((c) => typeof c !== 'string' && c.attrs.xmlns === NS_STANZAS);

describe('roster and block list pushes', () => {
  it('refuses a roster push from anyone but our own account with service-unavailable, and changes nothing', async () => {
    const { roster, answer, failures } = setup();
    const forged = await answer(`<iq xmlns='jabber:client' type='set' id='f1' from='mallory@evil.example/x'>
      <query xmlns='jabber:iq:roster'><item jid='mallory@evil.example' subscription='both' name='Your bank'/></query></iq>`);
    expect(forged.attrs).to.include({ type: 'error', to: 'mallory@evil.example/x' });
    expect(childOf(forged, 'error')!.attrs.type).to.equal('cancel');
    expect(condition(forged)).to.include({ name: 'service-unavailable' });
    const ownResource = await answer(`<iq xmlns='jabber:client' type='set' id='f2' from='alice@example.org/other'>
      <query xmlns='jabber:iq:roster'><item jid='mallory@evil.example'/></query></iq>`);
    expect(condition(ownResource)).to.include({ name: 'service-unavailable' });
    expect(roster.contacts.has('mallory@evil.example')).to.equal(false);
    expect(failures).to.deep.equal([]);
  });

  it('accepts a roster push from our account, and answers an unreadable one with bad-request', async () => {
    const { roster, answer } = setup();
    const ok = await answer(`<iq xmlns='jabber:client' type='set' id='p1' from='alice@example.org'>
      <query xmlns='jabber:iq:roster'><item jid='bob@example.org' subscription='both'/></query></iq>`);
    expect(ok.attrs.type).to.equal('result');
    expect(roster.contacts.has('bob@example.org')).to.equal(true);
    const noFrom = await answer(
      `<iq xmlns='jabber:client' type='set' id='p2'><query xmlns='jabber:iq:roster'><item jid='carol@example.org'/></query></iq>`,
    );
    expect(noFrom.attrs.type).to.equal('result');
    const broken = await answer(`<iq xmlns='jabber:client' type='set' id='p3'><query xmlns='jabber:iq:roster'><item/><item/></query></iq>`);
    expect(condition(broken)).to.include({ name: 'bad-request' });
  });

  it('refuses a block or unblock push from anyone but our own account, and changes nothing', async () => {
    const { blocking, answer } = setup();
    const ok = await answer(
      `<iq xmlns='jabber:client' type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='spam@example.org'/></block></iq>`,
    );
    expect(ok.attrs.type).to.equal('result');
    expect(blocking.blocked.has('spam@example.org')).to.equal(true);
    const forged = await answer(
      `<iq xmlns='jabber:client' type='set' id='b2' from='spam@example.org'><unblock xmlns='urn:xmpp:blocking'/></iq>`,
    );
    expect(condition(forged)).to.include({ name: 'service-unavailable' });
    const forgedBlock = await answer(
      `<iq xmlns='jabber:client' type='set' id='b3' from='example.org'><block xmlns='urn:xmpp:blocking'><item jid='bob@example.org'/></block></iq>`,
    );
    expect(condition(forgedBlock)).to.include({ name: 'service-unavailable' });
    expect([...blocking.blocked]).to.deep.equal(['spam@example.org']);
  });
});

describe('subscription requests', () => {
  it('keeps at most MAX_REQUESTS subscription requests, forgetting the oldest; one asked again is the newest', () => {
    const { roster, hear } = setup();
    const ask = (i: number) => hear(`<presence xmlns='jabber:client' type='subscribe' from='spam${i}@evil.example/x'/>`);
    for (let i = 0; i < MAX_REQUESTS + 50; i++) {
      ask(i);
      if (i === MAX_REQUESTS + 40) ask(0);
    }
    expect(roster.requests.size).to.equal(MAX_REQUESTS);
    expect(roster.requests.has('spam0@evil.example')).to.equal(true);
    expect(roster.requests.has('spam1@evil.example')).to.equal(false);
    expect(roster.requests.has(`spam${MAX_REQUESTS + 49}@evil.example`)).to.equal(true);
    expect([...roster.requests].at(-1)).to.equal(`spam${MAX_REQUESTS + 49}@evil.example`);
  });
});
