import { expect } from '@esm-bundle/chai';
import { childOf, childrenOf, textOf, xml, type XmlElement } from '../stanza/element.ts';
import { buildDeviceList } from '../stanza/omemo-pep.ts';
import { parseEncrypted } from '../stanza/omemo.ts';
import { createTabLocks } from '../adapters/tab-locks.ts';
import { createMemoryBackend } from '../storage/memory-backend.ts';
import { createMessaging } from './messaging.ts';
import { UNREADABLE } from './omemo-open.ts';
import { encryptedMessage, fakeAccount, type Pep } from './omemo.fixtures.ts';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const bodyOf = (el: XmlElement | undefined) => textOf(el && childOf(el, 'body'));

async function pair() {
  const pep: Pep = new Map();
  const alice = fakeAccount(pep, ALICE);
  const bob = fakeAccount(pep, BOB);
  await Promise.all([alice.omemo.published(), bob.omemo.published()]);
  return { pep, alice, bob };
}

describe('OMEMO feature', () => {
  it('publishes a device in both versions, with its bundles', async () => {
    const { pep, alice } = await pair();
    const { deviceId, fingerprint } = await alice.omemo.ownDevice();
    expect(fingerprint).to.match(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
    expect([...pep.keys()].filter((k) => k.startsWith(ALICE)).sort()).to.deep.equal([
      `${ALICE} eu.siacs.conversations.axolotl.bundles:${deviceId}`,
      `${ALICE} eu.siacs.conversations.axolotl.devicelist`,
      `${ALICE} urn:xmpp:omemo:2:bundles`,
      `${ALICE} urn:xmpp:omemo:2:devices`,
    ]);
    const bundle = pep.get(`${ALICE} urn:xmpp:omemo:2:bundles`)!.get(String(deviceId))!;
    expect(childrenOf(childOf(childOf(bundle, 'bundle')!, 'prekeys')!, 'pk')).to.have.length(100);
  });

  it('seals for the peer and opens, both ways, with the key exchange only until the first answer', async () => {
    const { alice, bob } = await pair();
    const first = encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal(BOB, 'hello Bob'));
    const [enc] = parseEncrypted(first);
    expect(enc.version).to.equal('2');
    expect(enc.keys.map((k) => [k.jid, k.keyExchange])).to.deep.equal([[BOB, true]]);
    const opened = await bob.omemo.open(first);
    expect(opened?.encrypted).to.equal(true);
    expect(bodyOf(opened?.element)).to.equal('hello Bob');

    const answer = encryptedMessage(BOB, ALICE, 'b1', await bob.omemo.seal(ALICE, 'hello Alice'));
    expect(parseEncrypted(answer)[0].keys[0].keyExchange).to.equal(false);
    expect(bodyOf((await alice.omemo.open(answer))?.element)).to.equal('hello Alice');
    const next = encryptedMessage(ALICE, BOB, 'a2', await alice.omemo.seal(BOB, 'again'));
    expect(parseEncrypted(next)[0].keys[0].keyExchange).to.equal(false);
    expect(bodyOf((await bob.omemo.open(next))?.element)).to.equal('again');
    expect([...alice.errors, ...bob.errors]).to.deep.equal([]);
  });

  it('replaces a used pre-key, and blind-trusts a new device', async () => {
    const { pep, alice, bob } = await pair();
    const news: unknown[] = [];
    bob.omemo.on('device', (change) => news.push(change));
    const bobId = (await bob.omemo.ownDevice()).deviceId;
    const preKeyIds = () =>
      childrenOf(childOf(childOf(pep.get(`${BOB} urn:xmpp:omemo:2:bundles`)!.get(String(bobId))!, 'bundle')!, 'prekeys')!, 'pk').map(
        (pk) => pk.attrs.id,
      );
    const before = preKeyIds();
    await bob.omemo.open(encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal(BOB, 'hi')));
    await new Promise((resolve) => setTimeout(resolve, 1200)); // bundles go out a moment after
    const after = preKeyIds();
    expect(after).to.have.length(100);
    expect(before.filter((id) => !after.includes(id))).to.have.length(1);
    expect(after).to.include('101');
    const devices = await bob.omemo.devices(ALICE);
    const { deviceId, fingerprint } = await alice.omemo.ownDevice();
    expect(devices).to.deep.equal([{ jid: ALICE, deviceId, versions: ['2', '0.3'], fingerprint, trust: 'blind', own: false }]);
    await bob.omemo.setTrust(ALICE, deviceId, 'verified');
    expect((await bob.omemo.devices(ALICE))[0].trust).to.equal('verified');
    expect(news).to.deep.equal([]);
  });

  it('says in words that a message was not for this device, and drops a message of keys only', async () => {
    const pep: Pep = new Map();
    const alice = fakeAccount(pep, ALICE);
    const bob = fakeAccount(pep, BOB);
    const carol = fakeAccount(pep, 'carol@example.org');
    await Promise.all([alice.omemo.published(), bob.omemo.published(), carol.omemo.published()]);
    const toCarol = encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal('carol@example.org', 'not for Bob'));
    const opened = await bob.omemo.open(toCarol);
    expect(bodyOf(opened?.element)).to.equal(UNREADABLE.notForUs);
    expect(opened?.undecryptable).to.equal('notForUs');
    expect(bob.errors.map((e) => e.name)).to.deep.equal(['OmemoError']);

    const sealed = await alice.omemo.seal(BOB, 'x');
    const keysOnly = sealed.map((el) =>
      el.name === 'encrypted' ? { ...el, children: el.children.filter((c) => typeof c === 'string' || c.name !== 'payload') } : el,
    );
    const message = encryptedMessage(ALICE, BOB, 'k1', keysOnly);
    expect(
      await bob.omemo.open({ ...message, children: message.children.filter((c) => typeof c === 'string' || c.name !== 'body') }),
    ).to.equal(undefined);
  });

  it('drops a second copy that comes before the first is stored, rather than keeping it as undecryptable', async () => {
    const { alice, bob } = await pair();
    const message = encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal(BOB, 'once'));
    const [first, second] = await Promise.all([bob.omemo.open(message), bob.omemo.open(message)]);
    expect(bodyOf(first?.element)).to.equal('once');
    expect(second).to.equal(undefined);
    expect(bob.errors).to.deep.equal([]);
  });

  it('keeps its device and sessions across a reload', async () => {
    const { pep, alice, bob } = await pair();
    const before = await bob.omemo.ownDevice();
    await bob.omemo.open(encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal(BOB, 'one')));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the store's writes
    const reloaded = fakeAccount(pep, BOB, bob.backend);
    await reloaded.omemo.published();
    expect(await reloaded.omemo.ownDevice()).to.deep.equal(before);
    expect(bodyOf((await reloaded.omemo.open(encryptedMessage(ALICE, BOB, 'a2', await alice.omemo.seal(BOB, 'two'))))?.element)).to.equal(
      'two',
    );
  });

  it('stores decrypted text with the encrypted flag, once, and an undecryptable message without blocking the next', async () => {
    const { alice, bob } = await pair();
    const messaging = createMessaging({
      client: bob.client,
      store: bob.store,
      account: () => BOB,
      tabs: createTabLocks({ locks: null }),
      e2e: {
        fallback: 'fallback',
        seal: (message) => bob.omemo.sealMessage(message),
        open: (el, ctx) => bob.omemo.open(el, ctx),
      },
    });
    const one = encryptedMessage(ALICE, BOB, 'a1', await alice.omemo.seal(BOB, 'one'));
    await messaging.ingest(one);
    await messaging.ingest(one); // again, as the archive brings it after the live copy
    await messaging.ingest(encryptedMessage(ALICE, BOB, 'a2', [...(await alice.omemo.seal(BOB, 'two'))].map(garble)));
    await messaging.ingest(encryptedMessage(ALICE, BOB, 'a3', await alice.omemo.seal(BOB, 'three')));
    const page = await bob.store.newestPage(ALICE);
    expect(page.messages.map((m) => [m.body, m.encrypted, m.undecryptable])).to.deep.equal([
      ['one', true, undefined],
      [UNREADABLE.failed, true, 'failed'],
      ['three', true, undefined],
    ]);

    const sent = await messaging.send(ALICE, 'to Alice');
    expect(sent).to.include({ encrypted: true, body: 'to Alice' });
    expect(sent.payload?.some((el) => el.name === 'encrypted')).to.equal(true);
    expect((await bob.store.get(ALICE, sent.key))?.body).to.equal('to Alice');
  });

  it('corrects an encrypted message with the new text sealed, never in the clear', async () => {
    const { alice, bob } = await pair();
    const messagingOf = (account: ReturnType<typeof fakeAccount>) =>
      createMessaging({
        client: account.client,
        store: account.store,
        account: () => account.jid,
        tabs: createTabLocks({ locks: null }),
        e2e: { fallback: 'fallback', seal: (m) => account.omemo.sealMessage(m), open: (el, ctx) => account.omemo.open(el, ctx) },
      });
    const [fromBob, toAlice] = [messagingOf(bob), messagingOf(alice)];
    bob.online(); // a session to send in
    const sent = await fromBob.send(ALICE, 'the frist text');
    await fromBob.correct(ALICE, sent.key, 'the corrected text');
    const stanzas = await waitForStanzas(bob.sent, 2);
    const fix = stanzas.find((el) => childOf(el, 'replace'))!;
    expect(childOf(fix, 'replace')?.attrs.id).to.equal(sent.key);
    expect(bodyOf(fix)).to.equal('fallback');
    expect(JSON.stringify(stanzas)).to.not.contain('text');
    for (const el of stanzas) await toAlice.ingest({ ...el, attrs: { ...el.attrs, from: `${BOB}/web` } });
    const [got] = (await alice.store.newestPage(BOB)).messages;
    expect(got).to.include({ body: 'the corrected text', corrected: true, encrypted: true });
    expect(await bob.store.get(ALICE, sent.key)).to.include({ body: 'the corrected text', corrected: true });
  });

  it('tells of a new device of a contact or of our own account, not of this device in its own list', async () => {
    const { alice, bob } = await pair();
    const news: unknown[] = [];
    alice.omemo.on('device', (change) => news.push(change));
    const own = (await alice.omemo.ownDevice()).deviceId;
    const bobId = (await bob.omemo.ownDevice()).deviceId;
    await alice.omemo.devices(ALICE); // the lists as they were: ours alone
    await alice.omemo.devices(BOB);
    // Another device of ours published lists without this one (it then puts itself back in), and Bob has a new one.
    alice.receive(deviceListEvent(ALICE, [4242], '2'));
    alice.receive(deviceListEvent(ALICE, [4242], '0.3'));
    alice.receive(deviceListEvent(ALICE, [own, 4242], '2'));
    alice.receive(deviceListEvent(BOB, [bobId, 777], '2'));
    for (let i = 0; i < 40 && news.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(news).to.deep.equal([
      { jid: ALICE, deviceId: 4242, change: 'new' },
      { jid: BOB, deviceId: 777, change: 'new' },
    ]);
  });

  it('lets two pages of one account share the device: their steps take turns, each from where the other left off', async () => {
    const pep: Pep = new Map();
    const backend = createMemoryBackend();
    const pages = [fakeAccount(pep, ALICE, backend), fakeAccount(pep, ALICE, backend)];
    const bob = fakeAccount(pep, BOB);
    await Promise.all([...pages.map((p) => p.omemo.published()), bob.omemo.published()]);
    const ids = await Promise.all(pages.map(async (p) => (await p.omemo.ownDevice()).deviceId));
    expect(ids[0]).to.equal(ids[1]);

    // Sent by either page in turn: each step of the sending chain follows the other page's.
    for (let i = 0; i < 6; i++) {
      const sealed = encryptedMessage(ALICE, BOB, `a${i}`, await pages[i % 2].omemo.seal(BOB, `to Bob ${i}`));
      expect(bodyOf((await bob.omemo.open(sealed))?.element)).to.equal(`to Bob ${i}`);
    }
    // Both pages hear each answer (a shared session relays every stanza): one opens it, the other reads its note.
    for (let i = 0; i < 4; i++) {
      const answer = encryptedMessage(BOB, ALICE, `b${i}`, await bob.omemo.seal(ALICE, `to Alice ${i}`));
      const opened = await Promise.all((i % 2 ? pages : [...pages].reverse()).map((p) => p.omemo.open(answer)));
      expect(opened.map((o) => [bodyOf(o?.element), o?.encrypted])).to.deep.equal([
        [`to Alice ${i}`, true],
        [`to Alice ${i}`, true],
      ]);
    }
    expect([...pages.flatMap((p) => p.errors), ...bob.errors]).to.deep.equal([]);
  });
});

/** The element with its payload's bytes changed: its authentication fails. */
function garble(el: XmlElement): XmlElement {
  if (el.name !== 'encrypted') return el;
  return {
    ...el,
    children: el.children.map((c) =>
      typeof c !== 'string' && c.name === 'payload' ? { ...c, children: ['AAAA' + textOf(c).slice(4)] } : c,
    ),
  };
}

/** The stanzas sent, once there are `count` chat messages among them. */
async function waitForStanzas(sent: XmlElement[], count: number): Promise<XmlElement[]> {
  const chats = () => sent.filter((el) => el.name === 'message' && el.attrs.type === 'chat');
  for (let i = 0; i < 100 && chats().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return chats();
}

/** A device list as PEP pushes it (`+notify`). */
function deviceListEvent(from: string, ids: number[], version: '0.3' | '2'): XmlElement {
  const node = version === '2' ? 'urn:xmpp:omemo:2:devices' : 'eu.siacs.conversations.axolotl.devicelist';
  const list = buildDeviceList(
    version,
    ids.map((id) => ({ id })),
  );
  return xml(
    'message',
    { from, to: ALICE },
    xml('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' }, xml('items', { node }, xml('item', { id: 'current' }, list))),
  );
}
