/**
 * Two ejabberd 23.01 nodes in one cluster (scripts/servers.sh's cluster-a and cluster-b, sharing
 * Mnesia): people on different nodes chat, with carbons, presence and one archive; two agents of
 * one desk on different nodes share its state; and when node B stops mid-conversation, a client
 * given both nodes' URLs (B first) goes on through A, every message archived once.
 */
import { expect } from '@esm-bundle/chai';
import { createDesk, type Desk } from '../../src/desk.ts';
import type { Chat } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { countBodies, readArchive, serverAction, type ClusterNode } from './faults.ts';
import { DOMAIN, TRANSPORTS, disconnectAll, freshAccount, serviceUrl, sleep, until, type TransportName } from './servers.ts';

const PORTS: Record<ClusterNode, number> = { 'cluster-a': 55280, 'cluster-b': 56280 };
const at = (node: ClusterNode, transport: TransportName = 'websocket') => serviceUrl(transport, PORTS[node]);
const jidOf = (name: string) => `${name}@${DOMAIN}`;
/** Accounts of their own, registered on node A: the cluster shares them with B. */
const accounts = async (...prefixes: string[]) => {
  const names: string[] = [];
  for (const prefix of prefixes) names.push(await freshAccount(prefix, PORTS['cluster-a']));
  return names;
};
const bodiesOf = async (chat: Chat, peer: string, direction: 'in' | 'out') =>
  (await history(chat, peer)).filter((m) => m.direction === direction).map((m) => m.body);

describe('two-node ejabberd cluster', function () {
  this.timeout(120_000);
  afterEach(async () => {
    await closeChats();
    await disconnectAll();
  });

  for (const transport of TRANSPORTS) {
    it(`over ${transport}: alice on A and bob on B chat both ways, with carbons, presence and one archive`, async () => {
      const [alice, bob] = await accounts('alice', 'bob');
      const aliceA = device(alice, at('cluster-a', transport));
      const aliceB = device(alice, at('cluster-b', transport));
      const bobB = device(bob, at('cluster-b', transport));
      await connectAll(aliceA, aliceB, bobB);

      // Presence across nodes: a mutual subscription, then bob's status at alice.
      await aliceA.roster.add(jidOf(bob));
      await until(() => bobB.roster.requests.has(jidOf(alice)), 'the request at bob');
      bobB.roster.approve(jidOf(alice));
      await until(() => aliceA.roster.contacts.get(jidOf(bob))?.subscription === 'both', 'mutual subscription', 20_000);
      bobB.roster.setPresence('away', 'on node B');
      const bobAt = (chat: Chat) => [...(chat.roster.contacts.get(jidOf(bob))?.presence.values() ?? [])];
      await until(() => bobAt(aliceA).some((p) => p.status === 'on node B'), 'bob’s presence at alice on A');
      await until(() => bobAt(aliceB).some((p) => p.status === 'on node B'), 'bob’s presence at alice’s device on B');

      const run = Math.random().toString(36).slice(2, 8);
      const fromAlice = [`${run} a→b 1`, `${run} a→b 2`];
      const fromBob = [`${run} b→a 1`, `${run} b→a 2`];
      for (const body of fromAlice) await aliceA.send(jidOf(bob), body);
      for (const body of fromBob) await bobB.send(jidOf(alice), body);
      await eventually(async () => (await bodiesOf(bobB, jidOf(alice), 'in')).length === 2, 'alice’s messages at bob');
      await eventually(async () => (await bodiesOf(aliceA, jidOf(bob), 'in')).length === 2, 'bob’s messages at alice');
      expect(await bodiesOf(bobB, jidOf(alice), 'in')).to.deep.equal(fromAlice);
      expect(await bodiesOf(aliceA, jidOf(bob), 'in')).to.deep.equal(fromBob);
      // Carbons: alice's device on B has what she sent from A, and what bob sent her.
      await eventually(async () => (await bodiesOf(aliceB, jidOf(bob), 'out')).length === 2, 'the carbons on B');
      expect(await bodiesOf(aliceB, jidOf(bob), 'out')).to.deep.equal(fromAlice);
      await eventually(async () => (await bodiesOf(aliceB, jidOf(bob), 'in')).length === 2, 'bob’s messages on alice’s device on B');

      // One archive, whichever node a third-party client reads it from: each message once.
      for (const node of ['cluster-a', 'cluster-b'] as const) {
        const archive = await readArchive(node, jidOf(alice), `pass-${alice}`, jidOf(bob));
        const { lost, duplicated } = countBodies(archive, [...fromAlice, ...fromBob]);
        expect({ node, lost, duplicated }).to.deep.equal({ node, lost: [], duplicated: [] });
      }
    });
  }

  it('two agents of one desk, on A and on B, share claims and notes', async () => {
    const [support] = await accounts('desk');
    const [chatA, chatB] = [device(support, at('cluster-a')), device(support, at('cluster-b'))];
    await connectAll(chatA, chatB);
    const desks: Desk[] = [createDesk({ client: chatA.client, agent: 'Ann', store: chatA.store })];
    desks.push(createDesk({ client: chatB.client, agent: 'Ben', store: chatB.store }));
    try {
      const [ann, ben] = desks;
      const peer = `visitor-${Math.random().toString(36).slice(2, 10)}@${DOMAIN}`;
      await ann.claim(peer);
      await until(() => ben.conversation(peer).assignee === 'Ann', 'Ann’s claim seen on B', 5000);
      await ben.addNote(peer, 'Noted on node B');
      await until(() => ann.notes(peer).some((n) => n.text === 'Noted on node B'), 'the note seen on A', 5000);
      await ben.assign(peer, 'Ben', 'Taking it');
      await until(() => ann.conversation(peer).assignee === 'Ben', 'the transfer seen on A', 5000);
    } finally {
      for (const desk of desks) desk.close();
    }
  });

  it('node B stops mid-conversation: bob, given B then A, goes on through A, every message archived once', async function () {
    this.timeout(240_000);
    const [alice, ...bobs] = await accounts('alice', ...TRANSPORTS.map((t) => `bob-${t}`));
    const aliceA = device(alice, at('cluster-a'));
    // Both transports at once: one stop of node B serves both.
    const senders = TRANSPORTS.map((t, i) => ({
      name: bobs[i],
      chat: device(bobs[i], `${at('cluster-b', t)} ${at('cluster-a', t)}`),
    }));
    await connectAll(aliceA, ...senders.map((s) => s.chat));
    const run = Math.random().toString(36).slice(2, 8);
    const sent = new Map(senders.map(({ name }) => [name, [] as string[]]));
    const sendAll = async () => {
      for (const { name, chat } of senders) {
        const body = `${run} ${name} #${sent.get(name)!.length + 1}`;
        sent.get(name)!.push(body);
        await chat.send(jidOf(alice), body);
      }
    };
    let stopping: Promise<void> | undefined;
    let stopped = false;
    try {
      // Before, while node B shuts down, and after it is gone.
      for (let i = 0; i < 3; i++) await sendAll().then(() => sleep(100));
      stopping = serverAction('cluster-b', 'stop').then(() => void (stopped = true));
      while (!stopped) await sendAll().then(() => sleep(300));
      for (let i = 0; i < 3; i++) await sendAll().then(() => sleep(300));
      for (const { name, chat } of senders) {
        const count = sent.get(name)!.length;
        const mine = await eventually(
          async () => {
            const out = (await history(chat, jidOf(alice))).filter((m) => m.direction === 'out');
            return out.length === count && out.every((m) => m.state !== 'pending') && out;
          },
          `${name}'s messages to be acknowledged through A`,
          60_000,
        );
        expect(mine.filter((m) => m.state === 'failed').map((m) => m.body)).to.deep.equal([]);
        await until(() => chat.client.status === 'connected', `${name} connected through A`, 30_000);
      }
      await sleep(500);
      for (const { name } of senders) {
        const bodies = sent.get(name)!;
        const archive = await readArchive('cluster-a', jidOf(alice), `pass-${alice}`, jidOf(name));
        expect({ name, ...countBodies(archive, bodies) }).to.deep.equal({ name, lost: [], duplicated: [] });
        const received = await bodiesOf(aliceA, jidOf(name), 'in');
        expect(received.filter((b) => b?.startsWith(run)).sort()).to.deep.equal([...bodies].sort());
      }
    } finally {
      await stopping?.catch(() => undefined);
      await serverAction('cluster-b', 'start-kept');
    }
  });
});
