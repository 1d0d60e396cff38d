/**
 * The desk's ordering rule on a scripted connection: the server's notifications, in the order they
 * arrive, decide; an answer to a fetch or to our own publish never replaces a notification that
 * came while it was under way.
 */
import { expect } from '@esm-bundle/chai';
import type { Client, ClientEvents } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { parseXml } from '../stanza/dom.ts';
import { toXmlString, type XmlElement } from '../stanza/element.ts';
import { createDesk } from './desk.ts';
import { after } from './desk-visitors.ts';

const NS = 'urn:xmpp-chat:desk:0';
const CONVERSATIONS = `${NS}:conversations`;
const PEER = 'visitor@localhost';

interface Pending {
  iq: XmlElement;
  resolve: (el: XmlElement) => void;
  reject: (error: Error) => void;
}

function scriptedClient() {
  const events = new Emitter<ClientEvents>();
  const pending: Pending[] = [];
  const client = {
    status: 'connected',
    jid: 'support@localhost/mine',
    epoch: 1,
    send: () => undefined,
    iq: (iq: XmlElement) => new Promise<XmlElement>((resolve, reject) => pending.push({ iq, resolve, reject })),
    handleIq: () => undefined,
    on: ((type, listener) => events.on(type, listener)) as Client['on'],
  } as unknown as Client;
  /** Answers the first waiting request whose XML holds `text`. */
  const answer = async (text: string, reply: string | Error) => {
    for (let i = 0; i < 50 && !pending.some((p) => toXmlString(p.iq).includes(text)); i++) await new Promise((r) => setTimeout(r, 0));
    const at = pending.findIndex((p) => toXmlString(p.iq).includes(text));
    if (at < 0) throw new Error(`nothing waits for ${text}: ${pending.map((p) => toXmlString(p.iq)).join('\n')}`);
    const [p] = pending.splice(at, 1);
    if (reply instanceof Error) p.reject(reply);
    else p.resolve(parseXml(`<iq xmlns="jabber:client" type="result" id="${p.iq.attrs.id}">${reply}</iq>`));
  };
  const notify = (item: string) =>
    events.emit(
      'stanza',
      parseXml(
        `<message xmlns="jabber:client" from="support@localhost" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event">` +
          `<items node="${CONVERSATIONS}">${item}</items></event></message>`,
      ),
    );
  return { client, answer, notify, pending };
}

const item = (assignee: string, updated = 1) =>
  `<item id="${PEER}"><conversation xmlns="${NS}" status="open" assignee="${assignee}" updated="${updated}"/></item>`;
const items = (node: string, ...list: string[]) =>
  `<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${node}">${list.join('')}</items></pubsub>`;
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('desk state order', () => {
  it('keeps a notification that came while the fetch was under way', async () => {
    const { client, answer, notify } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    notify(item('Ben', 2));
    await answer(`<items node="${CONVERSATIONS}"/>`, items(CONVERSATIONS, item('Cid', 1)));
    await answer(`<items node="${NS}:notes"/>`, items(`${NS}:notes`));
    await settle();
    expect(desk.conversation(PEER).assignee).to.equal('Ben');
    desk.close();
  });

  it('takes the fetched state, and later notifications over it', async () => {
    const { client, answer, notify } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    const changes: string[][] = [];
    desk.on('changed', ({ peers }) => changes.push(peers));
    await answer(`<items node="${CONVERSATIONS}"/>`, items(CONVERSATIONS, item('Cid', 1)));
    await answer(`<items node="${NS}:notes"/>`, items(`${NS}:notes`));
    await settle();
    expect(desk.conversation(PEER).assignee).to.equal('Cid');
    notify(item('Ben', 2));
    expect(desk.conversation(PEER).assignee).to.equal('Ben');
    notify(`<retract id="${PEER}"/>`);
    expect(desk.conversation(PEER)).to.deep.equal({ peer: PEER, status: 'open', labels: [], updated: 0 });
    expect(changes).to.deep.equal([[PEER], [PEER], [PEER]]);
    desk.close();
  });

  it('does not let its own publish’s answer replace a later claim it was told of', async () => {
    const { client, answer, notify } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    await answer(`<items node="${CONVERSATIONS}"/>`, items(CONVERSATIONS));
    await answer(`<items node="${NS}:notes"/>`, items(`${NS}:notes`));
    const claimed = desk.claim(PEER);
    await answer(`<item id="${PEER}"/>`, items(CONVERSATIONS));
    await answer(`<create node="${CONVERSATIONS}"/>`, '');
    // Ours went first; Ben's came after it, and we hear of his before the answer to ours.
    notify(item('Ben', Date.now() + 1000));
    await answer(`<publish node="${CONVERSATIONS}">`, '');
    await claimed;
    expect(desk.conversation(PEER).assignee).to.equal('Ben');
    desk.close();
  });

  it('holds its own change as the server would tell of it, with no field set to undefined', async () => {
    const { client, answer } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    await answer(`<items node="${CONVERSATIONS}"/>`, items(CONVERSATIONS, item('Ben', 1)));
    await answer(`<items node="${NS}:notes"/>`, items(`${NS}:notes`));
    const unassigned = desk.assign(PEER, undefined);
    await answer(`<item id="${PEER}"/>`, items(CONVERSATIONS, item('Ben', 1)));
    await answer(`<create node="${CONVERSATIONS}"/>`, '');
    // The answer to our publish comes before its notification.
    await answer(`<publish node="${CONVERSATIONS}">`, '');
    await unassigned;
    expect(Object.keys(desk.conversation(PEER)).sort().join()).to.equal('by,labels,peer,status,updated');
    desk.close();
  });

  it('configures a node created otherwise, then publishes again', async () => {
    const { client, answer } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    await answer(`<items node="${CONVERSATIONS}"/>`, new StanzaError('item-not-found', 'none'));
    await answer(`<items node="${NS}:notes"/>`, new StanzaError('item-not-found', 'none'));
    const labelled = desk.setLabels(PEER, ['vip']);
    await answer(`<item id="${PEER}"/>`, new StanzaError('item-not-found', 'none'));
    await answer(`<create node="${CONVERSATIONS}"/>`, new StanzaError('conflict', 'exists'));
    await answer(`<configure node="${CONVERSATIONS}">`, '');
    await answer(`<publish node="${CONVERSATIONS}">`, new StanzaError('conflict', 'preconditions'));
    await answer(`<configure node="${CONVERSATIONS}">`, '');
    await answer(`<publish node="${CONVERSATIONS}">`, '');
    await labelled;
    expect(desk.conversation(PEER).labels).to.deep.equal(['vip']);
    expect(desk.conversation(PEER).by).to.equal('Ann');
    desk.close();
  });

  it('removes conversations resolved over 90 days ago, with their notes, when signing in', async () => {
    const { client, answer } = scriptedClient();
    const now = Date.UTC(2026, 11, 1);
    const desk = createDesk({ client, agent: 'Ann', now: () => now });
    const day = 24 * 60 * 60 * 1000;
    const resolved = (peer: string, at: number) =>
      `<item id="${peer}"><conversation xmlns="${NS}" status="resolved" updated="${at}" resolved-at="${at}"/></item>`;
    await answer(
      `<items node="${CONVERSATIONS}"/>`,
      items(CONVERSATIONS, resolved('old@localhost', now - 91 * day), resolved('recent@localhost', now - 89 * day)),
    );
    await answer(
      `<items node="${NS}:notes"/>`,
      items(`${NS}:notes`, `<item id="n1"><note xmlns="${NS}" peer="old@localhost" author="Ann" at="1" kind="note">x</note></item>`),
    );
    await answer(`<retract node="${NS}:notes" notify="true"><item id="n1"/>`, '');
    await answer(`<retract node="${CONVERSATIONS}" notify="true"><item id="old@localhost"/>`, '');
    await settle();
    expect([...desk.conversations.keys()]).to.deep.equal(['recent@localhost']);
    expect(desk.notes('old@localhost')).to.deep.equal([]);
    desk.close();
  });

  it('counts a message stamped in whole seconds during the second of the resolution as after it', () => {
    expect(after(1_000_500, 1_000_400)).to.equal(true);
    expect(after(1_000_300, 1_000_400)).to.equal(false);
    expect(after(1_000_000, 1_000_400)).to.equal(true);
    expect(after(999_000, 1_000_400)).to.equal(false);
  });

  it('refuses what cannot be stored', async () => {
    const { client } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    for (const attempt of [desk.claim('not an address'), desk.claim('v@localhost/phone'), desk.addNote(PEER, '  ')]) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property('condition', 'invalid');
    }
    expect(() => createDesk({ client, agent: ' ' })).to.throw('An agent needs a name.');
    desk.close();
  });

  it('reads the item back after two changes close together, and the stored one decides', async () => {
    const { client, answer, notify } = scriptedClient();
    const desk = createDesk({ client, agent: 'Ann' });
    await answer(`<items node="${CONVERSATIONS}"/>`, items(CONVERSATIONS));
    await answer(`<items node="${NS}:notes"/>`, items(`${NS}:notes`));
    // Two claims at once: the server stored Ann's but notified Ben's last (seen with ejabberd 24.12).
    notify(item('Ann', 2));
    notify(item('Ben', 3));
    await settle();
    expect(desk.conversation(PEER).assignee).to.equal('Ben');
    await new Promise((r) => setTimeout(r, 400)); // the read back waits for things to be quiet
    await answer(`<item id="${PEER}"/>`, items(CONVERSATIONS, item('Ann', 2)));
    await settle();
    expect(desk.conversation(PEER).assignee).to.equal('Ann');
    desk.close();
  });
});
