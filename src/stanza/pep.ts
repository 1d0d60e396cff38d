/**
 * Personal eventing (XEP-0163) over publish-subscribe (XEP-0060): publishing one item to a node
 * of our own account with publish options, configuring such a node, and reading a node's items
 * from someone's account. Pure builders and readers; features send them.
 */
import { childOf, childrenOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_OWNER = 'http://jabber.org/protocol/pubsub#owner';
const NS_DATA = 'jabber:x:data';

/** A submitted data form (XEP-0004) of `formType` with these single-valued fields. */
export function pubsubForm(formType: string, fields: Readonly<Record<string, string>>): XmlElement {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    Object.entries(fields).map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
  );
}

/**
 * Publishes `payload` as item `id` of our node `node`; with `options` (e.g. `pubsub#access_model`),
 * the server creates the node so, or refuses with `conflict` / `precondition-not-met` when an
 * existing node is configured otherwise (XEP-0060 §7.1.5).
 */
export function buildPublish(node: string, id: string, payload: XmlElement, options?: Readonly<Record<string, string>>): XmlElement {
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node }, xml('item', { id }, payload)),
      options && xml('publish-options', {}, pubsubForm(`${NS_PUBSUB}#publish-options`, options)),
    ),
  );
}

/** Sets these options of our node `node` (XEP-0060 §8.2.4). */
export function buildConfigure(node: string, options: Readonly<Record<string, string>>): XmlElement {
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml('pubsub', { xmlns: NS_OWNER }, xml('configure', { node }, pubsubForm(`${NS_PUBSUB}#node_config`, options))),
  );
}

/** Asks `owner`'s account for the newest `max` items of its node `node` (XEP-0060 §6.5.7). */
export function buildItemsGet(owner: string, node: string, max = 1): XmlElement {
  return xml(
    'iq',
    { type: 'get', to: owner, id: newStanzaId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node, max_items: String(max) })),
  );
}

/**
 * The payloads of the items of `node` in an iq result, in the order given; each item's first
 * child element. Undefined for anything but a result with that node's items.
 */
export function parseItems(iq: XmlElement, node: string): XmlElement[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const items = childOf(childOf(iq, 'pubsub', NS_PUBSUB) ?? xml('none'), 'items');
  if (!items || items.attrs.node !== node) return undefined;
  return childrenOf(items, 'item').flatMap((item) => childrenOf(item).slice(0, 1));
}

/**
 * Subscribes `jid` to `owner`'s node `node` (XEP-0060 §6.1): PEP notifies contacts who ask with
 * `+notify`, but anyone else only by an explicit subscription.
 */
export function buildSubscribe(owner: string, node: string, jid: string): XmlElement {
  return xml('iq', { type: 'set', to: owner, id: newStanzaId() }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node, jid })));
}
