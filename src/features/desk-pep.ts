/**
 * One node of the account's PEP service, as the team desk uses it: created private and keeping
 * many items, published to with publish-options, read, and retracted.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import {
  buildConfigure,
  buildCreate,
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
 * Only the account's owner (all agents sign in as it) reads the node, and its items survive a
 * restart. These two are what ejabberd 23.01 accepts as publish-options (preconditions); Prosody
 * accepts any node setting.
 */
export const DESK_PUBLISH_OPTIONS: NodeOptions = {
  'pubsub#access_model': 'whitelist',
  'pubsub#persist_items': 'true',
};
/**
 * And the node keeps one item per conversation: a PEP node keeps only the last item unless
 * configured otherwise, up to the server's limit (Prosody's `pep_max_items`, ejabberd's
 * `mod_pubsub: max_items_node`), which must be at least this.
 */
export const DESK_NODE_CONFIG: NodeOptions = { ...DESK_PUBLISH_OPTIONS, 'pubsub#max_items': '10000' };

export interface PepNode {
  publish(id: string, payload: XmlElement): Promise<void>;
  /** Every item, or item `id` only; none when the node does not exist yet. */
  items(id?: string): Promise<PubsubItem[]>;
  retract(id: string): Promise<void>;
}

const refused = (error: unknown, condition: string) => error instanceof StanzaError && error.condition === condition;

export function createPepNode(client: Client, node: string, config: NodeOptions = DESK_NODE_CONFIG): PepNode {
  /** The session in which the node was last made sure of: configured as above, once per session. */
  let configuredIn = -1;
  let configuring: Promise<void> | undefined;

  /**
   * ejabberd aborts all but one of the node creations made at the same moment (a deadlock in its
   * database, answered as internal-server-error): the others try again a little later, a few times,
   * and find the node there.
   */
  const retried = async (request: () => Promise<unknown>, tries = 4): Promise<void> => {
    try {
      await request();
    } catch (error) {
      if (tries <= 1 || !refused(error, 'internal-server-error')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
      await retried(request, tries - 1);
    }
  };
  const configure = () =>
    retried(async () => {
      try {
        await client.iq(buildCreate(node, config));
      } catch (error) {
        // It exists (conflict): made so by another device, an older version, or by hand.
        if (!refused(error, 'conflict')) throw error;
        await client.iq(buildConfigure(node, config));
      }
    });
  const configured = () => {
    const epoch = client.epoch;
    if (configuredIn === epoch) return Promise.resolve();
    configuring ??= configure()
      .then(() => {
        configuredIn = epoch;
      })
      .finally(() => {
        configuring = undefined;
      });
    return configuring;
  };

  return {
    async publish(id, payload) {
      await configured();
      try {
        await client.iq(buildPublish(node, id, payload, DESK_PUBLISH_OPTIONS));
      } catch (error) {
        // Preconditions not met (XEP-0060 §7.1.5: conflict with <precondition-not-met/>): the node
        // was set otherwise since. It is configured as we need, then published to again.
        if (!refused(error, 'conflict')) throw error;
        await client.iq(buildConfigure(node, config));
        await client.iq(buildPublish(node, id, payload, DESK_PUBLISH_OPTIONS));
      }
    },
    async items(id) {
      const answer = await client.iq(buildItemsGet(node, id)).catch((error: unknown) => {
        if (refused(error, 'item-not-found')) return undefined;
        throw error;
      });
      if (!answer) return [];
      const items = parseItems(answer, node);
      if (!items) throw new DeskError('unexpected-answer', 'The chat server answered without the desk’s shared state.');
      return id === undefined ? items : items.filter((item) => item.id === id);
    },
    async retract(id) {
      await client.iq(buildRetract(node, id)).catch((error: unknown) => {
        if (!refused(error, 'item-not-found')) throw error;
      });
    },
  };
}
