/**
 * Reads any incoming `<message>` (live, carbon copy or archived) into what the messaging feature
 * acts on: a chat message to store, a correction, receipt, marker, chat state or bounce. Pure.
 */
import { parseStanzaError } from '../stanza/conditions.ts';
import { childOf, type XmlElement } from '../stanza/element.ts';
import { bareJid, formatJid, parseJid } from '../stanza/jid.ts';
import { parseChatMessage, parseNick } from '../stanza/message.ts';
import { parseMessageExtensions, type ChatState, type MessageExtensions } from '../stanza/message-extensions.ts';
import { parseRateRequest, parseRating } from '../stanza/rating.ts';
import { parseVisitorContext } from '../stanza/visitor-context.ts';

type MarkerType = NonNullable<MessageExtensions['marker']>['type'];
import type { StoredMessage } from '../storage/index.ts';

export interface ReadMessage {
  /** Bare JID of the other party. */
  peer: string;
  direction: 'in' | 'out';
  /** The sender's full address (for receipts and markers). */
  from?: string;
  /** The stanza's id attribute. */
  id?: string;
  /** A message to store (absent for corrections and pure notifications). */
  chat?: StoredMessage;
  correction?: { replaceId: string; body: string };
  receivedId?: string;
  marker?: { type: MarkerType; id: string };
  state?: ChatState;
  receiptRequest: boolean;
  markable: boolean;
  /** Someone's whole set of reactions (XEP-0444) to the message with this id; the direction says whose. */
  reactions?: { id: string; emojis: string[] };
  /** The sender retracted their message with this id (XEP-0424). */
  retraction?: { id: string };
  /** Our message with this id bounced; `message` is the server's own text, if it sent one. */
  bounce?: { id: string; condition: string; message?: string };
}

export interface ReadContext {
  /** Our bare JID. */
  account: string;
  /** Set when the message comes from an archive (MAM): its id there and when it was archived. */
  archived?: { id: string; stamp?: string };
  /** Carbon copies: `sent` means one of our other clients sent it. */
  carbon?: 'sent' | 'received';
  /** Arrival time: a live message's time unless our server stamped it as delayed. */
  now: number;
  /** Older history loaded on request: it counts as read. */
  readHistory?: boolean;
  /**
   * Older history is older than everything stored: a message stamped at or after this time (a
   * tie, with whole-second stamps) is placed just before it, keeping the archive's order.
   */
  olderThan?: { time: number; position: number };
}

const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';

export function readMessage(el: XmlElement, ctx: ReadContext): ReadMessage | undefined {
  if (el.name !== 'message') return undefined;
  const fromBare = el.attrs.from ? bareJid(el.attrs.from) : ctx.account;
  const toBare = el.attrs.to ? bareJid(el.attrs.to) : ctx.account;
  if (!fromBare || !toBare) return undefined;
  const outgoing = ctx.carbon === 'sent' || (fromBare === ctx.account && toBare !== ctx.account);
  if (el.attrs.type === 'groupchat') return undefined; // group chats are not 1:1 conversations
  let peer = outgoing ? toBare : fromBare;
  // A private message with a room's occupant (XEP-0045 §7.5: type chat to or from `room/nick`, which
  // the room marks with the MUC user namespace) is the conversation with the occupant's full address,
  // never the room's, whose history holds only what was said to everyone. What the room itself sends
  // this way (invitations, declines) is no conversation at all.
  if (childOf(el, 'x', NS_MUC_USER)) {
    const occupant = parseJid((outgoing ? el.attrs.to : el.attrs.from) ?? '');
    if (occupant?.resource) peer = formatJid(occupant);
    else if (el.attrs.type !== 'error') return undefined;
  }
  if (peer === ctx.account && fromBare !== toBare) return undefined;

  if (el.attrs.type === 'error') {
    const error = parseStanzaError(el);
    const condition = error?.condition ?? 'undefined-condition';
    if (!el.attrs.id) return undefined;
    return {
      peer,
      direction: 'in',
      receiptRequest: false,
      markable: false,
      bounce: { id: el.attrs.id, condition, ...(error?.text ? { message: error.text } : {}) },
    };
  }
  const ext = parseMessageExtensions(el);
  const read: ReadMessage = {
    peer,
    direction: outgoing ? 'out' : 'in',
    receiptRequest: ext.receiptRequest && !outgoing,
    markable: ext.markable,
  };
  if (el.attrs.from) read.from = el.attrs.from;
  if (el.attrs.id) read.id = el.attrs.id;
  if (ext.receivedId) read.receivedId = ext.receivedId;
  if (ext.marker) read.marker = ext.marker;
  if (ext.chatState) read.state = ext.chatState;

  const parsed = parseChatMessage(el);
  if (!parsed) return read;
  if (ext.replaceId) {
    read.correction = { replaceId: ext.replaceId, body: parsed.body };
    return read;
  }
  const ownArchiveId = ctx.archived?.id ?? parsed.stanzaIds.find((s) => bareJid(s.by) === ctx.account)?.id;
  // The store finds ids per conversation, so ids a peer chose cannot collide with another's.
  const key = parsed.originId ?? ownArchiveId ?? parsed.id ?? `local-${ctx.now}-${Math.random().toString(36).slice(2)}`;
  const ids = [key, parsed.originId, parsed.id, ownArchiveId].filter((id): id is string => Boolean(id));
  // Our archive's stamp is the time it took the message in; nobody else's stamp can be trusted.
  const stamp = ctx.archived ? (ctx.archived.stamp ?? trustedDelay(parsed.delay, ctx.account)) : trustedDelay(parsed.delay, ctx.account);
  let time = toTime(stamp) ?? ctx.now;
  // Anyone can copy our server's domain into a delay they make up: a live message may look older
  // than its arrival, never newer (a stamp in the future would pin its conversation to the top).
  if (!ctx.archived) time = Math.min(time, ctx.now);
  // Within the millisecond before it, in steps a double still resolves at today's epoch times.
  if (ctx.olderThan && time >= ctx.olderThan.time) time = ctx.olderThan.time - 1 + Math.min(ctx.olderThan.position, 999) * 1e-3;
  const context = parseVisitorContext(el);
  const nick = parseNick(el);
  const rating = parseRating(el, time);
  read.chat = {
    key,
    peer,
    direction: read.direction,
    body: parsed.body,
    time,
    ids: [...new Set(ids)],
    ...(context ? { context } : {}),
    ...(nick ? { nick } : {}),
    ...(rating ? { rating } : {}),
    ...(parseRateRequest(el) ? { rateRequest: true } : {}),
    ...(parsed.id && parsed.id !== key ? { sid: parsed.id } : {}),
    state: read.direction === 'out' ? 'sent' : 'delivered',
    ...(read.markable && parsed.id ? { markerId: parsed.id } : {}),
    ...(ownArchiveId ? { archiveId: ownArchiveId } : {}),
  };
  return read;
}

/**
 * The stamp of a delay (XEP-0203) from our own server: offline storage stamps messages with its
 * domain. Anyone can put a `<delay>` in a message they send, and a stamp from the past or the
 * future would move it anywhere in the inbox; stamps from others are ignored, so a live message
 * takes the time it arrived and an archived one the archive's stamp.
 */
function trustedDelay(delay: { stamp: string; from?: string } | undefined, account: string): string | undefined {
  if (!delay?.from) return undefined;
  const domain = account.slice(account.lastIndexOf('@') + 1);
  return domain && bareJid(delay.from) === domain ? delay.stamp : undefined;
}

/**
 * Milliseconds since the epoch, keeping the microseconds a stamp may carry (ejabberd's do):
 * a burst of messages falls within one millisecond, and a message whose archive copy came before
 * its offline copy must not swap places with its neighbours.
 */
export function toTime(stamp: string | undefined): number | undefined {
  if (!stamp) return undefined;
  const time = Date.parse(stamp);
  if (!Number.isFinite(time)) return undefined;
  const beyondMs = /\.\d{3}(\d{1,3})\d*(?:Z|[+-]\d\d:\d\d)$/.exec(stamp)?.[1];
  return beyondMs ? time + Number(beyondMs.padEnd(3, '0')) / 1000 : time;
}
