/**
 * A server restarted while in a room (a persistent one, as a site's lobby is) with a third-party
 * occupant (slixmpp, test/runner/muc-peer.py, which connects and joins again by itself): messages
 * written on both sides before, around and after the restart are each in the room's history once,
 * on a WebSocket and a BOSH client alike, and once in the room's archive as slixmpp reads it; the
 * clients join again by themselves. One restart per server serves both transports.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Chat, Room } from '../../src/index.ts';
import { closeChats, device, eventually, history } from './chat-helpers.ts';
import { DOMAIN, SERVERS, disconnectAll, serviceUrl, type ServerName } from './servers.ts';

interface PeerEvent {
  event: string;
  why?: string;
  error?: string;
  messages?: Array<{ nick: string; body: string | null }>;
}

const unique = () => Math.random().toString(36).slice(2, 10);
const count = (list: Array<string | undefined | null>, body: string) => list.filter((b) => b === body).length;
const peerEvents = async (id: string) => (await executeServerCommand<PeerEvent[], { id: string }>('muc-peer-events', { id })) ?? [];

/** Waits for the restart started with the runner's `server-restart` (restartServer() starts and waits in one). */
async function restarted(server: ServerName): Promise<void> {
  for (;;) {
    const result = await executeServerCommand<{ done: boolean; error?: string }, { server: string }>('server-restart-wait', { server });
    if (result?.error) throw new Error(`restarting ${server} failed: ${result.error}`);
    if (result?.done) return;
  }
}

async function joinedRoom(chat: Chat, jid: string, nick: string): Promise<{ room: Room; states: string[] }> {
  await chat.connect();
  const room = (await chat.rooms()).room(jid);
  await room.join(nick);
  const states: string[] = [];
  room.on('state', (state) => states.push(state));
  return { room, states };
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`a room through a restart of ${server}`, function () {
    this.timeout(180_000);
    let peer: string | undefined;
    afterEach(async () => {
      if (peer) await executeServerCommand('muc-peer-stop', { id: peer });
      peer = undefined;
      await closeChats();
      await disconnectAll();
    });

    it('rejoins over WebSocket and BOSH; what both sides wrote before, around and after is in the history and the archive once', async () => {
      const jid = `r-${unique()}@conference.${DOMAIN}`;
      const started = await executeServerCommand<PeerEvent & { id: string }, Record<string, unknown>>('muc-peer-start', {
        server,
        jid: `dave@${DOMAIN}`,
        password: 'pass-dave',
        room: jid,
        nick: 'dave',
        persistent: true,
      });
      peer = started.id;
      if (started.event !== 'joined') throw new Error(`the peer could not join ${jid}: ${started.why}`);
      const say = (body: string) => executeServerCommand('muc-peer-say', { id: started.id, body });
      const { httpPort } = SERVERS[server];
      const clients = [
        { name: 'alice', chat: device('alice', serviceUrl('websocket', httpPort)) },
        { name: 'bob', chat: device('bob', serviceUrl('bosh', httpPort)) },
      ];
      const rooms = await Promise.all(clients.map(({ chat, name }) => joinedRoom(chat, jid, name)));
      const written: string[] = [];
      const write = (i: number, label: string) => {
        const body = `${label} from ${clients[i].name} ${unique()}`;
        written.push(body);
        return rooms[i].room.send(body);
      };
      const bodiesOf = async (i: number) => (await history(clients[i].chat, jid)).map((m) => m.body);
      const holdAll = async () => {
        for (const i of [0, 1]) {
          await eventually(
            async () => {
              const bodies = await bodiesOf(i);
              return written.every((body) => bodies.includes(body));
            },
            `${clients[i].name} to hold every message`,
            60_000,
          );
        }
      };

      const before = `before from dave ${unique()}`;
      written.push(before);
      await say(before);
      await Promise.all([write(0, 'before'), write(1, 'before')]);
      await holdAll();

      // Around the restart: written as the server goes down, and while it is down or just back.
      await executeServerCommand('server-restart', { server });
      await Promise.all([write(0, 'around'), write(1, 'around')]);
      await restarted(server);
      await Promise.all([write(0, 'just back'), write(1, 'just back')]);

      await eventually(
        async () => (await peerEvents(started.id)).filter((e) => e.event === 'joined').length >= 2,
        'dave back in the room',
        60_000,
      );
      const afterDave = `after from dave ${unique()}`;
      written.push(afterDave);
      await say(afterDave);
      for (const { room } of rooms) await eventually(() => Promise.resolve(room.state === 'joined'), 'the room joined again', 60_000);
      await Promise.all([write(0, 'after'), write(1, 'after')]);
      await holdAll();
      await new Promise((resolve) => setTimeout(resolve, 1500));

      for (const i of [0, 1]) {
        expect(rooms[i].states, `${clients[i].name} rejoined by itself`).to.include.members(['rejoining', 'joined']);
        const bodies = await bodiesOf(i);
        expect(
          written.filter((body) => count(bodies, body) !== 1),
          `${clients[i].name}: not once in the room's history`,
        ).to.deep.equal([]);
      }
      const archive = await eventually(async () => {
        const answer = await executeServerCommand<PeerEvent, { id: string }>('muc-peer-archive', { id: started.id });
        if (answer.error) throw new Error(answer.error);
        const bodies = (answer.messages ?? []).map((m) => m.body);
        return written.every((body) => bodies.includes(body)) && bodies;
      }, 'every message in the room archive');
      expect(
        written.filter((body) => count(archive, body) !== 1),
        'not once in the room archive',
      ).to.deep.equal([]);
    });
  });
}
