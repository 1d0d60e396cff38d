/**
 * The parts of Publish-Subscribe (XEP-0060) that the team desk uses on its own account's Personal
 * Eventing service (XEP-0163): publish with publish-options (§7.1.5), configure a node (§8.2),
 * read items (§6.5), retract one (§7.2), and the event notifications that follow (§7.1.2.1).
 * Requests carry no `to`: they go to our own bare JID, the account's PEP service.
 */
import { childOf, childrenOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';
import { pubsubForm } from './pep.ts';

// Publishing with publish-options (§7.1.5) and configuring a node (§8.2.4) are the same as for any PEP node.
export { buildConfigure, buildPublish } from './pep.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';

/** Node configuration fields and their values, e.g. `{ 'pubsub#access_model': 'whitelist' }`. */
export type NodeOptions = Readonly<Record<string, string>>;

/** One item of a node: its id and its payload (undefined when it has none). */
export interface PubsubItem {
  id: string;
  payload?: XmlElement;
}

/** What one event notification tells: items published to `node`, and ids retracted from it. */
export interface PubsubEvent {
  node: string;
  items: PubsubItem[];
  retracted: string[];
}

/** Creates `node` configured with `options` (§8.1.3), so that no item is ever kept under other settings. */
export function buildCreate(node: string, options: NodeOptions): XmlElement {
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('create', { node }), xml('configure', {}, pubsubForm(`${NS_PUBSUB}#node_config`, options))),
  );
}

/** Asks for every item of `node`, or only item `id`. */
export function buildItemsGet(node: string, id?: string): XmlElement {
  return xml(
    'iq',
    { type: 'get', id: newStanzaId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, id !== undefined && xml('item', { id }))),
  );
}

/** Deletes item `id` of `node`, and tells the node's subscribers so. */
export function buildRetract(node: string, id: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', id: newStanzaId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('retract', { node, notify: 'true' }, xml('item', { id }))),
  );
}

function readItems(items: XmlElement): PubsubItem[] {
  return childrenOf(items, 'item')
    .filter((item) => item.attrs.id)
    .map((item) => {
      const payload = childOf(item);
      return payload ? { id: item.attrs.id, payload } : { id: item.attrs.id };
    });
}

/**
 * Reads the answer to `buildItemsGet` for `node`: its items in the order sent. An answer without
 * items (a server that finds none) is an empty list; undefined for anything but an iq result.
 */
export function parseItems(iq: XmlElement, node: string): PubsubItem[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const items = childOf(childOf(iq, 'pubsub', NS_PUBSUB) ?? iq, 'items');
  if (items && items.attrs.node !== node) return undefined;
  return items ? readItems(items) : [];
}

/**
 * Reads an event notification: a message with `<event xmlns='…pubsub#event'><items node='…'>`
 * holding published items and retractions. Undefined for any other stanza.
 */
export function parsePubsubEvent(message: XmlElement): PubsubEvent | undefined {
  if (message.name !== 'message' || message.attrs.type === 'error') return undefined;
  const items = childOf(childOf(message, 'event', NS_EVENT) ?? message, 'items');
  if (!items?.attrs.node || !childOf(message, 'event', NS_EVENT)) return undefined;
  const retracted = childrenOf(items, 'retract')
    .map((r) => r.attrs.id)
    .filter((id): id is string => !!id);
  return { node: items.attrs.node, items: readItems(items), retracted };
}
