/** Chat clients for tests: each with its own history (memory, or IndexedDB under a unique name). */
import { createChat, createMemoryBackend, type Chat, type ChatOptions, type StoredMessage } from '../../src/index.ts';
import { accountOptions, ownAgent } from './servers.ts';

const open: Chat[] = [];
let devices = 0;

/**
 * Chromium allows 6 connections per host, and a BOSH client holds up to 2 long requests: three
 * BOSH devices in one test page would queue each other's requests for up to a minute. Devices
 * therefore alternate between two names of the loopback address (a page has one widget).
 */
function spread(service: string): string {
  devices += 1;
  return service.startsWith('http') && devices % 2 === 0 ? service.replace('//127.0.0.1:', '//localhost:') : service;
}

/** A chat for `name` with a private history: a separate device, as far as storage and the server go. */
export function device(name: string, service: string, extra: Partial<ChatOptions> = {}): Chat {
  const unique = `${name}-${Math.random().toString(36).slice(2, 10)}`;
  const chat = createChat({
    ...accountOptions(name, spread(service)),
    fast: ownAgent(),
    visibility: { hidden: false, onChange: () => () => undefined },
    historyOwner: `${unique}@test`,
    storage: { backend: createMemoryBackend(), channelName: unique },
    ...extra,
  });
  open.push(chat);
  return chat;
}

/** A chat using IndexedDB, as a page would; pass the same owner to simulate a reload or a second tab. */
export function tab(name: string, service: string, owner: string, extra: Partial<ChatOptions> = {}): Chat {
  const chat = createChat({
    ...accountOptions(name, spread(service)),
    fast: ownAgent(),
    visibility: { hidden: false, onChange: () => () => undefined },
    historyOwner: owner,
    ...extra,
  });
  open.push(chat);
  return chat;
}

export async function closeChats(): Promise<void> {
  await Promise.all(
    open.splice(0).map(async (chat) => {
      await chat.disconnect().catch(() => undefined);
      chat.store.close();
    }),
  );
}

/** All stored messages of a conversation, oldest first, walking every page. */
export async function history(chat: Chat, peer: string): Promise<StoredMessage[]> {
  let page = await chat.newestPage(peer, 100);
  const all = [...page.messages];
  while (page.cursor) {
    page = await chat.olderPage(peer, page.cursor, 100);
    all.unshift(...page.messages);
  }
  return all;
}

/** Waits until an asynchronous check gives a truthy value, and returns it. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Connects the chats and waits until each has caught up with its archive: ready to chat. */
export async function connectAll(...chats: Chat[]): Promise<void> {
  await Promise.all(
    chats.map(async (chat) => {
      const caughtUp = new Promise((resolve) => chat.on('ready', resolve));
      await chat.connect();
      await caughtUp;
    }),
  );
}
