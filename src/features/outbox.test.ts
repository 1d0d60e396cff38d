import { expect } from '@esm-bundle/chai';
import { createTabLocks } from '../adapters/tab-locks.ts';
import type { Client, ClientEvents, ConnectionStatus } from '../client.ts';
import { ConnectionError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { xml, type XmlElement } from '../stanza/element.ts';
import { createMemoryBackend } from '../storage/memory-backend.ts';
import { createMessageStore, type MessageStore } from '../storage/message-store.ts';
import type { Backend, StoredMessage } from '../storage/types.ts';
import { createOutbox, type OutboxEntry } from './outbox.ts';

const PEER = 'support@example.org';

/** A client whose sessions the test opens and loses by hand; it records what is sent. */
function fakeClient() {
  const events = new Emitter<ClientEvents>();
  const sent: XmlElement[] = [];
  let status: ConnectionStatus = 'disconnected';
  const client = {
    get status() {
      return status;
    },
    send: (stanza: XmlElement) => {
      sent.push(stanza);
    },
    on: (type: keyof ClientEvents, listener: (detail: unknown) => void) => events.on(type, listener),
  } as unknown as Client;
  return {
    client,
    sent,
    online(resumed = false, takenOver?: boolean) {
      status = 'connected';
      events.emit('online', { jid: 'visitor@example.org/x', resumed, takenOver, mechanism: 'SCRAM-SHA-1', streamFeatures: [] });
    },
    lost() {
      status = 'reconnecting';
    },
    ack(id: string) {
      events.emit('acked', xml('message', { id }));
    },
    sentIds: () => sent.map((s) => s.attrs.id),
  };
}

interface TabOptions {
  /** Fails the next lookups with this (a session lost while asking), then answers again. */
  failLookups?: { count: number; error: Error; before?: () => void };
  backend: Backend;
  archive?: Set<string>;
  lifetime?: AbortSignal;
  locks?: null;
  waitsForPresence?: boolean;
}

/** One tab's outbox over a backend that tabs share (as IndexedDB is shared). */
function tab({ backend, archive = new Set(), lifetime, locks, waitsForPresence, failLookups }: TabOptions) {
  const fake = fakeClient();
  const presence = new Emitter<{ available: undefined }>();
  // Writes go at once (no spacing under a flood): these tests wait a fixed while for each step.
  const store: MessageStore = createMessageStore('visitor@example.org', {
    backend,
    channelName: `outbox-test-${Math.random()}`,
    spacingMs: 0,
  });
  const lookups: string[][] = [];
  const outbox = createOutbox({
    client: fake.client,
    store,
    tabs: createTabLocks({ lifetime, locks }),
    build: (m) => xml('message', { id: m.key, to: m.peer }, xml('body', {}, m.body)),
    buildCorrection: (peer, key, c) => xml('message', { id: c.id, to: peer }, xml('replace', { id: key })),
    acked: (peer, key) => store.update(peer, key, { state: 'sent' }),
    archived: async (_peer, ids) => {
      lookups.push(ids);
      if (failLookups && failLookups.count-- > 0) {
        failLookups.before?.();
        throw failLookups.error;
      }
      return new Set(ids.filter((id) => archive.has(id)));
    },
    onError: (error) => {
      throw error;
    },
    available: waitsForPresence ? (listener) => presence.on('available', listener) : undefined,
  });
  return { ...fake, store, outbox, lookups, available: () => presence.emit('available', undefined) };
}

let n = 0;
const message = (): StoredMessage => {
  n += 1;
  const key = `m${n}-${Math.random().toString(36).slice(2, 6)}`;
  return { key, peer: PEER, direction: 'out', body: `hello ${n}`, time: Date.now(), state: 'pending', ids: [key] };
};
const settle = () => new Promise((r) => setTimeout(r, 50));
const stateOf = async (t: ReturnType<typeof tab>, m: StoredMessage) => (await t.store.get(PEER, m.key))?.state;

describe('outbox', () => {
  it('sends nothing until connected, then each message once; a resumed stream resends by itself', async () => {
    const t = tab({ backend: createMemoryBackend() });
    const m = message();
    await t.outbox.put(m);
    expect(t.sent).to.have.length(0);
    t.online();
    await settle();
    expect(t.sentIds()).to.deep.equal([m.key]);
    t.lost();
    t.online(true);
    await settle();
    expect(t.sentIds(), 'not handed over again on a resumed stream').to.deep.equal([m.key]);
    expect(await stateOf(t, m)).to.equal('pending');
    t.ack(m.key);
    await settle();
    expect(await stateOf(t, m)).to.equal('sent');
    expect(await t.store.getMeta<OutboxEntry[]>('outbox')).to.deep.equal([]);
  });

  // A new session, or a stream another tab resumed (the tab it went through is gone): in both,
  // what was handed over may never have reached the server.
  for (const [after, resumed, takenOver] of [
    ['a lost session', false, undefined],
    ['a stream another tab resumed', true, true],
  ] as const) {
    it(`after ${after}, sends again only what the archive does not hold`, async () => {
      const archive = new Set<string>();
      const t = tab({ backend: createMemoryBackend(), archive });
      t.online();
      const [a, b] = [message(), message()];
      await t.outbox.put(a);
      await t.outbox.put(b);
      archive.add(a.key); // the server stored a, but b was lost (and neither was acknowledged)
      t.lost();
      t.online(resumed, takenOver);
      await settle();
      expect(t.lookups.at(-1)).to.have.members([a.key, b.key]);
      expect(t.sentIds()).to.deep.equal([a.key, b.key, b.key]);
      expect(await stateOf(t, a)).to.equal('sent');
      expect(await stateOf(t, b)).to.equal('pending');
    });
  }

  it('holds messages typed while a new session is looked up, and sends them after the older ones', async () => {
    const t = tab({ backend: createMemoryBackend() });
    t.online();
    const old = message();
    await t.outbox.put(old);
    t.lost();
    const typed = message();
    await t.outbox.put(typed);
    expect(t.sentIds()).to.deep.equal([old.key]);
    t.online(false);
    await settle();
    expect(t.sentIds()).to.deep.equal([old.key, old.key, typed.key]);
  });

  it('with a presence to wait for, sends nothing in a new session until it has gone out', async () => {
    const t = tab({ backend: createMemoryBackend(), waitsForPresence: true });
    const waiting = message();
    await t.outbox.put(waiting);
    t.online();
    await settle();
    const typed = message();
    await t.outbox.put(typed);
    expect(t.sentIds(), 'online, no presence yet').to.deep.equal([]);
    t.available();
    await settle();
    expect(t.sentIds()).to.deep.equal([waiting.key, typed.key]);
    t.lost();
    t.online(true);
    const more = message();
    await t.outbox.put(more);
    expect(t.sentIds(), 'a resumed stream keeps its presence').to.deep.equal([waiting.key, typed.key, more.key]);
  });

  it('queues a correction while offline and sends it once connected', async () => {
    const t = tab({ backend: createMemoryBackend() });
    const m = message();
    await t.outbox.put(m);
    await t.outbox.correct(PEER, m.key, { id: 'fix-1', body: 'fixed', time: Date.now() });
    t.online();
    await settle();
    expect(t.sentIds()).to.deep.equal([m.key, 'fix-1']);
    t.ack('fix-1');
    await settle();
    expect((await t.store.getMeta<OutboxEntry[]>('outbox'))?.map((e) => e.key)).to.deep.equal([m.key]);
  });

  it("two tabs never send each other's messages while both live; a tab that goes is taken over once", async () => {
    const backend = createMemoryBackend();
    const closeA = new AbortController();
    const a = tab({ backend, lifetime: closeA.signal });
    const b = tab({ backend });
    const ms = Array.from({ length: 10 }, message);
    // Both write the shared list at once: none of the entries may be lost.
    await Promise.all(ms.map((m, i) => (i % 2 ? b : a).outbox.put(m)));
    expect(await b.store.getMeta<OutboxEntry[]>('outbox')).to.have.length(10);
    b.online();
    await settle();
    const fromB = ms.filter((_, i) => i % 2).map((m) => m.key);
    expect(b.sentIds()).to.have.members(fromB);
    closeA.abort(); // tab A closes with its messages unsent
    await new Promise((r) => setTimeout(r, 500));
    const fromA = ms.filter((_, i) => !(i % 2)).map((m) => m.key);
    expect(b.sentIds()).to.have.members([...fromB, ...fromA]);
    expect(b.sentIds()).to.have.length(10);
    expect(b.lookups.flat(), 'adopted messages are looked up first').to.include.members(fromA);
  });

  it('without Web Locks, a page takes on every entry (one tab, as before)', async () => {
    const backend = createMemoryBackend();
    const earlier = tab({ backend, locks: null });
    const m = message();
    await earlier.outbox.put(m);
    const reloaded = tab({ backend, locks: null });
    reloaded.online();
    await settle();
    expect(reloaded.sentIds()).to.deep.equal([m.key]);
  });

  it('a session lost during the lookup sends nothing blindly: the next one looks again', async () => {
    const archive = new Set<string>();
    const t: ReturnType<typeof tab> = tab({
      backend: createMemoryBackend(),
      archive,
      failLookups: { count: 1, error: new ConnectionError('closed', 'Disconnected.'), before: () => t.lost() },
    });
    t.online();
    const m = message();
    await t.outbox.put(m);
    await settle();
    t.lost();
    archive.add(m.key); // the server had it all along
    t.online(false); // the lookup fails: the link went again
    await settle();
    expect(t.sentIds(), 'not sent again while unknown').to.deep.equal([m.key]);
    t.online(true); // resumed: the lookup of the new session runs now
    await settle();
    expect(t.lookups).to.have.length(2);
    expect(t.sentIds()).to.deep.equal([m.key]);
    expect(await stateOf(t, m)).to.equal('sent');
  });
});
