/**
 * Other devices: each account's device lists (fetched once a session, then kept up to date by PEP
 * notifications), their bundles, and what we know of each device's identity. Trust is blind trust
 * before verification: a device is trusted when first seen, unless one of the account's devices was
 * verified, in which case a new one waits for a decision. A device whose identity key changes is news.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { decodeBundle, OmemoError, type BundleKeys, type OmemoVersion } from '../omemo/index.ts';
import { agreementPublicKey, djbDecode } from '../omemo/identity.ts';
import { toBase64, fromBase64, toHex } from '../omemo/bytes.ts';
import { buildBundleGet, bundleNode, deviceListNode, parseBundle } from '../stanza/omemo-pep.ts';
import { buildSubscribe, parseItems } from '../stanza/pep.ts';
import { fetchDeviceList, VERSIONS } from './omemo-own.ts';
import type { DeviceRecord, OmemoRecords, OmemoTrust, PeerRecord } from './omemo-records.ts';

/** A device change a person should hear about. */
export interface OmemoDeviceChange {
  jid: string;
  deviceId: number;
  /** `new`: a device not seen before; `changed`: a known device with another identity key. */
  change: 'new' | 'changed';
}

export interface PeerDevicesDeps {
  client: Client;
  /** Our bare JID. */
  account: () => string;
  records: OmemoRecords;
  changed: (change: OmemoDeviceChange) => void;
}

/** The identity key's Curve25519 form, as clients show it: hex in groups of eight. */
export function fingerprintOf(curve: Uint8Array): string {
  return (toHex(curve).match(/.{8}/g) ?? []).join(' ');
}

const curveForm = (identityKey: Uint8Array, version: OmemoVersion) =>
  version === '0.3' ? djbDecode(identityKey) : agreementPublicKey(identityKey, version);

export const usable = (record: DeviceRecord | undefined) => !record || record.trust === 'blind' || record.trust === 'verified';

export function createPeerDevices({ client, account, records, changed }: PeerDevicesDeps) {
  /** Lists fetched in this session; notifications replace them. */
  let fetched = new Map<string, Promise<PeerRecord>>();
  client.on('online', (info) => {
    if (!info.resumed) fetched = new Map();
  });

  /** Keeps a version's list; devices not in the record's lists before are news (unless this is the first list). */
  async function setList(jid: string, version: OmemoVersion, ids: number[]): Promise<PeerRecord> {
    let added: number[] = [];
    const record = await records.updatePeer(jid, (current) => {
      const before = new Set([...current.lists['0.3'], ...current.lists['2']]);
      added = before.size ? ids.filter((id) => !before.has(id)) : [];
      return { ...current, lists: { ...current.lists, [version]: ids } };
    });
    for (const deviceId of added) changed({ jid, deviceId, change: 'new' });
    return record;
  }

  async function fetchLists(jid: string): Promise<PeerRecord> {
    let record = await records.peer(jid);
    for (const version of VERSIONS) {
      if (jid !== account()) await follow(jid, version);
      const list = await fetchDeviceList(client, jid, version);
      record = await setList(
        jid,
        version,
        list.map((d) => d.id),
      );
    }
    return record;
  }

  /**
   * Asks for notifications of a list: a visitor and an agent are not each other's contacts, so
   * `+notify` alone would not tell either of the other's new devices. A server may refuse (no such
   * node, or no subscriptions by strangers): the list is then fetched again with the next session
   * and whenever a message comes from a device not in it.
   */
  async function follow(jid: string, version: OmemoVersion): Promise<void> {
    try {
      await client.iq(buildSubscribe(jid, deviceListNode(version), account()));
    } catch (error) {
      if (!(error instanceof StanzaError)) throw error;
    }
  }

  return {
    /** The account's devices: fetched once a session while connected, as last known otherwise. */
    async lists(jid: string): Promise<PeerRecord> {
      if (client.status !== 'connected') return records.peer(jid);
      let pending = fetched.get(jid);
      if (!pending) {
        pending = fetchLists(jid);
        fetched.set(jid, pending);
        pending.catch(() => fetched.delete(jid)); // the caller hears of it; the next call tries again
      }
      await pending;
      return records.peer(jid); // with what was learnt since
    },
    /** Fetches the account's lists again (a message came from a device not in them). */
    refresh(jid: string): Promise<PeerRecord> {
      const pending = fetchLists(jid);
      fetched.set(jid, pending);
      pending.catch(() => fetched.delete(jid));
      return pending;
    },
    /** A notification brought a new list. */
    notified: (jid: string, version: OmemoVersion, ids: number[]) => {
      const next = setList(jid, version, ids);
      fetched.set(jid, next);
      return next;
    },
    /** A device's bundle in `version`, checked for form. */
    async bundle(jid: string, deviceId: number, version: OmemoVersion): Promise<BundleKeys> {
      let answer;
      try {
        answer = await client.iq(buildBundleGet(jid, version, deviceId));
      } catch (error) {
        if (error instanceof StanzaError && error.condition === 'item-not-found') throw noBundle(jid, deviceId, error);
        throw error;
      }
      const wire = parseBundle(version, parseItems(answer, bundleNode(version, deviceId))?.[0]);
      if (!wire) throw noBundle(jid, deviceId);
      return decodeBundle(version, wire);
    },
    /** Notes a device's identity key; resolves with what we know of it then. */
    async learn(jid: string, deviceId: number, identityKey: Uint8Array, version: OmemoVersion): Promise<DeviceRecord> {
      const identity = toBase64(curveForm(identityKey, version));
      let news: OmemoDeviceChange['change'] | undefined;
      const record = await records.updatePeer(jid, (current) => {
        const known = current.devices[deviceId];
        if (known?.identity === identity) return current;
        news = known ? 'changed' : undefined;
        const anyVerified = Object.values(current.devices).some((d) => d.trust === 'verified');
        const trust: OmemoTrust = anyVerified ? 'undecided' : 'blind';
        return { ...current, devices: { ...current.devices, [deviceId]: { identity, trust, since: Date.now() } } };
      });
      if (news) changed({ jid, deviceId, change: news });
      return record.devices[deviceId];
    },
    setTrust: (jid: string, deviceId: number, trust: OmemoTrust) =>
      records.updatePeer(jid, (current) => {
        const known = current.devices[deviceId];
        if (!known) throw new OmemoError('no-session', 'That device has not been seen yet, so there is nothing to trust.');
        return { ...current, devices: { ...current.devices, [deviceId]: { ...known, trust } } };
      }),
  };
}

export type PeerDevices = ReturnType<typeof createPeerDevices>;

const noBundle = (jid: string, deviceId: number, cause?: unknown) =>
  new OmemoError('no-devices', `Device ${deviceId} of ${jid} publishes no OMEMO keys.`, { cause });

export const fingerprintOfRecord = (record: DeviceRecord) => fingerprintOf(fromBase64(record.identity));
