/**
 * Shared files: XEP-0066 out-of-band data, which every client shows, and XEP-0447 stateless file
 * sharing with XEP-0446 metadata (name, size, type, image dimensions), sent together:
 *
 *   <x xmlns='jabber:x:oob'><url>https://…/cat.png</url></x>
 *   <file-sharing xmlns='urn:xmpp:sfs:0' disposition='inline'>
 *     <file xmlns='urn:xmpp:file:metadata:0'><media-type>image/png</media-type><name>cat.png</name>
 *       <size>5120</size><width>640</width><height>480</height></file>
 *     <sources><url-data xmlns='http://jabber.org/protocol/url-data' target='https://…/cat.png'/></sources>
 *   </file-sharing>
 *
 * Only http(s) links are ever kept from these; every field is checked, and one that fails is left out.
 * An encrypted file (XEP-0454) is shared otherwise: the message's body, sealed, is just its
 * `aesgcm://` link, the key in the fragment; nothing of it may go out in the clear (see fileInBody).
 */
import type { SharedFile } from '../storage/types.ts';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';

const NS_OOB = 'jabber:x:oob';
const NS_SFS = 'urn:xmpp:sfs:0';
const NS_METADATA = 'urn:xmpp:file:metadata:0';
const NS_URL_DATA = 'http://jabber.org/protocol/url-data';

/** Longest kept link, name, description and media type; longer links and names are refused, descriptions cut. */
export const FILE_LIMITS = { url: 4096, name: 200, desc: 500, type: 255 } as const;
/** Largest believable file size in bytes (1 TiB) and image side in pixels. */
const MAX_SIZE = 2 ** 40;
const MAX_SIDE = 100_000;

// eslint-disable-next-line no-control-regex -- control characters are what these find
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Direction marks and overrides, which can make `evil.exe` read as `exe.pdf`. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A child in its parent's namespace: written without `xmlns`, or with the parent's. */
const own = (parent: XmlElement, name: string) =>
  childrenOf(parent, name).find((c) => c.attrs.xmlns === undefined || c.attrs.xmlns === parent.attrs.xmlns);

/** The link as the browser will read it, when it is an absolute http(s) URL without user or password. */
export function cleanFileUrl(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed || trimmed.length > FILE_LIMITS.url || !URL.canParse(trimmed)) return undefined;
  const url = new URL(trimmed);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) return undefined;
  return url.href.length <= FILE_LIMITS.url ? url.href : undefined;
}

/** An `aesgcm://` link (XEP-0454): a host, a path, the IV (12 or 16 bytes) and key (32 bytes) in hex as fragment. */
const MEDIA_LINK = /^aesgcm:\/\/[^\s#]+#(?:[0-9a-f]{24}|[0-9a-f]{32})[0-9a-f]{64}$/i;

/**
 * The encrypted file a message body shares when the body is just its `aesgcm://` link (XEP-0454):
 * the link kept as written (its https form without user or password, the fragment as sent), the name the
 * last part of its path. Undefined for any other body.
 */
export function fileInBody(body: string): SharedFile | undefined {
  const link = body.trim();
  if (link.length > FILE_LIMITS.url || !MEDIA_LINK.test(link)) return undefined;
  const https = cleanFileUrl(`https${link.slice('aesgcm'.length)}`);
  if (!https) return undefined;
  const url = `aesgcm${https.slice('https'.length)}`;
  const last = new URL(https).pathname.split('/').pop() ?? '';
  let name: string | undefined;
  try {
    name = cleanName(decodeURIComponent(last));
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    name = cleanName(last); // a stray % in the path: the name as written
  }
  return withoutEmpty({ url, name });
}

/** A bare file name: no path, no control or direction characters, not `.` or `..`. */
function cleanName(text: string | undefined): string | undefined {
  const name = text?.trim();
  if (!name || name.length > FILE_LIMITS.name || /[/\\]/.test(name) || name === '.' || name === '..') return undefined;
  return CONTROL.test(name) || BIDI.test(name) ? undefined : name;
}

/** Trimmed, line breaks kept, control and direction characters gone, cut to the limit. */
function cleanDesc(text: string | undefined): string | undefined {
  const desc = text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    ?.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]+/g, ' ')
    // Direction marks and overrides could turn the text around it; they go without a trace.
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  if (!desc) return undefined;
  const cut = desc.slice(0, FILE_LIMITS.desc);
  // Never end on half of a surrogate pair.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** `type/subtype`, lower-cased, parameters dropped. */
function cleanType(text: string | undefined): string | undefined {
  const type = text?.split(';')[0].trim().toLowerCase();
  return type && type.length <= FILE_LIMITS.type && MEDIA_TYPE.test(type) ? type : undefined;
}

/** A positive integer written in decimal digits, at most `max`. */
function positive(text: string | undefined, max: number): number | undefined {
  const digits = text?.trim();
  if (!digits || !/^[1-9][0-9]{0,15}$/.test(digits)) return undefined;
  const value = Number(digits);
  return value <= max ? value : undefined;
}

/** The metadata fields as written, before checking. */
interface MetadataText {
  name?: string;
  size?: string;
  type?: string;
  width?: string;
  height?: string;
  desc?: string;
}

/** Each field checked; those that fail are left out, and so are dimensions that do not come in pairs. */
function cleanMetadata(raw: MetadataText): Omit<SharedFile, 'url'> {
  const width = positive(raw.width, MAX_SIDE);
  const height = positive(raw.height, MAX_SIDE);
  return withoutEmpty({
    name: cleanName(raw.name),
    size: positive(raw.size, MAX_SIZE),
    type: cleanType(raw.type),
    // One side alone gives no aspect ratio.
    ...(width && height ? { width, height } : {}),
    desc: cleanDesc(raw.desc),
  });
}

/** What a XEP-0446 `<file/>` says; XEP-0446 0.1's `<dimensions>640x480</dimensions>` is read too. */
function readMetadata(file: XmlElement | undefined): Omit<SharedFile, 'url'> {
  if (!file) return {};
  const text = (name: string) => {
    const child = own(file, name);
    return child && textOf(child);
  };
  const [width, height] = /^\s*(\d+)x(\d+)\s*$/.exec(text('dimensions') ?? '')?.slice(1) ?? [];
  return cleanMetadata({
    name: text('name'),
    size: text('size'),
    type: text('media-type'),
    width: text('width') ?? width,
    height: text('height') ?? height,
    desc: text('desc'),
  });
}

function withoutEmpty<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The file a message shares, from its out-of-band data and its stateless file sharing element
 * together: the link is the SFS source when there is one (the OOB link when it is among them), and
 * the metadata is taken when it describes that link. Undefined when there is no usable http(s) link,
 * and for anything but a `<message>` (errors included).
 */
export function parseSharedFile(el: XmlElement): SharedFile | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error') return undefined;
  const oob = childOf(el, 'x', NS_OOB);
  const oobLink = oob && own(oob, 'url');
  const oobUrl = oobLink && cleanFileUrl(textOf(oobLink));
  const sharing = childOf(el, 'file-sharing', NS_SFS);
  const sources = sharing && own(sharing, 'sources');
  const sfsUrls = sources ? childrenOf(sources, 'url-data', NS_URL_DATA).flatMap((s) => cleanFileUrl(s.attrs.target) ?? []) : [];

  const url = oobUrl && (sfsUrls.length === 0 || sfsUrls.includes(oobUrl)) ? oobUrl : sfsUrls[0];
  if (!url) return undefined;
  const metadata = sharing ? readMetadata(childOf(sharing, 'file', NS_METADATA)) : {};
  const oobDesc = url === oobUrl && oob ? cleanDesc(textOf(own(oob, 'desc'))) : undefined;
  return withoutEmpty({ url, ...metadata, desc: metadata.desc ?? oobDesc });
}

/**
 * The elements that share a file: OOB data, and SFS metadata with the link as its source. Fields that
 * would not be read back are left out; a link that is not http(s) gives no elements at all.
 */
export function buildSharedFile(file: SharedFile): XmlElement[] {
  const url = cleanFileUrl(file.url);
  if (!url) return [];
  const digits = (n: number | undefined) => (n === undefined ? undefined : String(n));
  const { name, size, type, width, height, desc } = cleanMetadata({
    ...file,
    size: digits(file.size),
    width: digits(file.width),
    height: digits(file.height),
  });
  const text = (tag: string, value: string | number | undefined) => value !== undefined && xml(tag, {}, String(value));
  return [
    xml('x', { xmlns: NS_OOB }, xml('url', {}, url), text('desc', desc)),
    xml(
      'file-sharing',
      { xmlns: NS_SFS, disposition: type ? (type.startsWith('image/') ? 'inline' : 'attachment') : undefined },
      xml(
        'file',
        { xmlns: NS_METADATA },
        text('media-type', type),
        text('name', name),
        text('size', size),
        text('width', width),
        text('height', height),
        text('desc', desc),
      ),
      xml('sources', {}, xml('url-data', { xmlns: NS_URL_DATA, target: url })),
    ),
  ];
}
