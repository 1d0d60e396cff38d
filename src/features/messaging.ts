/**
 * 1:1 messaging: sending through a persistent outbox, receiving live messages and carbon copies,
 * receipts (XEP-0184), read markers (XEP-0333), corrections (XEP-0308) and bounces. History goes
 * to the store, which drops what it already has, so each message is kept and shown once.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { childOf, type XmlElement } from '../stanza/element.ts';
import { unwrapCarbon } from '../stanza/carbons.ts';
import { describeStanzaError } from '../stanza/conditions.ts';
import { buildChatMessage, buildNick, cleanNick, newStanzaId } from '../stanza/message.ts';
import { buildMarker, buildReceipt, withRequests, type ChatState } from '../stanza/message-extensions.ts';
import { buildRateRequest, buildRating, cleanComment, type DeskRating } from '../stanza/rating.ts';
import { buildVisitorContext, normalizeVisitorContext, type VisitorContext } from '../stanza/visitor-context.ts';
import type { MessageState, MessageStore, ReplyTo, SharedFile, StoredMessage } from '../storage/index.ts';
import { hasRichContent } from '../stanza/rich-namespaces.ts';
import { tabLocks, type TabLocks } from '../adapters/tab-locks.ts';
import { createOutbox, type Correction } from './outbox.ts';
import { readMessage, type ReadContext, type ReadMessage } from './read-message.ts';

export interface MessagingEvents extends Record<string, unknown> {
  /** The peer's chat state (XEP-0085) changed. */
  /** `live` is false for states found in archived or copied messages: they are history. */
  chatState: { peer: string; state: ChatState; live: boolean };
  /** Updating a stored message failed. */
  error: Error;
}

/** What may travel with a message besides its body. */
export interface SendOptions {
  /** Who the visitor is and where they are: for a support desk (see stanza/visitor-context.ts). */
  context?: VisitorContext;
  /** Nobody at the peer is available now: kept with the message, so it can say it will wait. */
  whileAway?: boolean;
  /** The visitor's rating of the conversation; the body should be its readable fallback (see stanza/rating.ts). */
  rating?: Pick<DeskRating, 'score' | 'comment'>;
  /** Asks the visitor for a rating; the body should ask in words too. */
  rateRequest?: boolean;
  /** The shared file the body links to (see features/rich-send.ts). */
  file?: SharedFile;
  /** The message this one answers (see features/rich-send.ts). */
  replyTo?: ReplyTo;
  /** Extension elements sent with the message and any resend of it (file, reply). */
  payload?: XmlElement[];
}

export interface Messaging {
  send(peer: string, body: string, options?: SendOptions): Promise<StoredMessage>;
  /** Replaces the body of one of our messages (XEP-0308). */
  correct(peer: string, key: string, body: string): Promise<void>;
  /** Sends a stanza about the message `key` (a reaction, a retraction) exactly once, and applies it here. */
  notice(peer: string, key: string, stanza: XmlElement): Promise<void>;
  /** Sends a failed message again. */
  retry(peer: string, key: string): Promise<void>;
  /** Marks the conversation read and tells the peer (XEP-0333 displayed). */
  markRead(peer: string): Promise<void>;
  /** Takes in a message from anywhere: live, carbon or archive. */
  ingest(el: XmlElement, ctx?: Partial<ReadContext>): Promise<void>;
  /** Holds live messages until `done` settles (an archive catch-up). */
  holdLive(done: Promise<unknown>): void;
  on<K extends keyof MessagingEvents>(type: K, listener: (detail: MessagingEvents[K]) => void): () => void;
}

const NS_MAM = 'urn:xmpp:mam:2';

export interface MessagingDeps {
  /** The connection messages come in and go out on. */
  client: Client;
  /** Where the conversations are kept. */
  store: MessageStore;
  /** Our bare JID (known once connected, for anonymous sessions). */
  account: () => string;
  /** Which of our messages the server's archive already holds (see archive-lookup.ts); none by default. */
  archived?: (peer: string, ids: string[], since: number) => Promise<Set<string>>;
  /** This page among the site's tabs, for the shared outbox; its own by default. */
  tabs?: TabLocks;
  /** When a new session may carry our messages (see outbox.ts); as soon as it is online by default. */
  available?: (listener: () => void) => unknown;
  /** The name our messages and corrections carry (XEP-0172), e.g. an agent's on a support desk; none by default. */
  nick?: () => string | undefined;
  /** End-to-end encryption, where it is on (features/omemo.ts): seals what we send, opens what arrives. */
  e2e?: EndToEnd;
}

/** What messaging asks of end-to-end encryption. */
export interface EndToEnd {
  /** The body clients without the encryption see: all the server learns of an encrypted message. */
  readonly fallback: string;
  /** The message with its body sealed into its payload; rejects when nobody at the peer can read it. */
  seal(message: StoredMessage): Promise<StoredMessage>;
  /** The message to read in place of `el` (its text as body), and whether it was encrypted; undefined to drop it. */
  open(
    el: XmlElement,
    ctx: Partial<ReadContext>,
  ): Promise<{ element: XmlElement; encrypted: boolean; undecryptable?: StoredMessage['undecryptable'] } | undefined>;
}

export function createMessaging({
  client,
  store,
  account,
  archived = () => Promise.resolve(new Set<string>()),
  tabs = tabLocks(),
  available,
  nick = () => undefined,
  e2e,
}: MessagingDeps): Messaging {
  const events = new Emitter<MessagingEvents>();
  // Changes to stored messages run one at a time, so a late acknowledgement never undoes a bounce.
  let updates: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<unknown>) => {
    const next = updates.then(work);
    updates = next.catch((error: unknown) => events.emit('error', error as Error));
    return updates;
  };
  // An encrypted message's text travels only inside its payload.
  const bodyOf = (message: StoredMessage) => (message.encrypted && e2e ? e2e.fallback : (message.replyTo?.fallback ?? '') + message.body);
  const outbox = createOutbox({
    client,
    store,
    tabs,
    build: (message) =>
      withPayload(
        // A reply's quote goes before the body for clients that do not know replies (XEP-0428).
        withRequests(buildChatMessage({ to: message.peer, body: bodyOf(message), id: message.key }), {
          receipt: true,
          markable: true,
          state: 'active',
        }),
        message,
      ),
    buildCorrection: (peer, key, { id, body, payload }) =>
      withPayload(withRequests(buildChatMessage({ to: peer, body, id }), { replaceId: key }), { nick: cleanNick(nick()), payload }),
    acked: (peer, key) => serial(() => advance(peer, key, { state: 'sent' })),
    archived,
    available,
    onError: (error) => events.emit('error', error as Error),
  });

  // Live messages wait while the archive is being caught up, so history is stored in archive
  // order and live copies of archived messages only meet their duplicates afterwards.
  let gate: Promise<unknown> = Promise.resolve();
  const take = (el: XmlElement, ctx?: Partial<ReadContext>) =>
    void gate.then(() => ingest(el, ctx)).catch((error: Error) => events.emit('error', error));
  client.on('stanza', (stanza) => {
    if (stanza.name !== 'message' || childOf(stanza, 'result', NS_MAM)) return; // archive results: see archive.ts
    const carbon = unwrapCarbon(stanza, account());
    if (carbon) take(carbon.message, { carbon: carbon.direction });
    else if (!childOf(stanza, 'sent', 'urn:xmpp:carbons:2') && !childOf(stanza, 'received', 'urn:xmpp:carbons:2')) take(stanza);
  });

  let richLoading: Promise<typeof import('./read-rich.ts')> | undefined;
  let richReader: (typeof import('./read-rich.ts'))['readRich'] | undefined;
  // A load that failed (the network dropped) is tried again with the next message.
  const loadRichReader = () =>
    import('./read-rich.ts').catch((error: unknown) => {
      richLoading = undefined;
      throw error;
    });
  async function ingest(received: XmlElement, ctx: Partial<ReadContext> = {}): Promise<void> {
    const opened = e2e ? await e2e.open(received, ctx) : { element: received, encrypted: false };
    if (!opened) return;
    const el = opened.element;
    const rich = hasRichContent(el);
    // Files, replies, reactions and retractions are read by code that loads when a message has
    // them. While it loads, every message waits for it, so they are still taken in in order (an
    // archive page comes in all at once: a correction must not overtake the reply it corrects).
    if (!richReader && (rich || richLoading)) richReader = (await (richLoading ??= loadRichReader())).readRich;
    let read = readMessage(el, { account: account(), now: Date.now(), ...ctx });
    if (!read) return;
    if (rich && richReader) read = richReader(read, el);
    if (read.chat && opened.encrypted) read.chat = { ...read.chat, encrypted: true };
    if (read.chat && opened.undecryptable) read.chat = { ...read.chat, undecryptable: opened.undecryptable };
    const live = !ctx.archived && !ctx.carbon;
    if (read.state && read.direction === 'in') events.emit('chatState', { peer: read.peer, state: read.state, live });
    if (read.chat) {
      const [added] = await store.add([ctx.archived && ctx.readHistory ? markRead(read.chat) : read.chat]);
      if (live && read.direction === 'in' && !read.state && added) events.emit('chatState', { peer: read.peer, state: 'active', live });
      // A receipt even when the archive brought the message first: it says this device has it.
      if (live && read.receiptRequest && read.from && read.id) client.send(buildReceipt(read.from, read.id));
    }
    await applyNotices(read);
  }

  function applyNotices(read: ReadMessage): Promise<unknown> {
    const { peer } = read;
    return serial(async () => {
      if (read.bounce) {
        const error = read.bounce.message ?? (await describeStanzaError(read.bounce.condition));
        await updateById(peer, read.bounce.id, { state: 'failed', error });
      }
      if (read.receivedId && read.direction === 'in') await updateById(peer, read.receivedId, { state: 'delivered' }, 'out');
      if (read.marker && read.direction === 'in' && read.marker.type !== 'received') {
        await updateById(peer, read.marker.id, { state: 'read' }, 'out');
      }
      if (read.reactions) {
        const { id, emojis } = read.reactions;
        const by = read.direction === 'out' ? account() : peer;
        const found = await store.findById(id, peer);
        const message = found && (await store.get(peer, found.key));
        if (message) await store.update(peer, message.key, { reactions: withReactions(message.reactions, by, emojis) });
      }
      // Only the sender may retract or correct a message.
      if (read.retraction) await updateById(peer, read.retraction.id, RETRACTED, read.direction);
      if (read.correction)
        await updateById(peer, read.correction.replaceId, { body: read.correction.body, corrected: true }, read.direction);
    });
  }

  async function updateById(peer: string, id: string, change: Partial<StoredMessage>, direction?: 'in' | 'out') {
    const found = await store.findById(id, peer);
    if (found) await advance(found.peer, found.key, change, direction);
  }

  /** Applies a change; a state only moves forward (pending → sent → delivered → read, or failed). */
  async function advance(peer: string, key: string, change: Partial<StoredMessage>, direction?: 'in' | 'out') {
    const message = await store.get(peer, key);
    if (!message || (direction && message.direction !== direction)) return;
    if (change.state && !canMove(message.state, change.state)) return;
    await store.update(peer, key, change);
  }

  /** Sends a message sealed; one that cannot be is kept as failed, with the reason. */
  async function sealAndPut(e2e: EndToEnd, message: StoredMessage): Promise<StoredMessage> {
    let sealed: StoredMessage;
    try {
      sealed = await e2e.seal(message);
    } catch (error) {
      const failed: StoredMessage = { ...message, encrypted: true, state: 'failed', error: (error as Error).message };
      if (await store.get(message.peer, message.key)) await store.update(message.peer, message.key, { error: failed.error });
      else await store.add([failed]);
      return failed;
    }
    await outbox.put(sealed);
    return sealed;
  }

  return {
    async send(peer, body, options = {}) {
      const key = newStanzaId();
      const message: StoredMessage = { key, peer, direction: 'out', body, time: Date.now(), state: 'pending', ids: [key] };
      const context = options.context && normalizeVisitorContext(options.context);
      if (context && Object.keys(context).length) message.context = context;
      if (options.whileAway) message.whileAway = true;
      const name = cleanNick(nick());
      if (name) message.nick = name;
      if (options.rating) {
        const comment = cleanComment(options.rating.comment);
        message.rating = { score: options.rating.score, ...(comment ? { comment } : {}), at: message.time };
      }
      if (options.rateRequest) message.rateRequest = true;
      if (options.file) message.file = options.file;
      if (options.replyTo) message.replyTo = options.replyTo;
      if (options.payload?.length) message.payload = options.payload;
      if (e2e) return sealAndPut(e2e, message);
      await outbox.put(message);
      return message;
    },
    async correct(peer, key, body) {
      const original = await store.get(peer, key);
      if (!original || original.direction !== 'out') return;
      let correction: Correction = { id: newStanzaId(), body, time: Date.now() };
      if (original.encrypted && e2e) {
        // Sealed like the message itself; one that cannot be sealed stays as it was, rather than its new text going out in the clear.
        let sealed: StoredMessage;
        try {
          sealed = await e2e.seal({ ...original, body, payload: [] });
        } catch (error) {
          events.emit('error', error as Error);
          return;
        }
        if (sealed.encrypted) correction = { ...correction, body: e2e.fallback, payload: sealed.payload };
      } else if (original.encrypted) return;
      await store.update(peer, key, { body, corrected: true });
      // Through the outbox like a message: kept while offline, sent once.
      await outbox.correct(peer, key, correction);
    },
    async notice(peer, key, stanza) {
      const id = stanza.attrs.id ?? newStanzaId();
      await outbox.notice(peer, key, { id, time: Date.now(), stanza: { ...stanza, attrs: { ...stanza.attrs, id } } });
      await ingest(stanza);
    },
    async retry(peer, key) {
      const message = await store.get(peer, key);
      if (message?.state !== 'failed') return;
      const again: StoredMessage = { ...message, state: 'pending', error: undefined };
      if (message.encrypted && e2e) await sealAndPut(e2e, again);
      else await outbox.put(again);
    },
    on: (type, listener) => events.on(type, listener),
    async markRead(peer) {
      const page = await store.newestPage(peer, 20);
      const newest = [...page.messages].reverse().find((m) => m.direction === 'in');
      await store.markRead(peer);
      if (newest?.markerId && client.status === 'connected') client.send(buildMarker(peer, newest.markerId, 'displayed'));
    },
    ingest,
    holdLive(done) {
      const previous = gate;
      // Settled either way: a failed catch-up is reported by the archive, and live messages go on.
      gate = Promise.all([
        previous,
        done.then(
          () => undefined,
          () => undefined,
        ),
      ]);
    },
  };
}

const RANK: Record<MessageState, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: -1 };

function canMove(from: MessageState, to: MessageState): boolean {
  if (to === 'failed') return from === 'pending' || from === 'sent';
  if (from === 'failed') return to === 'pending';
  return RANK[to] > RANK[from];
}

/** Adds what travels with a stored message besides its body: visitor context, name, rating, file, reply. */
const withPayload = (
  message: XmlElement,
  stored: Pick<StoredMessage, 'context' | 'nick' | 'rating' | 'rateRequest' | 'payload'>,
): XmlElement => {
  const payload = [
    stored.context && buildVisitorContext(stored.context),
    stored.nick && buildNick(stored.nick),
    stored.rating && buildRating(stored.rating.score, stored.rating.comment),
    stored.rateRequest && buildRateRequest(),
    ...(stored.payload ?? []),
  ].filter((el): el is XmlElement => !!el);
  return payload.length ? { ...message, children: [...message.children, ...payload] } : message;
};

const markRead = (message: StoredMessage): StoredMessage => (message.direction === 'in' ? { ...message, state: 'read' } : message);

/** What a retracted message keeps: nothing of what it said. */
const RETRACTED = { body: '', retracted: true, file: undefined, replyTo: undefined, reactions: undefined, payload: undefined };

/** Reactions (XEP-0444) with `by`'s set replaced: each reactor sends their whole set every time. */
function withReactions(current: Record<string, string[]> | undefined, by: string, emojis: string[]) {
  const next = { ...current, [by]: emojis };
  if (!emojis.length) delete next[by];
  return Object.keys(next).length ? next : undefined;
}
