/**
 * Rooms (XEP-0045) on the real servers, with a third-party occupant (slixmpp, test/runner/muc-peer.py):
 * joining, the occupant list, messages both ways exactly once, the room's archive for a new device,
 * refusals in words, creating a room, and a lost session that rejoins and fills the gap.
 */
import { expect } from '@esm-bundle/chai';
import type { Chat } from '../../src/index.ts';
import { closeChats, device, eventually, history } from './chat-helpers.ts';
import { joined, peer, refusal, unique } from './muc-peer.ts';
import { DOMAIN, SERVERS, TRANSPORTS, disconnectAll, proxy, serviceUrl, type ServerName } from './servers.ts';

const newRoom = () => `r-${unique()}@conference.${DOMAIN}`;
const bodies = async (chat: Chat, room: string) => (await history(chat, room)).map((m) => m.body);
const count = (list: string[], body: string) => list.filter((b) => b === body).length;

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`rooms on ${server} over ${transport}`, function () {
      this.timeout(60_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(async () => {
        await peer.stopAll();
        await closeChats();
        await disconnectAll();
      });

      it('creates a room; a third-party occupant joins, is listed, chats both ways once; a new device reads the archive', async () => {
        const jid = newRoom();
        const alice = device('alice', service);
        const room = await joined(alice, jid, 'alice');
        expect([room.state, room.nick]).to.deep.equal(['joined', 'alice']);
        expect(room.occupants.get('alice')).to.include({ affiliation: 'owner', role: 'moderator', self: true });
        const peerNick = `dave-${unique()}`;
        const id = await peer.start(server, jid, peerNick);
        const listed = await eventually(() => Promise.resolve(room.occupants.get(peerNick)), 'the peer in the occupant list');
        expect(listed).to.include({ role: 'participant', affiliation: 'none', self: false });

        const fromPeer = `from the peer ${unique()}`;
        await peer.say(id, fromPeer);
        const received = await eventually(async () => (await history(alice, jid)).find((m) => m.body === fromPeer), 'the peer message');
        expect(received).to.include({ direction: 'in', nick: peerNick, peer: jid });

        const fromUs = `from alice ${unique()}`;
        const sent = await room.send(fromUs);
        await eventually(async () => (await peer.heard(id, fromUs)) === 1, 'the peer to hear us');
        await eventually(async () => (await alice.store.get(jid, sent.key))?.archiveId, 'our message to get the room archive id');
        expect(count(await bodies(alice, jid), fromUs)).to.equal(1);
        expect(await peer.heard(id, fromUs)).to.equal(1);

        const bob = device('bob', service);
        const later = await joined(bob, jid, 'bob');
        expect(later.occupants.size).to.equal(3);
        const seen = await eventually(async () => {
          const list = await bodies(bob, jid);
          return list.includes(fromPeer) && list.includes(fromUs) && list;
        }, 'the room archive on a new device');
        expect([count(seen, fromPeer), count(seen, fromUs)]).to.deep.equal([1, 1]);
        const ours = (await history(bob, jid)).find((m) => m.body === fromUs);
        expect(ours).to.include({ nick: 'alice', direction: 'in' });
      });

      it('says why a join is refused: wrong password, nickname taken', async () => {
        const jid = newRoom();
        const peerNick = `dave-${unique()}`;
        await peer.start(server, jid, peerNick, { roomPassword: 'open sesame' });
        const alice = device('alice', service);
        await alice.connect();
        const room = (await alice.rooms()).room(jid);
        const wrong = await refusal(room.join('alice', { password: 'open barley' }));
        expect(wrong.condition).to.equal('not-authorized');
        expect(wrong.message).to.match(/password/);
        expect([room.state, room.error]).to.deep.equal(['failed', wrong]);
        const taken = await refusal(room.join(peerNick, { password: 'open sesame' }));
        expect(taken.condition).to.equal('conflict');
        expect(taken.message).to.match(/nickname/);
        await room.join('alice', { password: 'open sesame' });
        expect(room.state).to.equal('joined');
      });

      it('rejoins after a lost session, fills the gap, and sends what was written meanwhile once', async () => {
        const jid = newRoom();
        const id = await peer.start(server, jid, `dave-${unique()}`);
        const alice = device('alice', service);
        const room = await joined(alice, jid, 'alice');
        const before = `before ${unique()}`;
        await peer.say(id, before);
        await eventually(async () => (await bodies(alice, jid)).includes(before), 'the first message');

        await alice.disconnect();
        expect(room.state).to.equal('rejoining');
        const meanwhile = `meanwhile ${unique()}`;
        await peer.say(id, meanwhile);
        const offline = `written offline ${unique()}`;
        const pending = await room.send(offline);
        expect(pending.state).to.equal('pending');

        const states: string[] = [];
        room.on('state', (state) => states.push(state));
        await alice.connect();
        // ejabberd 23.01 over BOSH sometimes holds both requests of a new session until the client
        // gives the session up (5 s) and opens another (see transport/bosh-patches.ts): allow for a few.
        await eventually(() => Promise.resolve(room.state === 'joined'), 'the room to be joined again', 35_000);
        await eventually(async () => (await bodies(alice, jid)).includes(meanwhile), 'the gap to be filled');
        await eventually(async () => (await peer.heard(id, offline)) === 1, 'the peer to hear what we wrote offline');
        await eventually(async () => (await alice.store.get(jid, pending.key))?.archiveId, 'the room copy of it');
        const all = await bodies(alice, jid);
        expect([count(all, before), count(all, meanwhile), count(all, offline)]).to.deep.equal([1, 1, 1]);
        expect(states).to.include('joined');
        expect(await peer.heard(id, offline)).to.equal(1);
      });

      if (transport === 'websocket')
        it('keeps its rooms through a resumed stream (XEP-0198): no rejoin, nothing lost or doubled', async function () {
          this.timeout(60_000);
          const port = await proxy.start(SERVERS[server].httpPort);
          try {
            const jid = newRoom();
            const id = await peer.start(server, jid, `dave-${unique()}`);
            const alice = device('alice', serviceUrl('websocket', port));
            const room = await joined(alice, jid, 'alice');
            const states: string[] = [];
            room.on('state', (state) => states.push(state));
            const resumed = new Promise<boolean>((resolve) => alice.client.on('online', (info) => resolve(info.resumed)));
            await proxy.drop(port);
            const during = `during ${unique()}`;
            await peer.say(id, during);
            const ours = `ours ${unique()}`;
            await room.send(ours);
            const wasResumed = await resumed;
            await eventually(async () => (await bodies(alice, jid)).includes(during), 'the message written during the drop');
            await eventually(async () => (await peer.heard(id, ours)) === 1, 'the peer to hear ours');
            expect([wasResumed, states]).to.deep.equal([true, []]);
            const all = await bodies(alice, jid);
            expect([count(all, during), count(all, ours), await peer.heard(id, ours)]).to.deep.equal([1, 1, 1]);
          } finally {
            await closeChats();
            await proxy.stop(port);
          }
        });
    });
  }
}
