/** The chat-history model, the key scheme and the backend interface of the storage module. */
import { XmppChatError } from '../errors.ts';
import type { DeskRating } from '../stanza/rating.ts';
import type { VisitorContext } from '../stanza/visitor-context.ts';
import type { XmlElement } from '../stanza/element.ts';

export type MessageState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
export interface StoredMessage {
  /** Stable local key: our origin-id for messages we send; for received ones the first of origin-id, stanza-id (by our account), id, or a generated one. */
  key: string;
  /** Bare JID of the other party: the conversation. */
  peer: string;
  direction: 'in' | 'out';
  body: string;
  /** ms since epoch: delay stamp, archive stamp or arrival. */
  time: number;
  state: MessageState;
  /** Every id this message is known by (origin-id, stanza-ids, stanza id attr), for deduplication. */
  ids: string[];
  /** Archive id in our own MAM archive (XEP-0359 stanza-id by our bare JID). */
  archiveId?: string;
  /** The error sentence when state is 'failed'. */
  error?: string;
  /** The sender's id attribute when the sender accepts receipts or markers for it (XEP-0184/0333). */
  markerId?: string;
  /** Set when the body was corrected (XEP-0308); the body is the latest version. */
  corrected?: boolean;
  /** Who the visitor is and where they wrote from, if the message carried it (see stanza/visitor-context.ts). */
  context?: VisitorContext;
  /** Ours, written while nobody at the peer was available: it waits for them (offline storage, archive). */
  whileAway?: boolean;
  /** The sender's name (XEP-0172 nick): on a support desk, the agent who wrote it. */
  nick?: string;
  /** The visitor's rating of the conversation, if the message carries one (see stanza/rating.ts). */
  rating?: DeskRating;
  /** The message asks the visitor for a rating. */
  rateRequest?: boolean;
  /** The stanza's id attribute when it is not the key: what reactions and replies (XEP-0444, XEP-0461) name it by. */
  sid?: string;
  /** A shared file (XEP-0066 out-of-band data, XEP-0447 metadata); the body holds its link too. */
  file?: SharedFile;
  /** Reactions (XEP-0444): each reactor's bare JID → their current emoji, in order. */
  reactions?: Record<string, string[]>;
  /** The message this one answers (XEP-0461); the body is without the quoted fallback (XEP-0428). */
  replyTo?: ReplyTo;
  /** Its sender retracted it (XEP-0424): the body and file are gone. */
  retracted?: boolean;
  /** A room's moderator retracted it for everyone (XEP-0425): their nickname or JID as the room gave it. */
  moderatedBy?: string;
  /** A room message of someone else's that names our nickname. */
  mentionsMe?: boolean;
  /** Extension elements made when the message was written (file, reply), sent with it and with any resend. */
  payload?: XmlElement[];
  /**
   * It travelled end-to-end encrypted (OMEMO): the body is the decrypted text, or, for one that
   * could not be decrypted, a sentence saying so. Ours: `payload` holds the ciphertext sent.
   */
  encrypted?: boolean;
  /**
   * An encrypted message this device could not read: `notForUs` (encrypted for other devices) or
   * `failed`. Its body is an English sentence saying so; a view may say it in the reader's language.
   */
  undecryptable?: 'notForUs' | 'failed';
}

/** A file someone shared: where it is and what is known of it before fetching it. */
export interface SharedFile {
  /**
   * An http(s) URL, or an encrypted file's `aesgcm://` link (XEP-0454: the https URL of its ciphertext
   * with the IV and key as fragment, read from an encrypted message's body); anything else is never kept.
   */
  url: string;
  name?: string;
  /** Bytes. */
  size?: number;
  /** Media type, e.g. image/png. */
  type?: string;
  /** Pixels, for images and videos: the space to keep before it loads. */
  width?: number;
  height?: number;
  /** What it shows, in words. */
  desc?: string;
}

/** What a reply (XEP-0461) answers. */
export interface ReplyTo {
  /** The answered message's id (its `sid` or key). */
  id: string;
  /** The answered message's author (full or bare JID), as the reply names it. */
  to?: string;
  /** The quoted text shown above the reply, from the fallback body or the stored message; short. */
  quote?: string;
  /** Ours: the quote as sent before the body for clients without replies (XEP-0428 fallback). */
  fallback?: string;
}
export interface ConversationSummary {
  peer: string;
  lastTime: number;
  lastBody: string;
  lastDirection: 'in' | 'out';
  unread: number;
  count: number;
  /** The newest visitor context the peer sent. */
  context?: VisitorContext;
}
export interface Page {
  messages: StoredMessage[] /* oldest first */;
  cursor?: string; /* pass to olderPage; undefined = nothing older stored */
}

/** What `update()` may change; `ids` are merged into the known ids, never removed. */
export type MessagePatch = Partial<
  Pick<
    StoredMessage,
    | 'state'
    | 'body'
    | 'error'
    | 'corrected'
    | 'archiveId'
    | 'ids'
    | 'reactions'
    | 'retracted'
    | 'moderatedBy'
    | 'file'
    | 'replyTo'
    | 'payload'
  >
>;

/** The cached roster: its version (XEP-0237 roster versioning) and the items as the roster feature keeps them. */
export interface RosterCache {
  ver?: string;
  items: unknown[];
}

/**
 * Keys are arrays, first the account, so one database serves every account and one key range
 * removes an account (arrays sort after strings and numbers, so `[account, []]` bounds it):
 *
 *   [account, 'conv', peer]          → ConversationIndex
 *   [account, 'bucket', peer, n]     → StoredMessage[], up to ~100, ordered by time then insertion
 *   [account, 'id', id, peer]        → IdRecord, for every key, id and archive id of a message;
 *                                      scoped by peer so ids that collide across contacts stay apart
 *   [account, 'conversations']       → no longer written: the list of earlier versions, removed by
 *                                      the next write (the summaries are read from the 'conv' records)
 *   [account, 'roster']              → RosterCache
 *   [account, 'meta', name]          → a small value
 */
export type StorageKey = (string | number)[];

export const conversationKey = (account: string, peer: string): StorageKey => [account, 'conv', peer];
export const bucketKey = (account: string, peer: string, n: number): StorageKey => [account, 'bucket', peer, n];
export const idKey = (account: string, id: string, peer: string): StorageKey => [account, 'id', id, peer];
export const summariesKey = (account: string): StorageKey => [account, 'conversations'];
export const rosterKey = (account: string): StorageKey => [account, 'roster'];
export const metaKey = (account: string, name: string): StorageKey => [account, 'meta', name];

/**
 * A conversation's buckets in message order. `n` only names a bucket's record: buckets added
 * before the first get the lowest number minus one, all others (appends, split halves) the
 * highest plus one, so the array, not `n`, gives the order.
 */
export interface BucketInfo {
  n: number;
  first: number;
  last: number;
  count: number;
}
export interface ConversationIndex {
  buckets: BucketInfo[];
  summary: ConversationSummary;
}
/** The time lets a lookup by id go straight to the bucket holding the message. */
export interface IdRecord {
  key: string;
  time: number;
}

/** One transaction: reads in it see its own writes; it commits all of them or none. */
export interface BackendTransaction {
  get(key: StorageKey): Promise<unknown>;
  /** The first record whose key starts with `prefix`. */
  first(prefix: StorageKey): Promise<{ key: StorageKey; value: unknown } | undefined>;
  /** Every record whose key starts with `prefix`, in no particular order. */
  all(prefix: StorageKey): Promise<{ key: StorageKey; value: unknown }[]>;
  put(key: StorageKey, value: unknown): void;
  delete(key: StorageKey): void;
  deletePrefix(prefix: StorageKey): void;
}

/**
 * Where the store keeps its records: IndexedDB or memory. `work` must not wait for anything but
 * the transaction's own reads (IndexedDB commits a transaction once it has nothing to do).
 */
export interface Backend {
  transaction<T>(mode: 'readonly' | 'readwrite', work: (tx: BackendTransaction) => Promise<T>): Promise<T>;
}

export type StorageCondition = 'quota-exceeded' | 'unavailable' | 'blocked' | 'failed' | 'forgotten';

const KEPT_IN_MEMORY = 'so messages from now on are kept only until this page is closed.';
const SENTENCES: Record<StorageCondition, string> = {
  'quota-exceeded': `The browser has no room left to save chat history, ${KEPT_IN_MEMORY}`,
  unavailable: `This browser does not let the chat save its history (storage may be turned off, or this is a private window), ${KEPT_IN_MEMORY}`,
  blocked: `Chat history could not be opened because another tab of this site is still using an older version of it, ${KEPT_IN_MEMORY} Closing the other tabs and reloading fixes this.`,
  failed: `Saving chat history failed, ${KEPT_IN_MEMORY}`,
  forgotten: 'This account was forgotten on this device, so nothing more is saved for it.',
};

/** Chat history cannot be saved in the browser; the store keeps working from memory. */
export class StorageError extends XmppChatError {
  override readonly name = 'StorageError';
  constructor(
    readonly condition: StorageCondition,
    message = SENTENCES[condition],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Names a backend failure: a StorageError stays as it is; IndexedDB's quota error is recognised by name. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
  return new StorageError(quota ? 'quota-exceeded' : 'failed', undefined, { cause: error });
}
