/**
 * Contacts (RFC 6121): the roster with versioning (only the changes are fetched when the server
 * supports it), roster pushes, presence per resource, subscription requests both ways, and our own
 * presence. The roster is cached in the store, so contacts show before the connection is up.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { forgedPushError } from '../iq.ts';
import { bareJid, parseJid } from '../stanza/jid.ts';
import { buildPresence, buildSubscription, parsePresence, type Presence, type Show } from '../stanza/presence.ts';
import {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  fromOwnAccount,
  parseRosterPush,
  parseRosterResult,
  ROSTER_NAMESPACE,
  type RosterItem,
} from '../stanza/roster.ts';
import type { MessageStore } from '../storage/index.ts';

const NS_ROSTERVER = 'urn:xmpp:features:rosterver';

/**
 * Subscription requests kept waiting for an answer at most. Anyone may ask, so past this the
 * oldest are forgotten (here only: the server keeps them and delivers them again at the next
 * login, RFC 6121 §3.1.3). A request asked again becomes the newest.
 */
export const MAX_REQUESTS = 200;

export interface Contact extends RosterItem {
  /** Available resources and what they say, by resource. */
  presence: ReadonlyMap<string, Presence>;
}

export interface RosterEvents extends Record<string, unknown> {
  /** The contact list or someone's presence changed. */
  contacts: ReadonlyMap<string, Contact>;
  /** People asking to see our presence, waiting for an answer. */
  requests: ReadonlySet<string>;
  /** Fetching the roster failed (it is fetched again with the next session), or keeping it on this device did. */
  error: Error;
  /** Our initial presence of a new session went out: we now receive messages live. */
  available: undefined;
}

export interface Roster {
  readonly contacts: ReadonlyMap<string, Contact>;
  readonly requests: ReadonlySet<string>;
  /** Adds (or renames) a contact and asks to see their presence. */
  add(jid: string, name?: string): Promise<void>;
  rename(jid: string, name: string): Promise<void>;
  remove(jid: string): Promise<void>;
  /** Answers a subscription request: lets them see our presence (and asks for theirs). */
  approve(jid: string): void;
  deny(jid: string): void;
  /** Withdraws our own request to see their presence. */
  cancel(jid: string): void;
  /** Our presence, sent now and with every new session. */
  setPresence(show?: Show, status?: string): void;
  on<K extends keyof RosterEvents>(type: K, listener: (detail: RosterEvents[K]) => void): () => void;
}

export interface RosterDeps {
  /** The connection: roster queries and pushes, presence, subscriptions. */
  client: Client;
  /** Where the roster is cached, so contacts show before the connection is up. */
  store: MessageStore;
  /** Our bare JID: only our own account may push roster changes. */
  account: () => string;
  /** Our caps for presence (see disco.ts); presence goes without them by default. */
  caps?: () => { node: string; ver: string } | undefined;
  /** Runs after the roster and before the initial presence of each new session. */
  beforePresence?: () => Promise<unknown>;
}

export function createRoster({ client, store, account, caps, beforePresence }: RosterDeps): Roster {
  const events = new Emitter<RosterEvents>();
  let contacts = new Map<string, Contact>();
  const requests = new Set<string>();
  let ver: string | undefined;
  let own: { show?: Show; status?: string } = {};

  const changed = () => events.emit('contacts', contacts);
  const save = () =>
    store
      .setRoster({ ver, items: [...contacts.values()].map(({ presence: _, ...item }) => item) })
      .catch((error: Error) => events.emit('error', error));
  const put = (item: RosterItem) => {
    if (item.subscription === 'remove') contacts.delete(item.jid);
    else contacts.set(item.jid, { ...item, presence: contacts.get(item.jid)?.presence ?? new Map() });
  };
  const sendPresence = () => client.send(buildPresence({ ...own, caps: caps?.() }));

  const loaded = store
    .getRoster()
    .then((cached) => {
      if (!cached || contacts.size > 0) return;
      ver = cached.ver;
      for (const item of cached.items as RosterItem[]) put(item);
      changed();
    })
    .catch((error: Error) => events.emit('error', error)); // the server's roster follows all the same

  client.handleIq('query', ROSTER_NAMESPACE, (iq) => {
    if (!fromOwnAccount(iq.attrs.from, account())) throw forgedPushError();
    const push = parseRosterPush(iq, account());
    if (!push) throw new StanzaError('bad-request', 'The contact list change could not be read.', 'modify');
    put(push.item);
    if (push.ver !== undefined) ver = push.ver;
    changed();
    void save();
    return undefined;
  });

  client.on('online', (info) => {
    if (info.resumed) return;
    // A session replaced before this is done sends its own presence: this one stays silent.
    const epoch = client.epoch;
    const current = () => client.epoch === epoch;
    const report = (error: Error) => {
      if (current()) events.emit('error', error);
    };
    void fetchRoster(info.streamFeatures)
      .catch(report)
      .then(() => beforePresence?.())
      .catch(report)
      .then(() => {
        if (!current() || client.status === 'disconnected') return;
        // After the roster, so the presences that follow find their contacts.
        sendPresence();
        events.emit('available', undefined);
      });
  });

  async function fetchRoster(streamFeatures: readonly string[]): Promise<void> {
    await loaded;
    const versioned = streamFeatures.includes(NS_ROSTERVER);
    const result = parseRosterResult(await client.iq(buildRosterGet(versioned ? (ver ?? '') : undefined)));
    if (result && !result.unchanged) {
      const previous = contacts;
      contacts = new Map();
      for (const item of result.items) put({ ...item });
      for (const [jid, contact] of contacts) contacts.set(jid, { ...contact, presence: previous.get(jid)?.presence ?? new Map() });
      ver = result.ver;
      void save();
    }
    changed();
  }

  client.on('stanza', (stanza) => {
    if (stanza.name !== 'presence') return;
    // Only requests and contacts' presence are read: in a busy room nearly all presence is neither.
    const sender = stanza.attrs.from && bareJid(stanza.attrs.from);
    if (!sender || (stanza.attrs.type !== 'subscribe' && !contacts.has(sender))) return;
    const presence = parsePresence(stanza);
    const from = presence?.from && parseJid(presence.from);
    if (!presence || !from) return;
    const bare = sender;
    if (presence.type === 'subscribe') {
      const contact = contacts.get(bare);
      // Someone we added ourselves (or approved before) is let in without asking again.
      if (contact && (contact.subscription !== 'none' || contact.ask === 'subscribe')) {
        client.send(buildSubscription(bare, 'subscribed'));
      } else {
        requests.delete(bare);
        requests.add(bare);
        for (const oldest of requests) {
          if (requests.size <= MAX_REQUESTS) break;
          requests.delete(oldest);
        }
        events.emit('requests', requests);
      }
    } else if (presence.type === 'available' || presence.type === 'unavailable') {
      const contact = contacts.get(bare);
      if (!contact) return;
      const resources = new Map(contact.presence);
      if (presence.type === 'available') resources.set(from.resource ?? '', presence);
      else if (from.resource) resources.delete(from.resource);
      else resources.clear();
      contacts.set(bare, { ...contact, presence: resources });
      changed();
    }
  });
  client.on('status', ({ status }) => {
    if (status === 'connected') return;
    // Without a session nobody's presence is known.
    let any = false;
    for (const [jid, contact] of contacts)
      if (contact.presence.size > 0) {
        contacts.set(jid, { ...contact, presence: new Map() });
        any = true;
      }
    if (any) changed();
  });

  const answer = (jid: string, type: 'subscribed' | 'unsubscribed') => {
    requests.delete(jid);
    client.send(buildSubscription(jid, type));
    events.emit('requests', requests);
  };

  return {
    get contacts() {
      return contacts;
    },
    get requests() {
      return requests;
    },
    async add(jid, name) {
      await client.iq(buildRosterSet({ jid, name }));
      client.send(buildSubscription(jid, 'subscribe'));
    },
    async rename(jid, name) {
      const contact = contacts.get(jid);
      await client.iq(buildRosterSet({ jid, name, groups: contact?.groups }));
    },
    async remove(jid) {
      await client.iq(buildRosterRemove(jid));
    },
    approve(jid) {
      answer(jid, 'subscribed');
      const sub = contacts.get(jid)?.subscription;
      if (sub !== 'to' && sub !== 'both') client.send(buildSubscription(jid, 'subscribe'));
    },
    deny: (jid) => answer(jid, 'unsubscribed'),
    cancel: (jid) => client.send(buildSubscription(jid, 'unsubscribe')),
    setPresence(show, status) {
      own = { show, status };
      if (client.status === 'connected') sendPresence();
    },
    on: (type, listener) => events.on(type, listener),
  };
}
