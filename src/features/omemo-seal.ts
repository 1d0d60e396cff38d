/**
 * Encrypts a chat message's body for every device of the peer and our own other devices, each in the
 * newest version it publishes: one `<encrypted/>` element per version used, with XEP-0380's marker for
 * each and the store hint. OMEMO 2 encrypts a XEP-0420 envelope, 0.3 the text itself.
 */
import { encryptKeyMaterial, encryptPayload, OmemoError, startSession, type OmemoSession, type OmemoVersion } from '../omemo/index.ts';
import { randomBytes, toBase64, utf8 } from '../omemo/bytes.ts';
import { toXmlString, type XmlElement } from '../stanza/element.ts';
import { buildEncrypted, type OmemoKey } from '../stanza/omemo.ts';
import { buildEme, buildEnvelope, buildStoreHint } from '../stanza/sce.ts';
import { usable, type PeerDevices } from './omemo-peers.ts';
import type { OmemoRecords, OwnDevice } from './omemo-records.ts';

export interface SealDeps {
  records: OmemoRecords;
  peers: PeerDevices;
  account: string;
  device: OwnDevice;
  /** A device left out (no bundle, a bad signature): the message still goes to the others. */
  skipped: (error: unknown) => void;
}

interface Target {
  jid: string;
  deviceId: number;
  version: OmemoVersion;
}

async function targetsOf({ peers, account, device }: SealDeps, peer: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (const jid of peer === account ? [account] : [peer, account]) {
    const record = await peers.lists(jid);
    const ids = new Set([...record.lists['2'], ...record.lists['0.3']]);
    for (const deviceId of ids) {
      if (jid === account && deviceId === device.id) continue;
      if (!usable(record.devices[deviceId])) continue;
      targets.push({ jid, deviceId, version: record.lists['2'].includes(deviceId) ? '2' : '0.3' });
    }
  }
  return targets;
}

function plaintextFor(version: OmemoVersion, body: string, from: string, to: string): Uint8Array {
  if (version === '0.3') return utf8(body);
  // Random padding of 1 to 32 characters hides the body's exact length (XEP-0420 §4).
  const rpad = toBase64(randomBytes(1 + (randomBytes(1)[0] % 24))).replace(/=+$/, '');
  return utf8(toXmlString(buildEnvelope({ body, from, to, time: new Date().toISOString() }, rpad)));
}

async function sessionWith(deps: SealDeps, target: Target): Promise<OmemoSession | undefined> {
  const kept = await deps.records.session(target.jid, target.deviceId, target.version);
  if (kept) return kept;
  const bundle = await deps.peers.bundle(target.jid, target.deviceId, target.version);
  const known = await deps.peers.learn(target.jid, target.deviceId, bundle.identityKey, target.version);
  if (!usable(known)) return undefined;
  return startSession(target.version, deps.device.identity, bundle);
}

/** The elements an encrypted message carries; rejects with `no-devices` when no device of the peer can read it. */
export async function seal(deps: SealDeps, peer: string, body: string): Promise<XmlElement[]> {
  const targets = await targetsOf(deps, peer);
  const versions = [...new Set(targets.map((t) => t.version))];
  const payloads = new Map(
    await Promise.all(
      versions.map(async (version) => [version, await encryptPayload(version, plaintextFor(version, body, deps.account, peer))] as const),
    ),
  );
  const keys = new Map<OmemoVersion, OmemoKey[]>();
  for (const target of targets) {
    try {
      const session = await sessionWith(deps, target);
      if (!session) continue;
      const sealed = await encryptKeyMaterial(session, payloads.get(target.version)!.keyMaterial);
      await deps.records.setSession(target.jid, target.deviceId, sealed.session);
      const key = { rid: target.deviceId, jid: target.jid, keyExchange: sealed.keyExchange, data: sealed.message };
      keys.set(target.version, [...(keys.get(target.version) ?? []), key]);
    } catch (error) {
      deps.skipped(error);
    }
  }
  if (![...keys.values()].flat().some((key) => key.jid === peer)) {
    throw new OmemoError('no-devices', `${peer} has no OMEMO device this chat can encrypt to, so the message was not sent.`);
  }
  const used = versions.filter((version) => keys.has(version));
  return [
    ...used.map((version) => {
      const { ciphertext, iv } = payloads.get(version)!;
      return buildEncrypted({ version, sid: deps.device.id, keys: keys.get(version)!, ...(iv ? { iv } : {}), payload: ciphertext });
    }),
    ...used.map(buildEme),
    buildStoreHint(),
  ];
}
