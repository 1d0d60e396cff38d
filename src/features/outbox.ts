/**
 * The outbox: the one owner of sending our messages (and corrections, reactions, retractions) exactly once.
 *
 * - A message is stored as pending before anything is sent, and marked sent only when the
 *   server acknowledges it (an XEP-0198 ack, or the BOSH response to the request carrying it).
 * - It goes out only while the session is connected, available and reconciled; a resumed session
 *   resends what it never confirmed by itself (XEP-0198), so nothing is handed over twice.
 * - After a new session (the old one was lost: a crash, a restart, a stream that could not be
 *   resumed) the messages still pending may or may not have reached the server. They are looked
 *   up in our own archive first, and only those the server does not have are sent again.
 * - The list lives in storage shared by the site's tabs. Each entry belongs to the tab that
 *   sends it; when that tab goes (Web Locks tell), another tab adopts its entries. Every change
 *   is one read-modify-write transaction, so two tabs never lose an entry or send one twice.
 */
import type { TabLocks } from '../adapters/tab-locks.ts';
import type { Client } from '../client.ts';
import { ConnectionError } from '../errors.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';

/** A correction (XEP-0308) waits in the outbox like a message: a new id, the corrected one's key. */
export interface Correction {
  id: string;
  body: string;
  time: number;
  /** Of an encrypted message: the new text sealed (then `body` is the fallback the server sees). */
  payload?: XmlElement[];
}
/**
 * Any other stanza about one of the conversation's messages (a reaction, a retraction), built
 * whole when it was made; its origin-id is `id`, so the archive can tell whether it arrived.
 */
export interface Notice {
  id: string;
  time: number;
  stanza: XmlElement;
}
export interface OutboxEntry {
  peer: string;
  key: string;
  owner?: string;
  correction?: Correction;
  notice?: Notice;
}

export interface OutboxDeps {
  /** The connection the messages go out on; its acknowledgements mark them sent. */
  client: Client;
  /** Where the messages and the outbox's list are kept (shared by the site's tabs). */
  store: MessageStore;
  /** This page among the site's tabs: which entries are ours, and when another tab's pass to us. */
  tabs: TabLocks;
  /** The stanza of a message. */
  build: (message: StoredMessage) => XmlElement;
  /** The stanza of a correction (XEP-0308) of the message `key`. */
  buildCorrection: (peer: string, key: string, correction: Correction) => XmlElement;
  /** The server has the message: mark it sent. */
  acked: (peer: string, key: string) => Promise<unknown>;
  /** Which of these ids of messages to `peer` since `since` are already in our archive (none without one). */
  archived: (peer: string, ids: string[], since: number) => Promise<Set<string>>;
  /** A step of the outbox failed (storage, mostly); what it held stays pending and is tried again. */
  onError: (error: unknown) => void;
  /**
   * Calls `listener` once a new session may carry our messages; until then they wait. The chat
   * waits for our initial presence: before it, the server routes an answer to our bare address
   * as if we were offline (RFC 6121 §8.5.2.1.1), and for an anonymous account neither Prosody
   * nor ejabberd keeps it, offline or in the archive: a quick answer was lost. Without it, a
   * new session sends as soon as it is online.
   */
  available?: (listener: () => void) => unknown;
  /** Where the list is kept (store meta); `outbox` by default. A room keeps its own list. */
  meta?: string;
  /** Whether messages may go out now besides the session being up (a room: while we are in it); always by default. */
  ready?: () => boolean;
}

export interface Outbox {
  /** Stores the message (state pending) and sends it as soon as possible. */
  put(message: StoredMessage): Promise<void>;
  /** Queues a correction of one of our messages. */
  correct(peer: string, key: string, correction: Correction): Promise<void>;
  /** Queues a notice about the message `key` (which may be the peer's). */
  notice(peer: string, key: string, notice: Notice): Promise<void>;
}

const idOf = (e: OutboxEntry) => e.correction?.id ?? e.notice?.id ?? e.key;
/** Corrections and notices are about a message; the others are the message. */
const isAbout = (e: OutboxEntry) => !!(e.correction ?? e.notice);

export function createOutbox(deps: OutboxDeps): Outbox {
  const {
    client,
    store,
    tabs,
    build,
    buildCorrection,
    acked,
    archived,
    onError,
    available,
    meta: listName = 'outbox',
    ready = () => true,
  } = deps;
  /** Ids handed to the client in this session: a resumed stream resends those itself. */
  const handedOver = new Set<string>();
  /** False from a new session until its pending messages have been looked up in the archive. */
  let reconciled = false;
  /** A new session began and its lookup has not finished yet (it survives a resumed stream). */
  let unsettled = true;
  let chain: Promise<unknown> = Promise.resolve();
  /** Outbox work runs one step at a time in this page; storage makes each change atomic across tabs. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined); // the failure reaches the caller of serial(); the chain goes on
    return next;
  };
  const change = (fn: (list: OutboxEntry[]) => OutboxEntry[]) => store.updateMeta<OutboxEntry[]>(listName, (list) => fn(list ?? []));
  // Without Web Locks a page cannot tell other tabs from earlier pages: it takes everything on.
  const mine = (e: OutboxEntry) => tabs.alone || e.owner === tabs.self;

  function transmit(entry: OutboxEntry, message?: StoredMessage): void {
    const id = idOf(entry);
    if (!reconciled || client.status !== 'connected' || !ready() || handedOver.has(id)) return;
    const stanza = entry.correction
      ? buildCorrection(entry.peer, entry.key, entry.correction)
      : (entry.notice?.stanza ?? (message && build(message)));
    if (!stanza) return;
    handedOver.add(id);
    client.send(stanza);
  }

  /** Sends, in order, every entry of ours not handed over in this session. */
  async function flush(list: OutboxEntry[]): Promise<void> {
    for (const entry of list.filter(mine)) {
      if (isAbout(entry)) transmit(entry);
      else {
        const message = await store.get(entry.peer, entry.key);
        if (message?.state === 'pending') transmit(entry, message);
        // Gone, failed, or known to have arrived (a receipt can come before the server's ack).
        else await change((l) => l.filter((e) => idOf(e) !== idOf(entry)));
      }
    }
  }

  /** Marks sent (and drops from the list) whatever of `list` the archive already holds. */
  async function reconcile(list: OutboxEntry[]): Promise<OutboxEntry[]> {
    const byPeer = new Map<string, OutboxEntry[]>();
    for (const entry of list) byPeer.set(entry.peer, [...(byPeer.get(entry.peer) ?? []), entry]);
    const found = new Set<string>();
    for (const [peer, entries] of byPeer) {
      const times = await Promise.all(
        entries.map(async (e) => e.correction?.time ?? e.notice?.time ?? (await store.get(peer, e.key))?.time ?? 0),
      );
      // A session lost while we asked: the next session asks again (sending now could double what
      // the server took in meanwhile). An archive that refuses to answer: the messages go out
      // again, as a copy is better than a loss.
      const inArchive = await archived(peer, entries.map(idOf), Math.min(...times)).catch((error: unknown) => {
        if (error instanceof ConnectionError && client.status !== 'connected') throw error;
        return new Set<string>();
      });
      for (const id of inArchive) found.add(id);
    }
    if (found.size === 0) return list;
    await change((l) => l.filter((e) => !found.has(idOf(e))));
    for (const entry of list) if (found.has(idOf(entry)) && !isAbout(entry)) await acked(entry.peer, entry.key);
    return list.filter((e) => !found.has(idOf(e)));
  }

  /** Takes on the entries of tabs that are gone, then watches the owners of the others. */
  async function adoptOrphans(): Promise<OutboxEntry[]> {
    const adopted: OutboxEntry[] = [];
    const list = await change((l) =>
      l.map((e) => {
        // Entries without an owner were written before tabs had ids: the first tab to look takes them.
        if (e.owner === tabs.self || (e.owner && !gone.has(e.owner))) return e;
        const ours = { ...e, owner: tabs.self };
        adopted.push(ours);
        return ours;
      }),
    );
    for (const { owner } of list) {
      if (!owner || owner === tabs.self || gone.has(owner) || watched.has(owner)) continue;
      watched.add(owner);
      tabs.whenGone(owner, () => ownerGone(owner));
    }
    return adopted;
  }
  const gone = new Set<string>();
  /** The owners whose end this tab waits to hear of. */
  const watched = new Set<string>();
  function ownerGone(owner: string): void {
    gone.add(owner);
    // The other tab may have sent them: look them up like our own after a new session.
    void serial(async () => {
      const adopted = await adoptOrphans();
      if (adopted.length && reconciled) await flush(await reconcile(adopted));
    }).catch(report);
  }
  const report = (error: unknown) => onError(error);

  client.on('online', (info) => {
    // A resumed stream goes on where it was, unless it was lost before its pending messages had
    // been looked up: then the lookup runs now. Resumed by another tab (the one that held it went),
    // what this tab handed to that one may never have reached the server: looked up as after a new
    // session (what the stream resent is in the archive by then: the server took it in first).
    if (info.takenOver) {
      reconciled = false;
      unsettled = true;
      handedOver.clear();
      return startSending();
    }
    if (info.resumed && !unsettled) {
      void serial(async () => {
        reconciled = true;
        await flush((await store.getMeta<OutboxEntry[]>(listName)) ?? []);
      }).catch(report);
      return;
    }
    if (info.resumed) return startSending();
    reconciled = false;
    unsettled = true;
    handedOver.clear();
    if (!available) startSending();
  });
  available?.(startSending);
  /** A new session: what is pending goes out, once the archive has said what the server has. */
  function startSending(): void {
    void serial(async () => {
      await adoptOrphans();
      const list = ((await store.getMeta<OutboxEntry[]>(listName)) ?? []).filter(mine);
      const missing = await reconcile(list);
      reconciled = true;
      unsettled = false;
      await flush(missing);
      // Whatever was put while we looked.
      await flush((await store.getMeta<OutboxEntry[]>(listName)) ?? []);
    }).catch((error: unknown) => {
      if (!(error instanceof ConnectionError)) report(error); // else the next session starts again
    });
  }
  client.on('acked', (stanza) => {
    const id = stanza.name === 'message' ? stanza.attrs.id : undefined;
    if (!id) return;
    void serial(async () => {
      let entry: OutboxEntry | undefined;
      await change((list) => list.filter((e) => (idOf(e) === id ? ((entry = e), false) : true)));
      if (entry && !isAbout(entry)) await acked(entry.peer, entry.key);
    }).catch(report);
  });
  client.on('status', ({ status }) => {
    if (status === 'disconnected') {
      reconciled = false;
      handedOver.clear();
    }
  });

  /** Lists the entry (once) and hands it over. */
  const listed = (entry: OutboxEntry) => change((list) => (list.some((e) => idOf(e) === idOf(entry)) ? list : [...list, entry]));
  const enqueue = (entry: OutboxEntry) =>
    serial(async () => {
      await listed(entry);
      handedOver.delete(idOf(entry));
      transmit(entry);
    });

  return {
    // The entry is listed before the message is kept: a page that goes in between leaves an
    // entry whose message is gone (dropped when looked at), never a kept message no one sends.
    put: (message) =>
      serial(async () => {
        const entry = { peer: message.peer, key: message.key, owner: tabs.self };
        await listed(entry);
        const [added] = await store.add([message]);
        if (!added) await store.update(message.peer, message.key, { state: 'pending', error: undefined });
        handedOver.delete(idOf(entry));
        transmit(entry, message);
      }),
    correct: (peer, key, correction) => enqueue({ peer, key, owner: tabs.self, correction }),
    notice: (peer, key, notice) => enqueue({ peer, key, owner: tabs.self, notice }),
  };
}
