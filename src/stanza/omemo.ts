/**
 * OMEMO's `<encrypted/>` element in both versions (XEP-0384): 0.3 (`eu.siacs.conversations.axolotl`,
 * one `<key rid prekey>` per device, the payload's IV in the header) and OMEMO 2 (`urn:xmpp:omemo:2`,
 * keys grouped by the recipient's bare JID in `<keys jid>`, `<key rid kex>`). Pure; bytes are
 * base64 in XML. A message may carry one element of each version.
 */
import { fromBase64, toBase64, type Bytes } from '../omemo/bytes.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';

export type OmemoVersion = '0.3' | '2';
export const NS_OMEMO: Record<OmemoVersion, string> = { '0.3': 'eu.siacs.conversations.axolotl', '2': 'urn:xmpp:omemo:2' };

/** One device's share of a message: its encrypted key material (a key exchange until the session is confirmed). */
export interface OmemoKey {
  /** The recipient device. */
  rid: number;
  /** OMEMO 2: the recipient's bare JID; 0.3 does not say. */
  jid?: string;
  keyExchange: boolean;
  data: Bytes;
}

export interface OmemoEncrypted {
  version: OmemoVersion;
  /** The sender's device. */
  sid: number;
  keys: OmemoKey[];
  /** 0.3 only. */
  iv?: Bytes;
  /** Absent in a message of keys only (completing a key exchange). */
  payload?: Bytes;
}

/** Decodes base64 as XML carries it (line breaks allowed); undefined when it is not base64. */
export function readBase64(text: string): Bytes | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  return fromBase64(clean);
}

/** A device id: 1 to 2^31 − 1 (both versions). */
export function readDeviceId(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= 0x7fffffff ? id : undefined;
}

const isTrue = (value: string | undefined) => value === 'true' || value === '1';

function readKey(el: XmlElement, version: OmemoVersion, jid?: string): OmemoKey | undefined {
  const rid = readDeviceId(el.attrs.rid);
  const data = readBase64(textOf(el));
  if (!rid || !data?.length) return undefined;
  const keyExchange = isTrue(version === '0.3' ? el.attrs.prekey : el.attrs.kex);
  return { rid, ...(jid ? { jid } : {}), keyExchange, data };
}

/** The `<encrypted/>` elements of a message, OMEMO 2 first; one that does not parse is left out. */
export function parseEncrypted(message: XmlElement): OmemoEncrypted[] {
  return (['2', '0.3'] as const).flatMap((version) => {
    const el = childOf(message, 'encrypted', NS_OMEMO[version]);
    const parsed = el && parseEncryptedElement(el, version);
    return parsed ? [parsed] : [];
  });
}

function parseEncryptedElement(el: XmlElement, version: OmemoVersion): OmemoEncrypted | undefined {
  const header = childOf(el, 'header');
  const sid = readDeviceId(header?.attrs.sid);
  if (!header || !sid) return undefined;
  const keys =
    version === '0.3'
      ? childrenOf(header, 'key').map((key) => readKey(key, version))
      : childrenOf(header, 'keys').flatMap((group) => childrenOf(group, 'key').map((key) => readKey(key, version, group.attrs.jid)));
  const payloadEl = childOf(el, 'payload');
  const payload = payloadEl && readBase64(textOf(payloadEl));
  if (payloadEl && !payload) return undefined;
  const ivEl = childOf(header, 'iv');
  const iv = ivEl && readBase64(textOf(ivEl));
  if (version === '0.3' && payload && !iv) return undefined;
  return {
    version,
    sid,
    keys: keys.filter((key): key is OmemoKey => !!key),
    ...(version === '0.3' && iv ? { iv } : {}),
    ...(payload ? { payload } : {}),
  };
}

/** The key for our device, if the element has one (and, in OMEMO 2, is addressed to our account). */
export function keyFor(encrypted: OmemoEncrypted, account: string, deviceId: number): OmemoKey | undefined {
  return encrypted.keys.find((key) => key.rid === deviceId && (encrypted.version === '0.3' || key.jid === account));
}

export function buildEncrypted(encrypted: OmemoEncrypted): XmlElement {
  const { version } = encrypted;
  const key = (k: OmemoKey) =>
    xml('key', { rid: String(k.rid), ...(k.keyExchange ? { [version === '0.3' ? 'prekey' : 'kex']: 'true' } : {}) }, toBase64(k.data));
  const jids = [...new Set(encrypted.keys.map((k) => k.jid ?? ''))];
  const keys =
    version === '0.3'
      ? encrypted.keys.map(key)
      : jids.map((jid) => xml('keys', { jid }, encrypted.keys.filter((k) => (k.jid ?? '') === jid).map(key)));
  return xml(
    'encrypted',
    { xmlns: NS_OMEMO[version] },
    xml('header', { sid: String(encrypted.sid) }, keys, version === '0.3' && encrypted.iv && xml('iv', {}, toBase64(encrypted.iv))),
    encrypted.payload && xml('payload', {}, toBase64(encrypted.payload)),
  );
}
