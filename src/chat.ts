/**
 * The chat client: one place that composes the connection, the history store and the protocol
 * features. Order matters where noted. Components use this through src/index.ts.
 */
import type { Visibility } from './adapters/page-visibility.ts';
import { createClient, type Client } from './client.ts';
import { Emitter } from './events.ts';
import type { XmppChatError } from './errors.ts';
import type { Avatars } from './features/avatars.ts';
import type { Omemo } from './features/omemo.ts';
import type { Rooms } from './features/room-types.ts';
import { createArchive, type Archive } from './features/archive.ts';
import { findInArchive } from './features/archive-lookup.ts';
import { createTabLocks } from './adapters/tab-locks.ts';
import { createStrangers, type Strangers } from './features/availability.ts';
import { createBlocking, type Blocking } from './features/blocking.ts';
import { createChatStates, type ChatStates } from './features/chat-states.ts';
import { createCsi } from './features/csi.ts';
import { createDisco, type Disco } from './features/disco.ts';
import { createMessaging, type Messaging, type SendOptions } from './features/messaging.ts';
import type { ReadContext } from './features/read-message.ts';
import type { XmlElement } from './stanza/element.ts';
import { createRoster, type Roster } from './features/roster.ts';
import type { UploadOptions } from './features/upload.ts';
import { resolveOptions, type ClientOptions } from './options.ts';
import { buildEnableCarbons } from './stanza/carbons.ts';
import { bareJid } from './stanza/jid.ts';
import {
  createMessageStore,
  type ConversationSummary,
  type MessageStore,
  type MessageStoreOptions,
  type Page,
  type StorageChange,
  type StorageError,
  type SharedFile,
  type StoredMessage,
} from './storage/index.ts';

export interface ChatOptions extends ClientOptions {
  /** Whose history this is; defaults to the account (or `anonymous@<domain>`). */
  historyOwner?: string;
  storage?: MessageStoreOptions;
  /** Page visibility, for client state indication; the document's by default. */
  visibility?: Visibility;
  /** Answer the directed presence of people who are not contacts, as a support agent does. */
  answerStrangers?: boolean;
  /** How we introduce ourselves to people who are not contacts (XEP-0172), e.g. a visitor's name. */
  nickname?: string;
  /** The name every message we send carries (XEP-0172), so it shows from the archive too: a support agent's name. */
  messageNick?: string;
  /**
   * `omemo`: 1:1 messages are end-to-end encrypted (OMEMO, XEP-0384, versions 0.3 and 2) to every
   * device of the peer and our own other devices; a message to someone without OMEMO fails rather
   * than going out in the clear. Its code loads with the first session. Off by default.
   */
  encryption?: 'omemo';
  /**
   * With `encryption`, a message to someone who publishes no OMEMO device goes out unencrypted (its
   * `encrypted` flag unset) rather than failing: for an agent who may answer visitors without it.
   */
  plaintextFallback?: boolean;
}

export interface ChatEvents extends Record<string, unknown> {
  /** Messages were added or changed in a conversation (here or in another tab). */
  messages: StorageChange;
  /** A new session is fully set up: roster fetched, presence sent, archive caught up. */
  ready: undefined;
  /** Something the user should hear about: storage fell back to memory, a catch-up failed… */
  error: XmppChatError | StorageError | Error;
}

export interface Chat {
  readonly client: Client;
  readonly store: MessageStore;
  readonly roster: Roster;
  readonly blocking: Blocking;
  readonly chatStates: ChatStates;
  readonly archive: Archive;
  readonly disco: Disco;
  readonly messaging: Messaging;
  /** Presence of people who are not contacts (visitors, the support address), by directed presence. */
  readonly strangers: Strangers;
  connect(): ReturnType<Client['connect']>;
  disconnect(): Promise<void>;
  /** Disconnects for good and lets go of the page listeners and the store (the widget was removed). */
  close(): Promise<void>;
  send(peer: string, body: string, options?: SendOptions): Promise<StoredMessage>;
  /** How many bytes the server's upload service takes (XEP-0363); undefined when it has none. */
  uploadLimit(): Promise<number | undefined>;
  /** Uploads a file to the server (XEP-0363); rejects with an UploadError whose message says why. */
  upload(file: File, options?: UploadOptions): Promise<SharedFile>;
  /** Sends the link to an uploaded file, with what is known of it (XEP-0066, XEP-0447). */
  sendFile(peer: string, file: SharedFile, options?: SendOptions): Promise<StoredMessage>;
  /** Answers one of the conversation's messages, quoting it (XEP-0461). */
  reply(peer: string, to: StoredMessage, body: string, options?: SendOptions): Promise<StoredMessage>;
  /** Sets our reactions to a message (XEP-0444): the whole new set; none removes ours. */
  react(peer: string, key: string, emojis: string[]): Promise<void>;
  /** Retracts one of our messages (XEP-0424). */
  retract(peer: string, key: string): Promise<void>;
  /** Changes the nickname sent to people who are not contacts (and tells those we watch). */
  setNickname(nickname: string | undefined): void;
  /** Conversations, latest activity first, with their unread counts and last message. */
  conversations(): Promise<ConversationSummary[]>;
  newestPage(peer: string, limit?: number): Promise<Page>;
  olderPage(peer: string, cursor: string, limit?: number): Promise<Page>;
  on<K extends keyof ChatEvents>(type: K, listener: (detail: ChatEvents[K]) => void): () => void;
  /** Avatars (XEP-0084, vCard fallback): their code loads with the first call. */
  avatars(): Promise<Avatars>;
  /** Group chat rooms (XEP-0045): their code loads with the first call. */
  rooms(): Promise<Rooms>;
  /** End-to-end encryption (devices, fingerprints, trust, device news); undefined unless `encryption` is `omemo`. */
  omemo(): Promise<Omemo | undefined>;
}

export function createChat(options: ChatOptions): Chat {
  const resolved = resolveOptions(options); // throws ConfigError before anything is created
  const events = new Emitter<ChatEvents>();
  // The outbox owns sending our messages again after a lost session (features/outbox.ts).
  const client = createClient({ ...options, resendUnacknowledged: false });
  const configured = options.jid ? bareJid(options.jid) : undefined;
  const account = () => configured ?? (client.jid ? bareJid(client.jid) : undefined) ?? `anonymous@${resolved.domain}`;
  const store = createMessageStore(options.historyOwner ?? configured ?? `anonymous@${resolved.domain}`, options.storage);
  store.on('change', (change) => events.emit('messages', change));
  store.on('error', (error) => events.emit('error', error));

  // What the features ask of each other. These run only once the session does, so they may use
  // the features created below.
  // The archive is caught up before the initial presence (so the server need not replay offline
  // messages, and history is stored in archive order) and once more after it, for anything that
  // arrived in between.
  const catchUp = () => disco.ready.then(() => (disco.has('urn:xmpp:mam:2') ? archive.catchUp() : undefined));
  // After a lost session, the outbox asks our archive which pending messages the server has.
  const archived = (peer: string, ids: string[], since: number) =>
    disco.ready.then(() => (disco.has('urn:xmpp:mam:2') ? findInArchive({ client, account }, peer, ids, since) : new Set<string>()));
  // Our messages go out once our initial presence has: an answer that came before it would be
  // routed as if we were offline, and may be kept nowhere (see outbox.ts). Those we watch among
  // strangers hear from us again then too.
  const available = (listener: () => void) => roster.on('available', listener);
  /** The session whose initial presence has gone out (rooms are joined after it). */
  let presentIn = -1;
  // This chat is a tab of its own for the site's shared outbox until it is closed.
  const lifetime = new AbortController();
  const tabs = createTabLocks({ lifetime: lifetime.signal });
  let nickname = options.nickname;

  // The features. Each listens to the client as it is created, so their handlers of a new session
  // run in this order.
  // Disco first: the roster's presence carries its caps, and the features below ask what the server has.
  const disco = createDisco({ client, domain: () => resolved.domain, omemo: options.encryption === 'omemo' });
  // End-to-end encryption loads with the first session where it is on, and messaging waits for it.
  const omemo =
    options.encryption === 'omemo'
      ? lazy(() =>
          import('./features/omemo.ts').then(({ createOmemo }) => {
            const made = createOmemo({ client, store, account, plaintextFallback: options.plaintextFallback });
            made.on('error', (error) => events.emit('error', error));
            return made;
          }),
        )
      : undefined;
  const e2e = omemo && {
    fallback: OMEMO_FALLBACK,
    seal: async (message: StoredMessage) => (await omemo()).sealMessage(message),
    open: async (el: XmlElement, ctx: Partial<ReadContext>) => (await omemo()).open(el, ctx),
  };
  const roster = createRoster({ client, store, account, caps: () => disco.caps(), beforePresence: catchUp });
  const messaging = createMessaging({
    client,
    store,
    account,
    archived,
    tabs,
    available,
    nick: () => options.messageNick,
    e2e,
  });
  const chatStates = createChatStates({ client, messaging });
  const archive = createArchive({ client, store, messaging, account });
  const blocking = createBlocking({ client, account, supported: () => disco.has('urn:xmpp:blocking'), ready: () => disco.ready });
  const stopCsi = createCsi({ client, visibility: options.visibility });
  const strangers = createStrangers({
    client,
    account,
    isContact: (jid) => roster.contacts.has(jid),
    answer: options.answerStrangers,
    // An agent introduces itself by the name its messages carry.
    nick: () => nickname ?? options.messageNick,
    available,
  });
  // Files, replies, reactions, retractions and avatars: their code loads when first used.
  // In an encrypting chat, files are encrypted too (XEP-0454): their link travels only in the sealed body.
  const encrypt = options.encryption === 'omemo';
  const uploads = lazy(() =>
    import('./features/upload.ts').then((m) => m.createUpload({ client, domain: () => resolved.domain, encrypt })),
  );
  const rich = lazy(() => import('./features/rich-send.ts').then((m) => m.createRichSend({ messaging, store, account })));
  const avatars = lazy(() =>
    import('./features/avatars.ts').then(({ createAvatars }) =>
      createAvatars({
        client,
        store,
        account,
        presences: (jid) => roster.contacts.get(jid)?.presence.values() ?? [],
        converts: () => disco.has('urn:xmpp:pep-vcard-conversion:0'),
      }),
    ),
  );
  const report = (error: unknown) => events.emit('error', error as Error);
  const rooms = lazy(() =>
    import('./features/rooms.ts').then(({ createRooms }) =>
      createRooms({
        client,
        store,
        tabs,
        account,
        available,
        isAvailable: () => presentIn === client.epoch,
        disco,
        messaging,
        report,
        visibility: options.visibility,
      }),
    ),
  );
  roster.on('available', () => {
    presentIn = client.epoch;
  });
  let carbons: Promise<unknown> = Promise.resolve();
  // Ready once the second catch-up and carbons are done.
  roster.on('available', () => {
    // A session replaced meanwhile is not ready, and what failed with it is no news.
    const epoch = client.epoch;
    const current = () => client.epoch === epoch;
    void Promise.all([catchUp(), carbons])
      .catch((error: Error) => {
        if (current()) events.emit('error', error);
      })
      .then(() => {
        if (current()) events.emit('ready', undefined);
      });
  });
  for (const feature of [archive, roster, blocking, messaging]) feature.on('error', (error) => events.emit('error', error as Error));

  client.on('online', () => void omemo?.().catch(report));
  client.on('online', (info) => {
    // A resumed stream brings what was queued for it, but not what a catch-up that failed on the
    // way (a link lost mid-query) would have fetched: that runs again now.
    if (info.resumed && archive.failed) void catchUp();
    if (info.resumed) return;
    const epoch = client.epoch;
    carbons = disco.ready
      .then(() => (disco.has('urn:xmpp:carbons:2') && client.epoch === epoch ? client.iq(buildEnableCarbons()) : undefined))
      .catch((error: Error) => {
        if (client.epoch === epoch) events.emit('error', error);
      });
  });

  return {
    client,
    store,
    roster,
    blocking,
    chatStates,
    archive,
    disco,
    messaging,
    strangers,
    connect: () => client.connect(),
    async disconnect() {
      await client.disconnect();
    },
    async close() {
      stopCsi();
      const disconnected = client.disconnect();
      store.close();
      await disconnected;
      lifetime.abort(); // its unsent messages pass to another tab of the site
    },
    async send(peer, body, sendOptions) {
      chatStates.sent(peer);
      return messaging.send(peer, body, sendOptions);
    },
    uploadLimit: async () => (await uploads()).limit(),
    upload: async (file, uploadOptions) => (await uploads()).upload(file, uploadOptions),
    sendFile: async (...args) => (await rich()).sendFile(...args),
    reply: async (peer, to, body, sendOptions) => {
      chatStates.sent(peer);
      return (await rich()).reply(peer, to, body, sendOptions);
    },
    react: async (...args) => (await rich()).react(...args),
    retract: async (...args) => (await rich()).retract(...args),
    setNickname(name) {
      const next = name?.trim() || undefined;
      if (next === nickname) return; // the widget passes it with every render: only a change is news
      nickname = next;
      strangers.refresh();
    },
    conversations: () => store.conversations(),
    newestPage: (peer, limit) => store.newestPage(peer, limit),
    olderPage: (peer, cursor, limit) => store.olderPage(peer, cursor, limit),
    on: (type, listener) => events.on(type, listener),
    avatars,
    rooms,
    omemo: async () => omemo?.(),
  };
}

/** The body an OMEMO message carries for clients without it, as Conversations and Dino send it. */
const OMEMO_FALLBACK = 'I sent you an OMEMO encrypted message but your client doesn’t seem to support that.';

/** A part loaded on first use; a load that failed (the network dropped) is tried again on the next use. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
