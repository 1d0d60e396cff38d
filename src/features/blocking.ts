/**
 * Blocking (XEP-0191): the block list, kept current by the server's pushes. The list is fetched
 * only once someone asks for it: a visitor's widget never does, and saves the round trip.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { forgedPushError } from '../iq.ts';
/** The stanza code loads with the first use of the block list. */
const stanzas = () => import('../stanza/blocking.ts');

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

export interface BlockingDeps {
  /** The connection the block list is fetched and changed over. */
  client: Client;
  /** Our bare JID: only our own account may push changes to the list. */
  account: () => string;
  /** Whether our server supports blocking (asked once `ready` settles). */
  supported: () => boolean;
  /** Settles once the server's features of this session are known. */
  ready: () => Promise<void>;
}

export function createBlocking({ client, account, supported, ready }: BlockingDeps): Blocking {
  const events = new Emitter<BlockingEvents>();
  let blocked = new Set<string>();
  let wanted = false;
  const changed = () => events.emit('blocked', blocked);

  const onPush = async (iq: Parameters<Parameters<Client['handleIq']>[2]>[0]) => {
    const { fromOwnAccount, parseBlockPush } = await stanzas();
    if (!fromOwnAccount(iq.attrs.from, account())) throw forgedPushError();
    const push = parseBlockPush(iq, account());
    if (!push) throw new StanzaError('bad-request', 'The block list change could not be read.', 'modify');
    for (const jid of push.block ?? []) blocked.add(jid);
    if (push.unblock === 'all') blocked.clear();
    else for (const jid of push.unblock ?? []) blocked.delete(jid);
    changed();
    return undefined;
  };
  client.handleIq('block', NS_BLOCKING, onPush);
  client.handleIq('unblock', NS_BLOCKING, onPush);

  const fetchList = () => {
    // A session replaced before the list came fetches its own: this one stays silent.
    const epoch = client.epoch;
    const current = () => client.epoch === epoch;
    void (async () => {
      await ready();
      if (!supported() || !current()) return;
      const { buildBlocklistGet, parseBlocklist } = await stanzas();
      const list = parseBlocklist(await client.iq(buildBlocklistGet()));
      if (list && current()) {
        blocked = new Set(list);
        changed();
      }
    })().catch((error: Error) => {
      if (current()) events.emit('error', error);
    });
  };
  /** The first interest in the list fetches it (and every new session then does). */
  const want = () => {
    if (wanted) return;
    wanted = true;
    if (client.status === 'connected') fetchList();
  };
  client.on('online', (info) => {
    if (wanted && !info.resumed) fetchList();
  });

  return {
    get blocked() {
      want();
      return blocked;
    },
    async block(jids) {
      want();
      await client.iq((await stanzas()).buildBlock(jids));
    },
    async unblock(jids) {
      want();
      await client.iq((await stanzas()).buildUnblock(jids));
    },
    on(type, listener) {
      // Listening for the list is interest in it; listening for errors (as the chat does for every
      // feature) is not, or every visitor's widget would fetch a list it never shows.
      if (type === 'blocked') want();
      return events.on(type, listener);
    },
  };
}
