/**
 * One node of the account's PEP service, as the team desk uses it: items published with
 * publish-options (so the node is created private and keeping many items), read, and retracted.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import {
  buildConfigure,
  buildItemsGet,
  buildPublish,
  buildRetract,
  parseItems,
  type NodeOptions,
  type PubsubItem,
} from '../stanza/desk-pubsub.ts';
import type { XmlElement } from '../stanza/element.ts';
import { DeskError } from './desk-error.ts';

/**
 * Only the account's owner (all agents sign in as it) reads the node; items survive a restart;
 * and the node keeps one item per conversation: ejabberd keeps a single item per PEP node unless
 * asked for more, up to its `max_items_node`, and Prosody caps items at `pep_max_items`.
 */
export const DESK_NODE_OPTIONS: NodeOptions = {
  'pubsub#access_model': 'whitelist',
  'pubsub#persist_items': 'true',
  'pubsub#max_items': '10000',
};

export interface PepNode {
  publish(id: string, payload: XmlElement): Promise<void>;
  /** Every item, or item `id` only; none when the node does not exist yet. */
  items(id?: string): Promise<PubsubItem[]>;
  retract(id: string): Promise<void>;
}

const missing = (error: unknown) => error instanceof StanzaError && error.condition === 'item-not-found';

export function createPepNode(client: Client, node: string, options: NodeOptions = DESK_NODE_OPTIONS): PepNode {
  return {
    async publish(id, payload) {
      try {
        await client.iq(buildPublish(node, id, payload, options));
      } catch (error) {
        // A node created before (by hand, or by an older version) with other settings refuses
        // the preconditions (XEP-0060 §7.1.5): it is configured as we need, then published to again.
        if (!(error instanceof StanzaError) || error.condition !== 'precondition-not-met') throw error;
        await client.iq(buildConfigure(node, options));
        await client.iq(buildPublish(node, id, payload, options));
      }
    },
    async items(id) {
      const answer = await client.iq(buildItemsGet(node, id)).catch((error: unknown) => {
        if (missing(error)) return undefined;
        throw error;
      });
      if (!answer) return [];
      const items = parseItems(answer, node);
      if (!items) throw new DeskError('unexpected-answer', 'The chat server answered without the desk’s shared state.');
      return id === undefined ? items : items.filter((item) => item.id === id);
    },
    async retract(id) {
      await client.iq(buildRetract(node, id)).catch((error: unknown) => {
        if (!missing(error)) throw error;
      });
    },
  };
}
