/**
 * Our OMEMO device: made once and kept (its private keys as non-extractable CryptoKeys), published in
 * both versions' device lists and bundles with every new session, and its pre-keys replaced as they
 * are used.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import {
  encodeBundle,
  generateIdentityKeyPair,
  generatePreKeys,
  generateSignedPreKey,
  type OmemoVersion,
  type OwnKeys,
} from '../omemo/index.ts';
import { buildBundle, buildDeviceList, bundleItemId, bundleNode, deviceListNode, parseDeviceList } from '../stanza/omemo-pep.ts';
import { buildConfigure, buildItemsGet, buildPublish, parseItems } from '../stanza/pep.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { OmemoRecords, OwnDevice } from './omemo-records.ts';

export const VERSIONS: readonly OmemoVersion[] = ['0.3', '2'];
/** How many pre-keys a bundle offers (XEP-0384 asks for at least 25; clients publish 100). */
export const PRE_KEYS = 100;
/**
 * Every node open to anyone: a visitor is nobody's contact, yet must read the agent's devices. No
 * pubsub#max_items here: ejabberd 23.01 refuses that field in publish options (it is set afterwards).
 */
const OPEN = { 'pubsub#access_model': 'open', 'pubsub#persist_items': 'true' };

export async function loadOwnDevice(records: OmemoRecords): Promise<OwnDevice> {
  const kept = await records.own();
  if (kept) return kept;
  const identity = await generateIdentityKeyPair();
  const [old, neu] = await Promise.all([generateSignedPreKey(identity, 1, '0.3'), generateSignedPreKey(identity, 1, '2')]);
  const device: OwnDevice = {
    id: 1 + (crypto.getRandomValues(new Uint32Array(1))[0] % 0x7ffffffe),
    identity,
    signedPreKeys: { '0.3': old, '2': neu },
    preKeys: await generatePreKeys(1, PRE_KEYS),
    nextPreKeyId: PRE_KEYS + 1,
  };
  await records.setOwn(device);
  return device;
}

/** The keys a key exchange in `version` may name. */
export function ownKeys(device: OwnDevice, version: OmemoVersion): OwnKeys {
  const signed = device.signedPreKeys[version];
  return {
    identity: device.identity,
    signedPreKey: (id) => (id === signed.id ? signed.keyPair : undefined),
    preKey: (id) => device.preKeys.find((p) => p.id === id)?.keyPair,
  };
}

/** The device without the pre-key a key exchange used, and with a new one in its place. */
export async function replacePreKey(device: OwnDevice, usedId: number): Promise<OwnDevice> {
  if (!device.preKeys.some((p) => p.id === usedId)) return device;
  const [fresh] = await generatePreKeys(device.nextPreKeyId, 1);
  return { ...device, preKeys: [...device.preKeys.filter((p) => p.id !== usedId), fresh], nextPreKeyId: device.nextPreKeyId + 1 };
}

/** Publishes with the open options; a node made earlier with others is configured to them first. */
async function publish(client: Client, node: string, id: string, payload: XmlElement): Promise<void> {
  try {
    await client.iq(buildPublish(node, id, payload, OPEN));
  } catch (error) {
    if (!(error instanceof StanzaError) || !['conflict', 'not-acceptable', 'precondition-not-met'].includes(error.condition)) throw error;
    await client.iq(buildConfigure(node, OPEN));
    await client.iq(buildPublish(node, id, payload, OPEN));
  }
}

/** OMEMO 2 keeps every device's bundle as an item of one node, where servers keep one by default. */
async function allowItems(client: Client, node: string): Promise<void> {
  try {
    await client.iq(buildConfigure(node, { 'pubsub#max_items': 'max' }));
  } catch (error) {
    if (!(error instanceof StanzaError)) throw error;
    await client.iq(buildConfigure(node, { 'pubsub#max_items': '1000' }));
  }
}

/** Our account's device list in `version` (none when the node does not exist yet). */
export async function fetchDeviceList(client: Client, jid: string, version: OmemoVersion) {
  try {
    const answer = await client.iq(buildItemsGet(jid, deviceListNode(version)));
    return parseDeviceList(version, parseItems(answer, deviceListNode(version))?.[0]) ?? [];
  } catch (error) {
    // Prosody 0.12 answers `forbidden` for a node a stranger's account does not have: for us, no list either way.
    if (error instanceof StanzaError && (error.condition === 'item-not-found' || error.condition === 'forbidden')) return [];
    throw error;
  }
}

/** Publishes our bundles, and adds our device to our lists where it is missing. */
export async function publishDevice(client: Client, account: string, device: OwnDevice, label: string): Promise<void> {
  await publishBundles(client, device);
  for (const version of VERSIONS) {
    const listed = await fetchDeviceList(client, account, version);
    if (listed.some((d) => d.id === device.id)) continue;
    await publish(client, deviceListNode(version), 'current', buildDeviceList(version, [...listed, { id: device.id, label }]));
  }
}

export async function publishBundles(client: Client, device: OwnDevice): Promise<void> {
  for (const version of VERSIONS) {
    const bundle = buildBundle(version, encodeBundle(version, device.identity, device.signedPreKeys[version], device.preKeys));
    await publish(client, bundleNode(version, device.id), bundleItemId(version, device.id), bundle);
  }
  await allowItems(client, bundleNode('2', device.id));
}
