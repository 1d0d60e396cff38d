/** Gives an account a large roster for speed tests: roster sets, no subscriptions. */
import { createClient, xml } from '../../src/index.ts';
import { accountOptions } from './servers.ts';

/** Gives `name` `count` contacts (contact0@example.net…), unless it has them already. */
export async function fillRoster(name: string, service: string, count: number): Promise<void> {
  // Prosody rewrites the whole roster with each set and pushes it to every session of the account
  // (other tests' sessions of it may still be held): a set late in a busy run can take seconds.
  const client = createClient(accountOptions(name, service, { timeoutMs: 60_000 }));
  await client.connect();
  const roster = await client.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
  const have = roster.children.filter((c) => typeof c !== 'string').flatMap((q) => (typeof q === 'string' ? [] : q.children)).length;
  const batch: Promise<unknown>[] = [];
  for (let n = have; n < count; n++) {
    batch.push(
      client.iq(
        xml(
          'iq',
          { type: 'set' },
          xml(
            'query',
            { xmlns: 'jabber:iq:roster' },
            xml('item', { jid: `contact${n}@example.net`, name: `Contact ${n}` }, xml('group', {}, `Group ${n % 20}`)),
          ),
        ),
      ),
    );
    if (batch.length === 50) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await client.disconnect();
}
