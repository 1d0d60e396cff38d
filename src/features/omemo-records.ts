/**
 * What OMEMO keeps per account, through the message store's records (IndexedDB, structured clone, so
 * private keys stay non-extractable CryptoKeys): our device, a session per peer device and version,
 * the device lists last seen, and what we know of each device's identity and trust.
 */
import type { IdentityKeyPair, OmemoSession, OmemoVersion, PreKey, SignedPreKey } from '../omemo/index.ts';
import type { MessageStore } from '../storage/index.ts';

/** Our device: its id and keys. One pool of pre-keys serves both versions' bundles. */
export interface OwnDevice {
  id: number;
  identity: IdentityKeyPair;
  /** One per version: the signature covers the key in each version's own form. */
  signedPreKeys: Record<OmemoVersion, SignedPreKey>;
  preKeys: PreKey[];
  nextPreKeyId: number;
}

/**
 * Blind trust before verification: a device is trusted until the person says otherwise; once one of
 * an account's devices is verified, its new ones are `undecided` (not encrypted to) until decided.
 */
export type OmemoTrust = 'blind' | 'verified' | 'distrusted' | 'undecided';

export interface DeviceRecord {
  /** The identity key's Curve25519 form (what fingerprints show), base64. */
  identity: string;
  trust: OmemoTrust;
  /** When we first saw this device (ms since epoch). */
  since: number;
}

/** A contact's (or our own account's) devices: ids per version, and what we know of each. */
export interface PeerRecord {
  lists: Record<OmemoVersion, number[]>;
  devices: Record<number, DeviceRecord>;
}

export interface OmemoRecords {
  own(): Promise<OwnDevice | undefined>;
  setOwn(device: OwnDevice): Promise<void>;
  session(jid: string, deviceId: number, version: OmemoVersion): Promise<OmemoSession | undefined>;
  setSession(jid: string, deviceId: number, session: OmemoSession): Promise<void>;
  peer(jid: string): Promise<PeerRecord>;
  /** Changes a peer's record in one transaction; resolves with the new record. */
  updatePeer(jid: string, change: (record: PeerRecord) => PeerRecord): Promise<PeerRecord>;
  /**
   * Before a step: forgets what another page of the site may have changed since this one last
   * wrote. Resolves true when our device or a session was changed elsewhere (held copies dropped).
   */
  refresh(): Promise<boolean>;
  /** After a step: its writes are in the store, and marked as this page's, before another page steps. */
  settle(): Promise<void>;
}

const emptyPeer = (): PeerRecord => ({ lists: { '0.3': [], '2': [] }, devices: {} });

/** Who wrote our device or a session last: a page's id and its count of steps that wrote. */
interface LastWriter {
  page: string;
  steps: number;
}

/**
 * Records under the account's name, so a visitor's new anonymous address starts afresh. Our device
 * and the sessions are also kept in memory once read: each ratchet step must see the one before,
 * even while the store is still gathering that write into a transaction. Pages of one site share
 * the records (one device): a step that wrote notes this page as the last writer, and a page that
 * finds another noted drops what it holds (peer records, small and changed by notifications, are
 * read again at every step).
 */
export function omemoRecords(store: MessageStore, account: () => string, page: string): OmemoRecords {
  const name = (...parts: (string | number)[]) => ['omemo', account(), ...parts].join(':');
  const held = new Map<string, unknown>();
  let steps = 0;
  /** The last writer whose writes `held` reflects. */
  let seen = '';
  /** Writes of the current step not yet in the store, and whether it wrote at all. */
  const pending = new Set<Promise<void>>();
  let wrote = false;
  const read = async <T>(key: string): Promise<T | undefined> => {
    if (!held.has(key)) {
      const value = await store.getMeta<T>(key);
      if (!held.has(key)) held.set(key, value); // unless written meanwhile
    }
    return held.get(key) as T | undefined;
  };
  const write = (key: string, value: unknown) => {
    held.set(key, value);
    wrote = true;
    const written = store.setMeta(key, value);
    pending.add(written);
    void written.finally(() => pending.delete(written)).catch(() => undefined); // the writer hears of a failure
    return written;
  };
  return {
    own: () => read<OwnDevice>(name('own')),
    setOwn: (device) => write(name('own'), device),
    session: (jid, deviceId, version) => read<OmemoSession>(name('session', jid, deviceId, version)),
    setSession: (jid, deviceId, session) => write(name('session', jid, deviceId, session.version), session),
    peer: async (jid) => (await read<PeerRecord>(name('peer', jid))) ?? emptyPeer(),
    async updatePeer(jid, change) {
      const key = name('peer', jid);
      const next = await store.updateMeta<PeerRecord>(key, (current) => change(current ?? emptyPeer()));
      held.set(key, next);
      return next;
    },
    async refresh() {
      const peers = name('peer', '');
      for (const key of held.keys()) if (key.startsWith(peers)) held.delete(key);
      const last = await store.getMeta<LastWriter>(name('writer'));
      const writer = last ? `${last.page} ${last.steps}` : '';
      if (writer === seen) return false;
      seen = writer;
      held.clear();
      return true;
    },
    async settle() {
      if (!wrote) return;
      wrote = false;
      steps += 1;
      seen = `${page} ${steps}`;
      await Promise.all([...pending, store.setMeta(name('writer'), { page, steps } satisfies LastWriter)]);
    },
  };
}
