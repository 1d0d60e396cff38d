/**
 * The team desk across a real server restart: the shared state is still there afterwards, the
 * agents' browsers fetch it again with their new sessions, and changes reach them live as before.
 * It restarts the servers, which other tests share: run it on its own, rarely.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { createDesk, type Desk } from '../../src/desk.ts';
import { newAccount } from './accounts.ts';
import { closeChats, connectAll, device } from './chat-helpers.ts';
import { DOMAIN, SERVERS, disconnectAll, restartServer, serviceUrl, until, type ServerName } from './servers.ts';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`team desk across a ${server} restart`, function () {
    this.timeout(180_000);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    const desks: Desk[] = [];
    afterEach(async () => {
      for (const desk of desks.splice(0)) desk.close();
      await closeChats();
      await disconnectAll();
    });

    it('keeps the state, and every browser hears of changes after it', async () => {
      const account = await newAccount('desk-restart', server);
      const chats = [device(account, service), device(account, service)];
      await connectAll(...chats);
      const [ann, ben] = chats.map((chat, i) => {
        const desk = createDesk({ client: chat.client, agent: ['Ann', 'Ben'][i], store: chat.store });
        desks.push(desk);
        return desk;
      });
      const peer = `visitor-${newStanzaId().toLowerCase().slice(0, 8)}@${DOMAIN}`;
      await ann.claim(peer);
      await ann.addNote(peer, 'Before the restart');
      await until(() => ben.conversation(peer).assignee === 'Ann' && ben.notes(peer).length === 1, 'Ben sees the claim and the note');

      await restartServer(server);
      await until(() => chats.every((chat) => chat.client.status === 'connected'), 'both reconnect', 60_000);
      await until(() => ann.teammates.length === 1 && ben.teammates.length === 1, 'teammates again', 30_000);

      await ben.setStatus(peer, 'pending');
      await until(() => ann.conversation(peer).status === 'pending', 'Ann hears of the change after the restart', 5_000);
      expect(ann.conversation(peer).assignee).to.equal('Ann');
      expect(ann.notes(peer).map((n) => n.text)).to.deep.equal(['Before the restart']);

      // A browser signing in afresh reads what the server kept.
      const late = device(account, service);
      await connectAll(late);
      const cid = createDesk({ client: late.client, agent: 'Cid', store: late.store });
      desks.push(cid);
      await until(() => cid.conversation(peer).status === 'pending' && cid.notes(peer).length === 1, 'the kept state');
    });
  });
}
