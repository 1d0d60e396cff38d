/**
 * HTTP File Upload (XEP-0363): finding the upload service among the server's items (XEP-0030),
 * its size limit (XEP-0128 form, §3), asking it for a slot (§4) and reading the slot: where to
 * PUT the file, with which headers, and where it can be fetched afterwards.
 */
import { parseDiscoFeatures } from './disco.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

export const NS_UPLOAD = 'urn:xmpp:http:upload:0';
const NS_INFO = 'http://jabber.org/protocol/disco#info';
const NS_ITEMS = 'http://jabber.org/protocol/disco#items';
const NS_DATA = 'jabber:x:data';

/** An upload service: its address, and the largest file it takes (bytes) when it says so. */
export interface UploadService {
  jid: string;
  maxFileSize?: number;
}

/** Where to PUT a file and with which headers, and the URL it is fetched from afterwards. */
export interface UploadSlot {
  put: string;
  /** Only the headers §4 allows (Authorization, Cookie, Expires), without line breaks. */
  headers: Record<string, string>;
  get: string;
}

/** What the slot request says of the file. */
export interface SlotFile {
  name: string;
  size: number;
  type?: string;
}

/** The headers a slot may ask for (§4); any other is ignored, as the XEP requires. */
const SLOT_HEADERS = new Map(['Authorization', 'Cookie', 'Expires'].map((name) => [name.toLowerCase(), name]));

/** An address normalized, or undefined if invalid. */
function normalize(s: string | undefined): string | undefined {
  const jid = s === undefined ? undefined : parseJid(s);
  return jid && formatJid(jid);
}

/** Builds a disco#items request to `to` (our server: the services it hosts). */
export function buildDiscoItemsGet(to: string): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId(), to }, xml('query', { xmlns: NS_ITEMS }));
}

/**
 * The addresses of a disco#items answer from `from`, in the order given, normalized and without
 * repeats (items with a node are not services of their own and are left out). Undefined for
 * anything else.
 */
export function parseDiscoItems(iq: XmlElement, from: string): string[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result' || normalize(iq.attrs.from) !== normalize(from)) return undefined;
  const query = childOf(iq, 'query', NS_ITEMS);
  if (!query) return undefined;
  const jids = childrenOf(query, 'item')
    .filter((item) => item.attrs.node === undefined)
    .map((item) => normalize(item.attrs.jid));
  return [...new Set(jids.filter((jid): jid is string => jid !== undefined))];
}

/** The value of a form's field, if it has exactly one. */
function fieldValue(form: XmlElement, name: string): string | undefined {
  const fields = childrenOf(form, 'field').filter((f) => f.attrs.var === name);
  const values = fields.length === 1 ? childrenOf(fields[0], 'value') : [];
  return values.length === 1 ? textOf(values[0]).trim() : undefined;
}

/**
 * The upload service a disco#info answer from `from` describes: undefined unless it offers
 * `urn:xmpp:http:upload:0`. Its limit comes from the XEP-0128 form of that FORM_TYPE (not the
 * older `urn:xmpp:http:upload` one ejabberd also sends), when it holds a whole number of bytes.
 * (Read here rather than with stanza/disco.ts's parseDiscoInfo, which every visitor would then
 * load with the core.)
 */
export function parseUploadService(iq: XmlElement, from: string): UploadService | undefined {
  const jid = normalize(from);
  const query = childOf(iq, 'query', NS_INFO);
  if (!jid || !query || normalize(iq.attrs.from) !== jid || !parseDiscoFeatures(iq)?.includes(NS_UPLOAD)) return undefined;
  const form = childrenOf(query, 'x', NS_DATA).find((x) => fieldValue(x, 'FORM_TYPE') === NS_UPLOAD);
  const value = form && fieldValue(form, 'max-file-size');
  const maxFileSize = value && /^\d+$/.test(value) ? Number(value) : undefined;
  return maxFileSize !== undefined && Number.isSafeInteger(maxFileSize) ? { jid, maxFileSize } : { jid };
}

/** Builds the slot request for `file` to the upload service `to` (§4). */
export function buildSlotRequest(to: string, file: SlotFile): XmlElement {
  return xml(
    'iq',
    { type: 'get', id: newStanzaId(), to },
    xml('request', { xmlns: NS_UPLOAD, filename: file.name, size: String(file.size), 'content-type': file.type || undefined }),
  );
}

/** The URL if it is an absolute http(s) one without user or password; anything else is refused. */
function httpUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  const http = url.protocol === 'https:' || url.protocol === 'http:';
  return http && url.hostname && !url.username && !url.password ? url.href : undefined;
}

/** Children in the slot's namespace (written without `xmlns`, or with it). */
const own = (parent: XmlElement, name: string) =>
  childrenOf(parent, name).filter((c) => c.attrs.xmlns === undefined || c.attrs.xmlns === NS_UPLOAD);

/**
 * Reads the slot in the answer from the upload service `from`: undefined unless both URLs are
 * http(s). Headers other than those §4 allows are dropped, and line breaks stripped from those
 * kept (§4: a header must not smuggle in another); a repeated header keeps its first value.
 */
export function parseUploadSlot(iq: XmlElement, from: string): UploadSlot | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result' || normalize(iq.attrs.from) !== normalize(from)) return undefined;
  const slot = childOf(iq, 'slot', NS_UPLOAD);
  const putEl = slot && own(slot, 'put')[0];
  const put = httpUrl(putEl?.attrs.url);
  const get = httpUrl(slot && own(slot, 'get')[0]?.attrs.url);
  if (!putEl || !put || !get) return undefined;
  const headers: Record<string, string> = {};
  for (const header of own(putEl, 'header')) {
    const name = SLOT_HEADERS.get(
      (header.attrs.name ?? '')
        .replace(/[\r\n]/g, '')
        .trim()
        .toLowerCase(),
    );
    const value = textOf(header)
      .replace(/[\r\n]/g, '')
      .trim();
    if (name && value && headers[name] === undefined) headers[name] = value;
  }
  return { put, headers, get };
}
