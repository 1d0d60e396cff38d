/**
 * The desk's state as this device knows it: fetched whole with each new session, changed by the
 * server's notifications in the order they arrive, and kept in the history's meta so a reload
 * shows it before the fetch returns. See desk.ts for why an older copy never replaces a newer one.
 */
import type { Client } from '../client.ts';
import {
  buildConversation,
  NODE_CONVERSATIONS,
  NODE_NOTES,
  parseConversation,
  parseNote,
  type DeskConversation,
  type DeskNote,
} from '../stanza/desk.ts';
import { parsePubsubEvent, type PubsubItem } from '../stanza/desk-pubsub.ts';
import type { XmlElement } from '../stanza/element.ts';
import { bareJid } from '../stanza/jid.ts';
import type { MessageStore } from '../storage/index.ts';
import type { PepNode } from './desk-pep.ts';

/** Resolved conversations older than this are removed, with their notes, when an agent signs in. */
export const KEEP_RESOLVED_MS = 90 * 24 * 60 * 60 * 1000;
/** At most this many items are retracted per session, so signing in after a long pause stays quick. */
const PRUNED_PER_SESSION = 100;
const META = 'desk';
/**
 * Two changes to one conversation notified this close together were a race: ejabberd 24.12 may store
 * the first of two simultaneous publishes yet notify the other last, so the item is then read back
 * (SETTLE_MS later) and what the server stores decides, on every device alike.
 */
const RACE_MS = 1000;
const SETTLE_MS = 300;
/** Notes kept for a reload; the fetch brings the rest. */
const META_NOTES = 2000;

interface Saved {
  conversations: DeskConversation[];
  notes: DeskNote[];
}

export interface DeskStateDeps {
  client: Client;
  conversationsNode: PepNode;
  notesNode: PepNode;
  store?: Pick<MessageStore, 'getMeta' | 'setMeta'>;
  now: () => number;
  changed: (peers: string[]) => void;
  fail: (error: Error) => void;
}

/**
 * The conversation without fields set to undefined (a change clears an assignee or a resolution so),
 * as parsed from the server: the same on the device that made a change, whose own publish's answer
 * may come before the notification, as on every other.
 */
const withoutUnset = (c: DeskConversation): DeskConversation =>
  Object.fromEntries(Object.entries(c).filter(([, value]) => value !== undefined)) as unknown as DeskConversation;

const byTime = (a: DeskNote, b: DeskNote) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createDeskState({ client, conversationsNode, notesNode, store, now, changed, fail }: DeskStateDeps) {
  const conversations = new Map<string, DeskConversation>();
  const notes = new Map<string, DeskNote>();
  /** Keys (`c <peer>`, `n <id>`) of items notified about while each fetch or publish was under way. */
  const trackers = new Set<Set<string>>();
  const fetchedListeners = new Set<() => void>();
  let fetched = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** When each conversation last changed by a notification, and the reads settling a race. */
  const lastChanged = new Map<string, number>();
  const settling = new Map<string, ReturnType<typeof setTimeout>>();

  const track = () => {
    const keys = new Set<string>();
    trackers.add(keys);
    return { keys, done: () => trackers.delete(keys) };
  };
  const heard = (key: string) => {
    for (const keys of trackers) keys.add(key);
  };
  const save = () => {
    if (!store || !fetched) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const saved: Saved = { conversations: [...conversations.values()], notes: [...notes.values()].sort(byTime).slice(-META_NOTES) };
      store.setMeta(META, saved).catch(fail);
    }, 300);
  };
  const report = (peers: Iterable<string>) => {
    const list = [...new Set(peers)];
    if (list.length === 0) return;
    save();
    changed(list);
  };
  /** Sets what is known of a conversation; the peer when that changed it. */
  const setConversation = (peer: string, c: DeskConversation | undefined) => {
    // ejabberd sends each notification twice (to the bare and to the full JID).
    if (c && JSON.stringify(c) === JSON.stringify(conversations.get(peer))) return [];
    if (c) conversations.set(peer, withoutUnset(c));
    else if (!conversations.delete(peer)) return [];
    return [peer];
  };
  const setNote = (id: string, note: DeskNote | undefined) => {
    const old = notes.get(id);
    if (note && old) return []; // notes never change
    if (note) notes.set(id, note);
    else notes.delete(id);
    return [old?.peer, note?.peer].filter((p): p is string => !!p);
  };

  const offStanza = client.on('stanza', (stanza) => {
    const event = parsePubsubEvent(stanza);
    const own = client.jid && bareJid(client.jid);
    // Only our own account's service speaks for the desk.
    if (!event || !own || (stanza.attrs.from ?? own) !== own) return;
    const peers: string[] = [];
    const conversation = event.node === NODE_CONVERSATIONS;
    if (!conversation && event.node !== NODE_NOTES) return;
    const apply = (id: string, payload: XmlElement | undefined, retract: boolean) => {
      const value = retract ? undefined : conversation ? parseConversation(id, payload) : parseNote(id, payload);
      if (!retract && !value) return;
      heard(`${conversation ? 'c' : 'n'} ${id}`);
      peers.push(...(conversation ? setConversation(id, value as DeskConversation) : setNote(id, value as DeskNote)));
    };
    for (const id of event.retracted) apply(id, undefined, true);
    for (const { id, payload } of event.items) apply(id, payload, false);
    if (conversation) for (const peer of peers) raced(peer);
    report(peers);
  });

  /** A second change to `peer` within RACE_MS: the stored item is read back once things are quiet. */
  const raced = (peer: string) => {
    const at = now();
    const before = lastChanged.get(peer);
    lastChanged.set(peer, at);
    if (before === undefined || at - before > RACE_MS) return;
    clearTimeout(settling.get(peer));
    settling.set(
      peer,
      setTimeout(() => {
        settling.delete(peer);
        readBack(peer).catch(fail);
      }, SETTLE_MS),
    );
  };
  const readBack = async (peer: string) => {
    const since = track();
    try {
      const [stored] = await conversationsNode.items(peer);
      if (closed || since.keys.has(`c ${peer}`)) return; // a newer change was notified meanwhile
      report(setConversation(peer, parseConversation(peer, stored?.payload)));
    } finally {
      since.done();
    }
  };

  /** Replaces what is known with what the server holds, but for items notified about meanwhile. */
  const adopt = (items: { conversations: PubsubItem[]; notes: PubsubItem[] }, since: Set<string>) => {
    const peers: string[] = [];
    const fresh = new Map(items.conversations.map(({ id, payload }) => [id, parseConversation(id, payload)]));
    for (const peer of new Set([...conversations.keys(), ...fresh.keys()])) {
      const c = fresh.get(peer);
      if (since.has(`c ${peer}`) || JSON.stringify(c) === JSON.stringify(conversations.get(peer))) continue;
      peers.push(...setConversation(peer, c));
    }
    const freshNotes = new Map(items.notes.map(({ id, payload }) => [id, parseNote(id, payload)]));
    for (const id of new Set([...notes.keys(), ...freshNotes.keys()])) {
      if (since.has(`n ${id}`) || (notes.has(id) && freshNotes.get(id))) continue;
      peers.push(...setNote(id, freshNotes.get(id)));
    }
    fetched = true;
    report(peers);
    if (peers.length === 0) save();
  };

  /** Removes resolved conversations, and their notes, resolved longer ago than KEEP_RESOLVED_MS. */
  const prune = async () => {
    const old = [...conversations.values()].filter(
      (c) => c.status === 'resolved' && (c.resolvedAt ?? c.updated) < now() - KEEP_RESOLVED_MS,
    );
    let budget = PRUNED_PER_SESSION;
    for (const c of old) {
      const its = [...notes.values()].filter((n) => n.peer === c.peer);
      if (its.length + 1 > budget) break;
      budget -= its.length + 1;
      // Notes first: a conversation whose item is gone with notes left would keep them forever.
      for (const n of its) {
        await notesNode.retract(n.id);
        report(setNote(n.id, undefined));
      }
      await conversationsNode.retract(c.peer);
      report(setConversation(c.peer, undefined));
    }
  };

  const fetchAll = async () => {
    const epoch = client.epoch;
    const since = track();
    try {
      const [c, n] = await Promise.all([conversationsNode.items(), notesNode.items()]);
      if (client.epoch !== epoch || closed) return;
      adopt({ conversations: c, notes: n }, since.keys);
    } finally {
      since.done();
    }
    // What is left to prune is pruned at the next sign-in; the fetched state counts now.
    await prune().catch(fail);
    for (const listener of fetchedListeners) listener();
  };

  // A new session fetches once the server has its initial presence, which it echoes back (RFC 6121
  // §4.2.2): from then on it notifies this session of changes, so none falls between fetch and
  // notification. A desk started in a running session fetches at once, and again if that presence
  // was still to come.
  let awaiting = client.status === 'connected' ? client.epoch : -1;
  const offOnline = client.on('online', (info) => {
    if (!info.resumed) awaiting = client.epoch;
  });
  const offPresence = client.on('stanza', (stanza) => {
    if (awaiting !== client.epoch || stanza.name !== 'presence' || stanza.attrs.type || stanza.attrs.from !== client.jid) return;
    awaiting = -1;
    fetchAll().catch(fail);
  });
  if (client.status === 'connected') fetchAll().catch(fail);
  store?.getMeta<Saved>(META).then((saved) => {
    if (fetched || closed || !saved || !Array.isArray(saved.conversations) || !Array.isArray(saved.notes)) return;
    for (const c of saved.conversations) conversations.set(c.peer, c);
    for (const n of saved.notes) notes.set(n.id, n);
    changed([...new Set([...conversations.keys(), ...saved.notes.map((n) => n.peer)])]);
  }, fail);

  return {
    conversations: conversations as ReadonlyMap<string, DeskConversation>,
    get fetched() {
      return fetched;
    },
    get: (peer: string) => conversations.get(peer),
    notes: (peer: string): readonly DeskNote[] => [...notes.values()].filter((n) => n.peer === peer).sort(byTime),
    resolvedPeers: () => [...conversations.values()].filter((c) => c.status === 'resolved').map((c) => c.peer),
    onFetched(listener: () => void) {
      fetchedListeners.add(listener);
      return () => fetchedListeners.delete(listener);
    },
    /** The conversation as the server holds it now (the default when it holds none). */
    async read(peer: string): Promise<DeskConversation> {
      const [item] = await conversationsNode.items(peer);
      return parseConversation(peer, item?.payload) ?? { peer, status: 'open', labels: [], updated: 0 };
    },
    /** Publishes; the answer changes what is known only if no notification about the item came meanwhile. */
    async publish(c: DeskConversation): Promise<void> {
      await publishTracked(
        `c ${c.peer}`,
        () => conversationsNode.publish(c.peer, buildConversation(c)),
        () => setConversation(c.peer, c),
      );
    },
    async publishNote(note: DeskNote, payload: XmlElement): Promise<void> {
      await publishTracked(
        `n ${note.id}`,
        () => notesNode.publish(note.id, payload),
        () => setNote(note.id, note),
      );
    },
    close() {
      closed = true;
      clearTimeout(saveTimer);
      for (const timer of settling.values()) clearTimeout(timer);
      offStanza();
      offOnline();
      offPresence();
    },
  };

  async function publishTracked(key: string, send: () => Promise<void>, apply: () => string[]) {
    const since = track();
    try {
      await send();
    } finally {
      since.done();
    }
    if (!since.keys.has(key)) report(apply());
  }
}
