/**
 * OMEMO's PEP nodes (XEP-0384): each version's device list and bundles. 0.3 keeps the list at
 * `….devicelist` (`<list><device id/></list>`) and one node per device's bundle (`….bundles:<id>`);
 * OMEMO 2 its list at `urn:xmpp:omemo:2:devices` (`<devices><device id label/></devices>`) and every
 * bundle of the account in one node, `urn:xmpp:omemo:2:bundles`, with the device id as item id.
 * Pure; keys as bytes (the wire forms the cryptography expects).
 */
import type { WireBundle } from '../omemo/keys.ts';
import { toBase64 } from '../omemo/bytes.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { bareJid } from './jid.ts';
import { newStanzaId } from './message.ts';
import { NS_OMEMO, readBase64, readDeviceId, type OmemoVersion } from './omemo.ts';

const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';

export const deviceListNode = (version: OmemoVersion) => (version === '0.3' ? `${NS_OMEMO['0.3']}.devicelist` : `${NS_OMEMO['2']}:devices`);
export const bundleNode = (version: OmemoVersion, deviceId: number) =>
  version === '0.3' ? `${NS_OMEMO['0.3']}.bundles:${deviceId}` : `${NS_OMEMO['2']}:bundles`;
/** The item a bundle is published as: 0.3's node holds one (`current`), OMEMO 2's one per device. */
export const bundleItemId = (version: OmemoVersion, deviceId: number) => (version === '0.3' ? 'current' : String(deviceId));

export interface OmemoDeviceEntry {
  id: number;
  label?: string;
}

export function buildDeviceList(version: OmemoVersion, devices: readonly OmemoDeviceEntry[]): XmlElement {
  const device = (d: OmemoDeviceEntry) => xml('device', { id: String(d.id), label: version === '2' ? d.label : undefined });
  return xml(version === '0.3' ? 'list' : 'devices', { xmlns: NS_OMEMO[version] }, devices.map(device));
}

/** The devices of a list payload; undefined for anything else. Ids that are not device ids are left out. */
export function parseDeviceList(version: OmemoVersion, el: XmlElement | undefined): OmemoDeviceEntry[] | undefined {
  if (!el || el.name !== (version === '0.3' ? 'list' : 'devices') || el.attrs.xmlns !== NS_OMEMO[version]) return undefined;
  const seen = new Set<number>();
  return childrenOf(el, 'device').flatMap((d) => {
    const id = readDeviceId(d.attrs.id);
    if (!id || seen.has(id)) return [];
    seen.add(id);
    return [{ id, ...(d.attrs.label ? { label: d.attrs.label } : {}) }];
  });
}

/** A device list pushed by PEP (`+notify`): whose, which version, and the devices. */
export function parseDeviceListEvent(message: XmlElement): { jid: string; version: OmemoVersion; devices: OmemoDeviceEntry[] } | undefined {
  const items = childOf(childOf(message, 'event', NS_PUBSUB_EVENT) ?? xml('none'), 'items');
  const version = (['0.3', '2'] as const).find((v) => items?.attrs.node === deviceListNode(v));
  const from = message.attrs.from && bareJid(message.attrs.from);
  if (!items || !version || !from) return undefined;
  const payload = childrenOf(items, 'item').flatMap((item) => childrenOf(item).slice(0, 1))[0];
  const devices = parseDeviceList(version, payload);
  return devices && { jid: from, version, devices };
}

const NAMES = {
  '0.3': {
    spk: 'signedPreKeyPublic',
    spkId: 'signedPreKeyId',
    spks: 'signedPreKeySignature',
    ik: 'identityKey',
    pk: 'preKeyPublic',
    pkId: 'preKeyId',
  },
  '2': { spk: 'spk', spkId: 'id', spks: 'spks', ik: 'ik', pk: 'pk', pkId: 'id' },
} as const;

export function buildBundle(version: OmemoVersion, bundle: WireBundle): XmlElement {
  const n = NAMES[version];
  return xml(
    'bundle',
    { xmlns: NS_OMEMO[version] },
    xml(n.spk, { [n.spkId]: String(bundle.signedPreKeyId) }, toBase64(bundle.signedPreKey)),
    xml(n.spks, {}, toBase64(bundle.signedPreKeySignature)),
    xml(n.ik, {}, toBase64(bundle.identityKey)),
    xml(
      'prekeys',
      {},
      bundle.preKeys.map((p) => xml(n.pk, { [n.pkId]: String(p.id) }, toBase64(p.publicKey))),
    ),
  );
}

/** A bundle's bytes, or undefined when a part is missing or not base64 (forms are checked by decodeBundle). */
export function parseBundle(version: OmemoVersion, el: XmlElement | undefined): WireBundle | undefined {
  if (!el || el.name !== 'bundle' || el.attrs.xmlns !== NS_OMEMO[version]) return undefined;
  const n = NAMES[version];
  const spkEl = childOf(el, n.spk);
  const signedPreKeyId = Number(spkEl?.attrs[n.spkId]);
  const signedPreKey = spkEl && readBase64(textOf(spkEl));
  const signedPreKeySignature = readBase64(textOf(childOf(el, n.spks)));
  const identityKey = readBase64(textOf(childOf(el, n.ik)));
  if (!signedPreKey?.length || !signedPreKeySignature?.length || !identityKey?.length) return undefined;
  if (!Number.isInteger(signedPreKeyId) || signedPreKeyId < 0) return undefined;
  const preKeys = childrenOf(childOf(el, 'prekeys') ?? xml('none'), n.pk).flatMap((p) => {
    const id = Number(p.attrs[n.pkId]);
    const publicKey = readBase64(textOf(p));
    return Number.isInteger(id) && id >= 0 && publicKey?.length ? [{ id, publicKey }] : [];
  });
  return { identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature, preKeys };
}

/** Asks `jid`'s account for one device's bundle: 0.3's node of its own, OMEMO 2's item by device id. */
export function buildBundleGet(jid: string, version: OmemoVersion, deviceId: number): XmlElement {
  const node = bundleNode(version, deviceId);
  const items =
    version === '0.3'
      ? xml('items', { node, max_items: '1' })
      : xml('items', { node }, xml('item', { id: bundleItemId(version, deviceId) }));
  return xml('iq', { type: 'get', to: jid, id: newStanzaId() }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, items));
}
