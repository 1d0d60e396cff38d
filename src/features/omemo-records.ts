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
}

const emptyPeer = (): PeerRecord => ({ lists: { '0.3': [], '2': [] }, devices: {} });

/**
 * Records under the account's name, so a visitor's new anonymous address starts afresh. Our device
 * and the sessions are also kept in memory once read: each ratchet step must see the one before,
 * even while the store is still gathering that write into a transaction.
 */
export function omemoRecords(store: MessageStore, account: () => string): OmemoRecords {
  const name = (...parts: (string | number)[]) => ['omemo', account(), ...parts].join(':');
  const held = new Map<string, unknown>();
  const read = async <T>(key: string): Promise<T | undefined> => {
    if (!held.has(key)) {
      const value = await store.getMeta<T>(key);
      if (!held.has(key)) held.set(key, value); // unless written meanwhile
    }
    return held.get(key) as T | undefined;
  };
  const write = (key: string, value: unknown) => {
    held.set(key, value);
    return store.setMeta(key, value);
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
  };
}
