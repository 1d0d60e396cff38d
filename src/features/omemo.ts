/**
 * End-to-end encryption with OMEMO (XEP-0384, versions 0.3 and 2), loaded only where a chat has
 * `encryption: 'omemo'`. Messaging calls `seal` for each body it sends and `open` for each message
 * that arrives; this feature keeps our device published, follows other devices, and keeps sessions
 * and trust. Its steps run one at a time: each ratchet step must see the one before.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { OmemoError, type OmemoVersion } from '../omemo/index.ts';
import type { XmlElement } from '../stanza/element.ts';
import { parseDeviceListEvent } from '../stanza/omemo-pep.ts';
import { NS_OMEMO, parseEncrypted } from '../stanza/omemo.ts';
import { bareJid } from '../stanza/jid.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import type { ReadContext } from './read-message.ts';
import { oneAtATime } from '../adapters/tab-locks.ts';
import { createCopyCheck } from './omemo-copies.ts';
import { open as openMessage, type Undecryptable } from './omemo-open.ts';
import { loadOwnDevice, publishBundles, publishDevice, replacePreKey } from './omemo-own.ts';
import { createPeerDevices, fingerprintOf, fingerprintOfRecord, type OmemoDeviceChange } from './omemo-peers.ts';
import { omemoRecords, type OmemoTrust, type OwnDevice } from './omemo-records.ts';
import { seal as sealMessage } from './omemo-seal.ts';

export type { OmemoDeviceChange } from './omemo-peers.ts';
export type { OmemoTrust } from './omemo-records.ts';

/** A device of a contact or of our own account, as a person compares and trusts it. */
export interface OmemoDeviceInfo {
  jid: string;
  deviceId: number;
  /** The versions whose device lists name it, newest first. */
  versions: OmemoVersion[];
  /** The identity key as clients show it (hex in groups of eight); undefined until its keys were read. */
  fingerprint?: string;
  trust?: OmemoTrust;
  /** This chat's own device. */
  own: boolean;
}

export interface OmemoEvents extends Record<string, unknown> {
  /** A device appeared or changed its identity key: worth a word to the person. */
  device: OmemoDeviceChange;
  /** Something failed in the background: publishing, a device left out, a message not decrypted. */
  error: Error;
}

export interface Omemo {
  /** Our device: its id and fingerprint. */
  ownDevice(): Promise<{ deviceId: number; fingerprint: string }>;
  /** The devices of `jid` (our own account's included ours), with fingerprints and trust. */
  devices(jid: string): Promise<OmemoDeviceInfo[]>;
  /** Verifies or distrusts a device (or gives it blind trust again). */
  setTrust(jid: string, deviceId: number, trust: Exclude<OmemoTrust, 'undecided'>): Promise<void>;
  /** Resolves once our device is published in the current session. */
  published(): Promise<void>;
  /** The elements that carry `body` encrypted to `peer` (see omemo-seal.ts). */
  seal(peer: string, body: string): Promise<XmlElement[]>;
  /** A message of ours with its body sealed into its payload (in place of an earlier seal, for a retry). */
  sealMessage(message: StoredMessage): Promise<StoredMessage>;
  /** The message to read in place of `el`, and whether it was encrypted; undefined for keys only. */
  open(el: XmlElement, ctx?: Partial<ReadContext>): Promise<OpenResult | undefined>;
  on<K extends keyof OmemoEvents>(type: K, listener: (detail: OmemoEvents[K]) => void): () => void;
}

/** A message to read in place of the one received; `undecryptable`: its body is a sentence saying why there is no text. */
export interface OpenResult {
  element: XmlElement;
  encrypted: boolean;
  undecryptable?: Undecryptable;
}

export interface OmemoDeps {
  client: Client;
  store: MessageStore;
  account: () => string;
  /** Our device's name in OMEMO 2's device list. */
  label?: string;
  /** A message to someone without OMEMO goes out unencrypted rather than failing. */
  plaintextFallback?: boolean;
}

/** What sealing adds to a message's payload. */
const SEALED = [NS_OMEMO['0.3'], NS_OMEMO['2'], 'urn:xmpp:eme:0', 'urn:xmpp:hints'];
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
const isOmemo = (el: XmlElement) =>
  el.children.some(
    (c) => typeof c !== 'string' && c.name === 'encrypted' && (c.attrs.xmlns === NS_OMEMO['0.3'] || c.attrs.xmlns === NS_OMEMO['2']),
  );

export function createOmemo({ client, store, account, label = 'xmpp-chat', plaintextFallback = false }: OmemoDeps): Omemo {
  const events = new Emitter<OmemoEvents>();
  const report = (error: unknown) => events.emit('error', error as Error);
  const records = omemoRecords(store, account, randomPage());
  // This device appearing in its own account's list is no news.
  const changed = (change: OmemoDeviceChange) =>
    void device
      .then((own) => (change.jid === account() && change.deviceId === own.id ? undefined : events.emit('device', change)))
      .catch(report);
  const peers = createPeerDevices({ client, account, records, changed });
  const copies = createCopyCheck(store, account);
  // Steps run one at a time in this page, and across the site's pages signed in to the account (tabs
  // sharing a session share the device): each starts from what the one before left in the store.
  let chain: Promise<unknown> = Promise.resolve();
  let device: Promise<OwnDevice>;
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    if (await records.refresh()) device = loadOwnDevice(records);
    try {
      return await work();
    } finally {
      await records.settle();
    }
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = () => oneAtATime(`xmpp-chat-omemo ${account()}`, () => step(work));
    const next = chain.then(run, run);
    chain = next.catch(() => undefined); // the caller hears of its failure
    return next;
  };
  device = serial(() => loadOwnDevice(records));

  let published: Promise<void> = Promise.resolve();
  const publish = () => {
    const epoch = client.epoch;
    published = device.then((own) => publishDevice(client, account(), own, label));
    published.catch((error: unknown) => {
      if (client.epoch === epoch) report(error);
    });
  };
  if (client.status === 'connected') publish();
  client.on('online', (info) => {
    if (!info.resumed) publish();
  });

  // Bundles go out again a moment after pre-keys were used: a burst of key exchanges publishes once.
  let republish: ReturnType<typeof setTimeout> | undefined;
  async function usedPreKey(id: number): Promise<void> {
    const next = await replacePreKey(await device, id);
    device = Promise.resolve(next);
    await records.setOwn(next);
    clearTimeout(republish);
    republish = setTimeout(() => {
      if (client.status === 'connected') void device.then((own) => publishBundles(client, own)).catch(report);
    }, 1000);
  }

  client.on('stanza', (stanza) => {
    if (stanza.name !== 'message' || !stanza.children.some((c) => typeof c !== 'string' && c.attrs.xmlns === NS_PUBSUB_EVENT)) return;
    const list = parseDeviceListEvent(stanza);
    if (!list) return;
    const ids = list.devices.map((d) => d.id);
    void peers.notified(list.jid, list.version, ids).catch(report);
    // Another client of ours published a list without this device: it goes back in.
    if (list.jid === account()) void device.then((own) => (ids.includes(own.id) ? undefined : publish()));
  });

  /** Accounts whose lists were fetched again for a device not in them, this session: once is enough. */
  let refreshed = new Set<string>();
  client.on('online', (info) => {
    if (!info.resumed) refreshed = new Set();
  });
  /** A message from a device not in its account's lists: they changed, and we were not told. */
  async function noticeSender(el: XmlElement): Promise<void> {
    const sender = el.attrs.from && bareJid(el.attrs.from);
    if (!sender || refreshed.has(sender) || client.status !== 'connected') return;
    const record = await records.peer(sender);
    const listed = new Set([...record.lists['0.3'], ...record.lists['2']]);
    if (parseEncrypted(el).every((enc) => listed.has(enc.sid))) return;
    refreshed.add(sender);
    await peers.refresh(sender);
  }

  return {
    async ownDevice() {
      const own = await device;
      return { deviceId: own.id, fingerprint: fingerprintOf(own.identity.montgomeryPublic) };
    },
    async devices(jid) {
      const [own, record] = await Promise.all([device, peers.lists(jid)]);
      const ids = [...new Set([...record.lists['2'], ...record.lists['0.3']])];
      return ids.map((deviceId) => {
        const known = record.devices[deviceId];
        const mine = jid === account() && deviceId === own.id;
        return {
          jid,
          deviceId,
          versions: (['2', '0.3'] as const).filter((v) => record.lists[v].includes(deviceId)),
          ...(mine
            ? { fingerprint: fingerprintOf(own.identity.montgomeryPublic) }
            : known
              ? { fingerprint: fingerprintOfRecord(known) }
              : {}),
          ...(known && !mine ? { trust: known.trust } : {}),
          own: mine,
        };
      });
    },
    async setTrust(jid, deviceId, trust) {
      await peers.setTrust(jid, deviceId, trust);
    },
    published: () => published,
    async sealMessage(message) {
      const kept = (message.payload ?? []).filter((el) => !SEALED.includes(el.attrs.xmlns ?? ''));
      let elements: XmlElement[];
      try {
        elements = await this.seal(message.peer, message.body);
      } catch (error) {
        if (!plaintextFallback || !(error instanceof OmemoError) || error.condition !== 'no-devices') throw error;
        const { encrypted: _, ...plain } = message;
        return { ...plain, payload: kept };
      }
      return { ...message, encrypted: true, payload: [...kept, ...elements] };
    },
    seal: (peer, body) =>
      serial(async () => sealMessage({ records, peers, account: account(), device: await device, skipped: report }, peer, body)),
    async open(el, ctx = {}) {
      if (!isOmemo(el)) return { element: el, encrypted: false };
      return serial(async () => {
        const before = await copies.check(el, ctx);
        if (before.copy === 'stored') return { element: el, encrypted: true }; // the store keeps the first, and takes this one's ids
        if (before.copy === 'opened-here') return undefined;
        if (before.copy === 'opened-elsewhere') return before.opened && { ...before.opened, encrypted: true };
        const deps = { records, peers, account: account(), device: await device, usedPreKey, failed: report };
        const opened = await openMessage(deps, el);
        await copies.remember(before.ids, opened);
        void noticeSender(el).catch(report);
        return opened && { ...opened, encrypted: true };
      });
    },
    on: (type, listener) => events.on(type, listener),
  };
}

/** This page's name among the site's pages that share the records. */
const randomPage = () => Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
