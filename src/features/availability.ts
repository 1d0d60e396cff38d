/**
 * Presence between people who are not contacts, by directed presence (RFC 6121 §4.6): a visitor
 * tells the support address that it is here, and the agents' clients answer with their own, so
 * the visitor sees whether anyone is available without a roster subscription. When an agent's
 * session ends, its server tells everyone it sent directed presence to.
 */
import type { Client } from '../client.ts';
import { Emitter } from '../events.ts';
import { childOf, xml } from '../stanza/element.ts';
import { bareJid, parseJid } from '../stanza/jid.ts';
import { bestAvailability, buildPresence, parsePresence, type Presence, type Show } from '../stanza/presence.ts';

export type Availability = Show | 'online' | 'offline';

export interface AvailabilityEvents extends Record<string, unknown> {
  /** Someone who is not a contact came, changed or left. */
  changed: { jid: string; availability: Availability };
}

export interface Strangers {
  /** The best presence of `jid` over the resources that told us theirs. */
  of(jid: string): Availability;
  /** Their presence by resource, as the roster keeps a contact's. */
  presence(jid: string): ReadonlyMap<string, Presence>;
  /** The nickname (XEP-0172) they sent with their presence, if any: text, never markup. */
  name(jid: string): string | undefined;
  /**
   * The nicknames of their available sessions, each once, in alphabetical order (a list that does
   * not reorder as they come and go): the agents at a support address that all share one account,
   * each with its own name.
   */
  names(jid: string): string[];
  /** Sends our presence again to those we watch (our nickname changed). */
  refresh(): void;
  /** Sends our presence to `jid` (now, and with each new session), which answers with its own. */
  watch(jid: string): void;
  /** Tells these people that we are here (an agent's recent visitors, at login). */
  announce(jids: readonly string[]): void;
  on<K extends keyof AvailabilityEvents>(type: K, listener: (detail: AvailabilityEvents[K]) => void): () => void;
}

export interface StrangersDeps {
  /** The connection: presence in, directed presence out. */
  client: Client;
  /** Our bare JID. */
  account: () => string;
  /** Whether `jid` is in the roster (whose presence the roster tracks). */
  isContact: (jid: string) => boolean;
  /** Answer the directed presence of people who are not contacts (support agents do). */
  answer?: boolean;
  /** Our own presence, sent with each answer. */
  own?: () => { show?: Show; status?: string };
  /** Our nickname (XEP-0172), sent with our presence: how a visitor or an agent introduces itself. */
  nick?: () => string | undefined;
  /**
   * Calls `listener` once our initial presence of each new session has gone out: then those we
   * watch are told again that we are here.
   */
  available: (listener: () => void) => unknown;
}

const NS_NICK = 'http://jabber.org/protocol/nick';

/**
 * Strangers whose presence and nickname are kept at most. Anyone may send us presence, so a flood
 * of made-up addresses must not grow memory without end: past this, those heard from longest ago
 * are forgotten first (they read as offline, as after a reconnect). Those we watch are kept.
 */
export const MAX_STRANGERS = 500;
/** Sessions (resources) kept per stranger; the oldest is forgotten first. */
export const MAX_STRANGER_RESOURCES = 20;

/** Sets `key` as the newest entry of a map kept in order of use. */
function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

export function createStrangers({ client, account, isContact, answer, own, nick, available }: StrangersDeps): Strangers {
  const events = new Emitter<AvailabilityEvents>();
  const resources = new Map<string, Map<string, Presence>>();
  const watched = new Set<string>();
  /** Resources answered in this session, by stranger: each session of a visitor (a reload is one) hears from us once. */
  const answered = new Map<string, Set<string>>();
  /** Bare addresses told at login that we are here. */
  const announced = new Set<string>();
  const names = new Map<string, string>();
  const send = (to: string) => {
    const presence = buildPresence({ ...own?.(), to });
    const name = nick?.();
    client.send(name ? { ...presence, children: [...presence.children, xml('nick', { xmlns: NS_NICK }, name)] } : presence);
  };

  function of(jid: string): Availability {
    return bestAvailability(resources.get(jid)?.values() ?? []);
  }

  client.on('stanza', (stanza) => {
    // A room occupant's presence belongs to the room (features/rooms.ts), and answering it would
    // be asking the room for a nickname change.
    const fromRoom = childOf(stanza, 'x', 'http://jabber.org/protocol/muc#user') !== undefined;
    const presence = stanza.name === 'presence' && !fromRoom ? parsePresence(stanza) : undefined;
    const from = presence?.from ? parseJid(presence.from) : undefined;
    if (!presence || !from || (presence.type !== 'available' && presence.type !== 'unavailable')) return;
    const jid = bareJid(presence.from!)!;
    if (jid === account() || isContact(jid)) return;
    if (presence.nick) touch(names, jid, presence.nick);
    const wasThere = of(jid) !== 'offline';
    const known = new Map(resources.get(jid));
    // A session names itself once (an agent's answer); its later presence, which the server
    // repeats from its broadcast, need not: the name stays with the session until it ends.
    const earlier = known.get(from.resource ?? '')?.nick;
    if (presence.type === 'available')
      touch(known, from.resource ?? '', presence.nick || !earlier ? presence : { ...presence, nick: earlier });
    else if (from.resource) known.delete(from.resource);
    else known.clear();
    for (const resource of [...known.keys()].slice(0, Math.max(0, known.size - MAX_STRANGER_RESOURCES))) {
      known.delete(resource);
      answered.get(jid)?.delete(resource);
    }
    if (known.size > 0) touch(resources, jid, known);
    else resources.delete(jid);
    events.emit('changed', { jid, availability: of(jid) });
    prune();
    // Someone we watch came (an agent logging in after we wrote): they have not heard from us yet.
    // Their full address, as servers need not pass presence to a bare one without a subscription.
    if (watched.has(jid) && !wasThere && presence.type === 'available') send(presence.from!);
    // Each of their sessions is answered once, at its full address: our later changes reach it
    // through the server. A session that ends is forgotten, so the next one (a reload) is answered.
    if (answer && !watched.has(jid)) {
      if (presence.type === 'unavailable') {
        const sessions = answered.get(jid);
        if (from.resource) sessions?.delete(from.resource);
        if (!from.resource || sessions?.size === 0) answered.delete(jid);
      } else if (!answered.get(jid)?.has(from.resource ?? '')) {
        answered.set(jid, (answered.get(jid) ?? new Set()).add(from.resource ?? ''));
        send(presence.from!);
      }
    }
  });
  /** Forgets the strangers heard from longest ago, beyond MAX_STRANGERS, except those we watch. */
  function prune(): void {
    for (const map of [resources, names] as Map<string, unknown>[]) {
      for (const jid of map.keys()) {
        if (map.size <= MAX_STRANGERS) break;
        if (watched.has(jid)) continue;
        map.delete(jid);
        if (map !== resources) continue;
        answered.delete(jid);
        events.emit('changed', { jid, availability: 'offline' });
      }
    }
  }

  client.on('status', ({ status }) => {
    if (status === 'connected') return;
    answered.clear();
    announced.clear();
    const gone = [...resources.keys()];
    resources.clear();
    for (const jid of gone) events.emit('changed', { jid, availability: 'offline' });
  });
  available(() => {
    for (const jid of watched) send(jid);
  });

  return {
    of,
    presence: (jid) => resources.get(jid) ?? new Map(),
    name: (jid) => names.get(jid),
    names: (jid) =>
      [...new Set([...(resources.get(jid)?.values() ?? [])].flatMap((p) => (p.nick ? [p.nick] : [])))].sort((a, b) => a.localeCompare(b)),
    watch(jid) {
      if (watched.has(jid)) return;
      watched.add(jid);
      if (client.status === 'connected') send(jid);
    },
    refresh() {
      if (client.status === 'connected') for (const jid of watched) send(jid);
    },
    announce(jids) {
      for (const jid of jids) {
        if (announced.has(jid) || isContact(jid)) continue;
        announced.add(jid);
        send(jid);
      }
    },
    on: (type, listener) => events.on(type, listener),
  };
}
