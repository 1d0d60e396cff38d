/**
 * The outbox: a message is stored as pending before anything is sent, goes out when the client
 * is connected (in order, once per session), and is marked sent when the server acknowledges
 * it. Pending messages survive reloads and are sent when the connection returns, with their
 * original id, so receivers recognise a copy.
 */
import type { Client } from '../client.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';

interface Entry { peer: string; key: string }
const META = 'outbox';

export interface Outbox {
  /** Stores the message (state pending) and sends it as soon as possible. */
  put(message: StoredMessage): Promise<void>;
}

export function createOutbox(
  client: Client, store: MessageStore, build: (message: StoredMessage) => XmlElement, acked: (peer: string, key: string) => Promise<unknown>,
): Outbox {
  let entries: Entry[] | undefined;
  /** Keys handed to the client in this page's life: the client resends those itself if needed. */
  const handedOver = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();
  /** Outbox changes run one after another, so the saved list never loses an entry. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined); // the failure reaches the caller of serial(); the chain goes on
    return next;
  };
  const load = async () => (entries ??= (await store.getMeta<Entry[]>(META)) ?? []);
  const save = () => store.setMeta(META, entries);

  function transmit(message: StoredMessage): void {
    if (client.status === 'disconnected' || handedOver.has(message.key)) return;
    handedOver.add(message.key);
    client.send(build(message));
  }

  async function flush(): Promise<void> {
    for (const { peer, key } of [...await load()]) {
      const message = await store.get(peer, key);
      if (message?.state === 'pending') transmit(message);
    }
  }

  client.on('online', (info) => {
    if (!info.resumed) void serial(flush);
  });
  client.on('acked', (stanza) => {
    const key = stanza.name === 'message' ? stanza.attrs.id : undefined;
    if (!key) return;
    void serial(async () => {
      const list = await load();
      const entry = list.find((e) => e.key === key);
      if (!entry) return;
      entries = list.filter((e) => e !== entry);
      await save();
      await acked(entry.peer, key);
    });
  });
  client.on('status', ({ status }) => {
    // A session that ended for good hands nothing over any more: the next one sends it all again.
    if (status === 'disconnected') handedOver.clear();
  });

  return {
    put: (message) => serial(async () => {
      const list = await load();
      const [added] = await store.add([message]);
      if (!added) await store.update(message.peer, message.key, { state: 'pending', error: undefined });
      if (!list.some((e) => e.key === message.key)) list.push({ peer: message.peer, key: message.key });
      handedOver.delete(message.key);
      await save();
      transmit(message);
    }),
  };
}
