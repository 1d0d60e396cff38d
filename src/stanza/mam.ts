/**
 * Message Archive Management (XEP-0313, urn:xmpp:mam:2) with Result Set Management paging
 * (XEP-0059): querying an archive, reading the archived messages and the final page summary.
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { formatJid, parseJid } from './jid.ts';
import { newStanzaId } from './message.ts';

const NS_CLIENT = 'jabber:client';
const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DELAY = 'urn:xmpp:delay';
const NS_DATA = 'jabber:x:data';

/** What `buildMamQuery` needs. */
export interface MamQuery {
  /** Echoed on every result; pick a fresh one per query and check it in `parseMamResult`. */
  queryId: string;
  /** Only messages to or from this address (a bare address also matches its full ones). */
  with?: string;
  /** XEP-0082 timestamps: only messages archived at or after `start`, at or before `end`. */
  start?: string;
  end?: string;
  /** RSM: the page after this archive id (paging forward). */
  after?: string;
  /** RSM: the page before this archive id (paging back); `true` asks for the last page. */
  before?: string | true;
  /** RSM page size; the server may send fewer. */
  max: number;
  /** The archive: a room, say; left out for the user's own archive. */
  to?: string;
}

/** One archived message, as read by `parseMamResult`. */
export interface MamResult {
  /** The archive's id for the message: what RSM `after`/`before` take. */
  archiveId: string;
  /** When the archive received the message (XEP-0203 delay stamp). */
  stamp?: string;
  /** The archived message itself. */
  message: XmlElement;
}

/** The end of a query, as read by `parseMamFin`. */
export interface MamFin {
  /** True when the query's results are all in: no more pages in this direction. */
  complete: boolean;
  /** Archive ids of the first and last message of the page (absent for an empty page). */
  first?: string;
  last?: string;
  /** The number of matching messages, when the server says. */
  count?: number;
}

const field = (name: string, value: string | undefined) => value !== undefined && xml('field', { var: name }, xml('value', {}, value));

/**
 * Builds the archive query: an iq set with a `jabber:x:data` form (FORM_TYPE urn:xmpp:mam:2 and
 * with/start/end when given) and an RSM set. Pages come in chronological order even when paging
 * back with `before`. RSM leaves `after` together with `before` undefined: give one of them.
 */
export function buildMamQuery(opts: MamQuery): XmlElement {
  const { queryId, start, end, after, before, max, to } = opts;
  const rsm = xml(
    'set',
    { xmlns: NS_RSM },
    Number.isFinite(max) && xml('max', {}, String(Math.max(0, Math.trunc(max)))),
    after !== undefined && xml('after', {}, after),
    before === true || before === '' ? xml('before') : before !== undefined && xml('before', {}, before),
  );
  return xml(
    'iq',
    { type: 'set', id: newStanzaId(), to },
    xml(
      'query',
      { xmlns: NS_MAM, queryid: queryId },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
        field('with', opts.with),
        field('start', start),
        field('end', end),
      ),
      rsm,
    ),
  );
}

/** A bare address (no resource), normalized; undefined for anything else. */
function bareOnly(s: string): string | undefined {
  const jid = parseJid(s);
  return jid && jid.resource === undefined ? formatJid(jid) : undefined;
}

/**
 * Reads one archived message: a `<message>` holding `<result xmlns='urn:xmpp:mam:2'>` with our
 * `queryid` and an archive id, wrapping `<forwarded>` with one `<message>`. The outer `from` must
 * be absent or be `archiveJid` itself (a bare address: the user's own for the user archive, the
 * room's for a room archive); a result from anyone else, or for another query, is forged or stale
 * and returns undefined (XEP-0313 §7.2). A room occupant's address (`room@service/nick`) does not
 * pass for the room.
 */
export function parseMamResult(el: XmlElement, queryId: string, archiveJid: string): MamResult | undefined {
  if (el.name !== 'message' || el.attrs.type === 'error') return undefined;
  const { from } = el.attrs;
  if (from !== undefined) {
    const archive = bareOnly(archiveJid);
    if (!archive || bareOnly(from) !== archive) return undefined;
  }
  const results = childrenOf(el, 'result', NS_MAM);
  if (results.length !== 1) return undefined;
  const [result] = results;
  if (!queryId || result.attrs.queryid !== queryId || !result.attrs.id) return undefined;
  const forwarded = childrenOf(result, 'forwarded', NS_FORWARD);
  if (forwarded.length !== 1) return undefined;
  const messages = childrenOf(forwarded[0], 'message').filter((m) => m.attrs.xmlns === undefined || m.attrs.xmlns === NS_CLIENT);
  if (messages.length !== 1) return undefined;
  const stamp = childOf(forwarded[0], 'delay', NS_DELAY)?.attrs.stamp;
  return stamp ? { archiveId: result.attrs.id, stamp, message: messages[0] } : { archiveId: result.attrs.id, message: messages[0] };
}

/**
 * Reads the iq result that ends a query: `<fin xmlns='urn:xmpp:mam:2'>` with its RSM set.
 * `complete` is true for `complete='true'` or `'1'`. Undefined for anything but an iq result
 * with a fin.
 */
export function parseMamFin(iq: XmlElement): MamFin | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const fin = childOf(iq, 'fin', NS_MAM);
  if (!fin) return undefined;
  const complete = fin.attrs.complete === 'true' || fin.attrs.complete === '1';
  const out: MamFin = { complete };
  const set = childOf(fin, 'set', NS_RSM);
  if (!set) return out;
  const first = textOf(childOf(set, 'first'));
  const last = textOf(childOf(set, 'last'));
  const countText = textOf(childOf(set, 'count')).trim();
  if (first) out.first = first;
  if (last) out.last = last;
  if (/^\d{1,15}$/.test(countText)) out.count = Number(countText);
  return out;
}
