/**
 * A 2,000-contact roster: fetched by a fresh device after login, cached, and shown from the cache
 * by a reloaded page before any connection — per server, over WebSocket.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { createChat, type Chat, type Contact } from '../../src/index.ts';
import { fillRoster } from '../integration/roster-fill.ts';
import { SERVERS, accountOptions, serviceUrl, type ServerName } from '../integration/servers.ts';

const CONTACTS = 2000;
const quiet = { visibility: { hidden: false, onChange: () => () => undefined } };

const populate = (service: string) => fillRoster('crowd', service, CONTACTS);

const contactsOnce = (chat: Chat, size: number) =>
  new Promise<ReadonlyMap<string, Contact>>((resolve) => {
    if (chat.roster.contacts.size >= size) resolve(chat.roster.contacts);
    const off = chat.roster.on('contacts', (contacts) => {
      if (contacts.size >= size) {
        off();
        resolve(contacts);
      }
    });
  });

it('measures a 2,000-contact roster', async function () {
  this.timeout(600_000);
  const rows = [];
  for (const server of Object.keys(SERVERS) as ServerName[]) {
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    await populate(service);
    const owner = `roster-bench-${crypto.randomUUID()}@test`;
    const fresh = createChat({ ...accountOptions('crowd', service), ...quiet, historyOwner: owner });
    const start = performance.now();
    await fresh.connect();
    const fetched = await contactsOnce(fresh, CONTACTS);
    const fetchMs = performance.now() - start;
    await new Promise((r) => setTimeout(r, 500)); // the cache write
    await fresh.disconnect();
    fresh.store.close();

    const cacheStart = performance.now();
    const reloaded = createChat({ ...accountOptions('crowd', service), ...quiet, historyOwner: owner });
    const cached = await contactsOnce(reloaded, CONTACTS);
    const cachedMs = performance.now() - cacheStart;
    await reloaded.store.clear();
    reloaded.store.close();
    rows.push({
      server,
      contacts: fetched.size,
      cachedContacts: cached.size,
      loginAndRosterMs: Math.round(fetchMs),
      fromCacheBeforeConnectMs: Math.round(cachedMs),
    });
  }
  await executeServerCommand('bench-record', { section: 'roster', rows });
});
