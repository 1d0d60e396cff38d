/** Blocking (XEP-0191): the block list, kept current by the server's pushes. */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { buildBlock, buildBlocklistGet, buildUnblock, parseBlocklist, parseBlockPush } from '../stanza/blocking.ts';

const NS_BLOCKING = 'urn:xmpp:blocking';

export interface BlockingEvents extends Record<string, unknown> {
  blocked: ReadonlySet<string>;
  /** Fetching the block list failed. */
  error: Error;
}

export interface Blocking {
  readonly blocked: ReadonlySet<string>;
  block(jids: string[]): Promise<void>;
  /** Unblocks these addresses, or everyone without an argument. */
  unblock(jids?: string[]): Promise<void>;
  on<K extends keyof BlockingEvents>(type: K, listener: (detail: BlockingEvents[K]) => void): () => void;
}

export function createBlocking(client: Client, account: () => string, supported: () => boolean, ready: () => Promise<void>): Blocking {
  const events = new Emitter<BlockingEvents>();
  let blocked = new Set<string>();
  const changed = () => events.emit('blocked', blocked);

  const onPush = (iq: Parameters<Parameters<Client['handleIq']>[2]>[0]) => {
    const push = parseBlockPush(iq, account());
    if (!push) return undefined;
    for (const jid of push.block ?? []) blocked.add(jid);
    if (push.unblock === 'all') blocked.clear();
    else for (const jid of push.unblock ?? []) blocked.delete(jid);
    changed();
    return undefined;
  };
  client.handleIq('block', NS_BLOCKING, onPush);
  client.handleIq('unblock', NS_BLOCKING, onPush);

  client.on('online', (info) => {
    if (info.resumed) return;
    void (async () => {
      await ready();
      if (!supported()) return;
      const list = parseBlocklist(await client.iq(buildBlocklistGet()));
      if (list) {
        blocked = new Set(list);
        changed();
      }
    })().catch((error: Error) => events.emit('error', error));
  });

  return {
    get blocked() { return blocked; },
    async block(jids) { await client.iq(buildBlock(jids)); },
    async unblock(jids) { await client.iq(buildUnblock(jids)); },
    on: (type, listener) => events.on(type, listener),
  };
}
