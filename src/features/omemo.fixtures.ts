/** Fake accounts for the OMEMO tests: connected clients sharing one in-memory PEP service, each with a store in memory. */
import type { Client, ClientEvents } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { childOf, xml, type XmlElement } from '../stanza/element.ts';
import { createMemoryBackend } from '../storage/memory-backend.ts';
import { createMessageStore } from '../storage/message-store.ts';
import { createOmemo } from './omemo.ts';

/** Items by `owner node`, then by item id, in publication order. */
export type Pep = Map<string, Map<string, XmlElement>>;

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

/** Answers publish, items, configure and subscribe as a PEP service keeping every item; `own` is the asker's bare JID. */
function answerPep(pep: Pep, own: string, iq: XmlElement): XmlElement {
  const pubsub = childOf(iq, 'pubsub', NS_PUBSUB);
  const publish = pubsub && childOf(pubsub, 'publish');
  if (publish) {
    const item = childOf(publish, 'item')!;
    const key = `${own} ${publish.attrs.node}`;
    const node = pep.get(key) ?? new Map<string, XmlElement>();
    node.set(item.attrs.id, item);
    pep.set(key, node);
    return xml('iq', { type: 'result' });
  }
  const items = pubsub && childOf(pubsub, 'items');
  if (items) {
    const node = pep.get(`${iq.attrs.to ?? own} ${items.attrs.node}`);
    if (!node) throw new StanzaError('item-not-found', 'No such node.');
    const wanted = childOf(items, 'item')?.attrs.id;
    const found = [...node.values()].filter((item) => !wanted || item.attrs.id === wanted);
    return xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: items.attrs.node }, found)));
  }
  return xml('iq', { type: 'result' });
}

export function fakeAccount(pep: Pep, jid: string, backend = createMemoryBackend()) {
  const events = new Emitter<ClientEvents>();
  const sent: XmlElement[] = [];
  const client = {
    status: 'connected',
    epoch: 1,
    send: (stanza: XmlElement) => void sent.push(stanza),
    iq: (stanza: XmlElement) => new Promise<XmlElement>((resolve) => resolve(answerPep(pep, jid, stanza))),
    on: (type: keyof ClientEvents, listener: (detail: unknown) => void) => events.on(type, listener),
  } as unknown as Client;
  const store = createMessageStore(jid, { backend, channelName: `omemo-${Math.random()}` });
  const omemo = createOmemo({ client, store, account: () => jid });
  const errors: Error[] = [];
  omemo.on('error', (error) => errors.push(error));
  const online = () => events.emit('online', { resumed: false } as ClientEvents['online']);
  return { jid, client, store, omemo, backend, errors, sent, online, receive: (stanza: XmlElement) => events.emit('stanza', stanza) };
}

/** A chat message from `from` to `to` carrying `elements` and the fallback body. */
export const encryptedMessage = (from: string, to: string, id: string, elements: XmlElement[]) =>
  xml(
    'message',
    { from: `${from}/web`, to, type: 'chat', id },
    xml('body', {}, 'I sent you an OMEMO encrypted message'),
    xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
    elements,
  );
