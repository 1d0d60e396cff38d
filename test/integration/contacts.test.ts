/**
 * Contacts against the real servers: subscription requests both ways, presence per resource,
 * renaming and removing, blocking, the cached roster after a reload, and scroll-back to the start
 * of a conversation's archive.
 */
import { expect } from '@esm-bundle/chai';
import { buildChatMessage, newStanzaId } from '../../src/index.ts';
import { SERVERS, accountOptions, disconnectAll, serviceUrl, trackedClient, until, type ServerName } from './servers.ts';
import { closeChats, connectAll, device, eventually, history, tab } from './chat-helpers.ts';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`contacts on ${server}`, function () {
    this.timeout(90_000);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    afterEach(async () => {
      await closeChats();
      await disconnectAll();
    });

    it('asks, approves, sees presence, renames and removes a contact', async () => {
      const carol = device('carol', service);
      const dave = device('dave', service);
      await connectAll(carol, dave);
      await carol.roster.remove('dave@localhost').catch(() => undefined);
      await dave.roster.remove('carol@localhost').catch(() => undefined);
      await carol.roster.add('dave@localhost', 'Dave <the tester>');
      await until(() => dave.roster.requests.has('carol@localhost'), 'the request at dave');
      dave.roster.approve('carol@localhost');
      await until(() => carol.roster.contacts.get('dave@localhost')?.subscription === 'both', 'mutual subscription', 20_000);
      expect(carol.roster.contacts.get('dave@localhost')?.name).to.equal('Dave <the tester>');
      dave.roster.setPresence('away', 'at lunch');
      await until(
        () =>
          [...(carol.roster.contacts.get('dave@localhost')?.presence.values() ?? [])].some(
            (p) => p.show === 'away' && p.status === 'at lunch',
          ),
        'dave away at carol',
      );
      await carol.roster.rename('dave@localhost', 'D.');
      await until(() => carol.roster.contacts.get('dave@localhost')?.name === 'D.', 'the rename');
      await carol.roster.remove('dave@localhost');
      await until(() => !carol.roster.contacts.has('dave@localhost'), 'the removal');
    });

    it('denies a request and cancels our own', async () => {
      const carol = device('carol', service);
      const dave = device('dave', service);
      await connectAll(carol, dave);
      await dave.roster.remove('carol@localhost').catch(() => undefined);
      await carol.roster.remove('dave@localhost').catch(() => undefined);
      await carol.roster.add('dave@localhost');
      await until(() => dave.roster.requests.has('carol@localhost'), 'the request');
      dave.roster.deny('carol@localhost');
      expect(dave.roster.requests.has('carol@localhost')).to.equal(false);
      await until(() => carol.roster.contacts.get('dave@localhost')?.ask === undefined, 'the pending request to end');
      expect(carol.roster.contacts.get('dave@localhost')?.subscription).to.equal('none');
      await carol.roster.remove('dave@localhost');
    });

    it('keeps the roster for a reload, shown before connecting', async () => {
      const owner = `carol-${newStanzaId()}@test`;
      const first = tab('carol', service, owner);
      await connectAll(first);
      await first.roster.add('alice@localhost', 'Alice');
      await until(() => first.roster.contacts.has('alice@localhost'), 'the push');
      await first.disconnect();
      await new Promise((r) => setTimeout(r, 200));
      const reloaded = tab('carol', service, owner);
      await until(() => reloaded.roster.contacts.get('alice@localhost')?.name === 'Alice', 'the cached roster');
      expect(reloaded.client.status).to.equal('disconnected');
      await connectAll(reloaded);
      await reloaded.roster.remove('alice@localhost');
      await reloaded.store.clear();
    });

    it('blocks and unblocks', async () => {
      const carol = device('carol', service);
      await connectAll(carol);
      await carol.blocking.block(['spammer@localhost']);
      await until(() => carol.blocking.blocked.has('spammer@localhost'), 'the block push');
      const other = device('carol', service);
      await connectAll(other);
      await until(() => other.blocking.blocked.has('spammer@localhost'), 'the list on another device');
      await carol.blocking.unblock(['spammer@localhost']);
      await until(() => !other.blocking.blocked.has('spammer@localhost'), 'the unblock push');
    });

    it('scrolls back through the archive to the start of a conversation', async () => {
      const sender = trackedClient(accountOptions('dave', service));
      await sender.connect();
      // A fresh account, so the start of this conversation is known.
      const name = `sb-${newStanzaId().slice(0, 8)}`;
      const registered = await registerAccount(service, name);
      expect(registered).to.equal(true);
      const tag = newStanzaId().slice(0, 8);
      // Paced a little: a server stamps its offline copy and its archive entry separately, and a
      // burst within the same millisecond could order the two kinds of copies differently.
      for (let n = 0; n < 120; n++) {
        sender.send(buildChatMessage({ to: `${name}@localhost`, body: `${tag} #${n}` }));
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 2000));
      const reader = device(name, service, { password: 'pass-new' });
      await connectAll(reader);
      await eventually(async () => (await history(reader, 'dave@localhost')).length >= 100, 'the newest page');
      let pages = 0;
      let complete = false;
      while (!complete && pages < 10) {
        const stored = await history(reader, 'dave@localhost');
        ({ complete } = await reader.archive.loadOlder('dave@localhost', stored[0], 50));
        pages++;
      }
      expect(complete, 'start of history reached').to.equal(true);
      expect(await reader.archive.reachedStart('dave@localhost')).to.equal(true);
      const bodies = (await history(reader, 'dave@localhost')).map((m) => m.body);
      expect(bodies).to.deep.equal(Array.from({ length: 120 }, (_, n) => `${tag} #${n}`));
    });
  });
}

/** In-band registration over a raw WebSocket (the core does not register accounts). */
function registerAccount(url: string, username: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'xmpp');
    ws.onopen = () => ws.send('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>');
    ws.onerror = () => reject(new Error('websocket error'));
    ws.onmessage = ({ data }) => {
      const text = String(data);
      if (text.includes('features')) {
        ws.send(
          `<iq xmlns="jabber:client" type="set" id="reg" to="localhost"><query xmlns="jabber:iq:register"><username>${username}</username><password>pass-new</password></query></iq>`,
        );
      } else if (text.includes('id="reg"') || text.includes("id='reg'")) {
        ws.close();
        resolve(/type=["']result["']/.test(text));
      }
    };
  });
}
