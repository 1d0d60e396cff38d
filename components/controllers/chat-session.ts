/**
 * The widget's view of one chat: connection status, contacts, conversations and the open
 * conversation's messages, kept up to date from the core and read by the elements on render.
 * It owns the `Chat` of the core; the elements only call its methods.
 */
import {
  createChat,
  xml,
  type Availability,
  type Chat,
  type ChatOptions,
  type ConnectionStatus,
  type Contact,
  type ConversationSummary,
  type CannedReplies,
  type SendOptions,
  type StoredMessage,
  type VisitorContext,
} from '../../src/index.ts';
import { withSummary } from './conversation-list.ts';
import { ConversationView } from './conversation-view.ts';
import { presenceOf } from './presence.ts';
import { describeError, type WidgetError } from './widget-error.ts';

export interface SessionConfig extends ChatOptions {
  /** The one peer of visitor mode, whose availability the visitor watches. */
  to?: string;
  /** Visitor mode: who the visitor is and where, sent with the first message of the session. */
  context?: () => VisitorContext;
  /** Full mode: the agent's name (login form or `agent-name`), which its messages carry as `messageNick`. */
  agentName?: string;
}

/** An agent tells the visitors of the last day that it is here, at most this many. */
const ANNOUNCE_MAX = 50;
const ANNOUNCE_WITHIN_MS = 24 * 3600_000;
/** Without an answer this long after our presence, nobody is there. */
const AVAILABILITY_WAIT_MS = 2000;
/** The least time between two `change` events: under a flood of messages, one render for many. */
const CHANGE_SPACING_MS = 50;

export interface SessionEvents {
  change: undefined;
  message: StoredMessage;
  connected: string;
  disconnected: string | undefined;
  ready: undefined;
  error: WidgetError;
}

type Listener<K extends keyof SessionEvents> = (detail: SessionEvents[K]) => void;

export class ChatSession {
  readonly chat: Chat;
  status: ConnectionStatus = 'disconnected';
  retryInMs?: number;
  contacts: Contact[] = [];
  requests: string[] = [];
  conversations: ConversationSummary[] = [];
  unread = 0;
  error?: WidgetError;
  /** Full mode: the agent's saved replies, once their code has loaded (see full-mode.ts). */
  replies?: CannedReplies;
  /** Visitor mode: whether the peer's availability is known (it answered, or did not in time). */
  availabilityKnown = false;
  readonly conversation: ConversationView;
  readonly #listeners = new Map<keyof SessionEvents, Set<Listener<never>>>();
  #changeQueued = false;
  #lastChange = -Infinity;
  /** A refresh of the conversations is running; `#refreshAgain`: another was asked for meanwhile. */
  #refreshing = false;
  #refreshAgain = false;
  /** Visitor mode: the wait for the peer's first answer after our presence. */
  #availabilityWait?: ReturnType<typeof setTimeout>;
  /** The visitor context went out with a message of this session. */
  #contextSent = false;

  constructor(readonly config: SessionConfig) {
    // The site's tabs signed in to one account share one session (without Web Locks, one each);
    // agents of one support account in one browser only if they go by the same name, and widgets
    // only if they keep the same history (an anonymous room visitor and a chat are two).
    const shareSession = [config.agentName, config.historyOwner].filter(Boolean).join(' ') || true;
    this.chat = createChat({ shareSession, ...config }); // throws ConfigError: the caller shows it
    // An anonymous account's archive holds only its own session, already on this device.
    this.conversation = new ConversationView(
      this.chat,
      () => this.changed(),
      () => !config.anonymous,
    );
    const { chat } = this;
    chat.client.on('status', ({ status, reason, retryInMs }) => {
      const was = this.status;
      this.status = status;
      this.retryInMs = retryInMs;
      if (reason) this.fail(reason);
      if (status === 'connected' && was !== 'connected') {
        this.error = undefined;
        this.emit('connected', chat.client.jid ?? '');
      }
      if (status === 'disconnected' && was !== 'disconnected') this.emit('disconnected', reason?.message);
      this.changed();
    });
    chat.on('error', (error) => this.fail(error));
    chat.on('ready', () => this.emit('ready', undefined));
    chat.on('messages', (change) => {
      // Messages new to this device; scroll-back history arrives already read.
      for (const message of change.added) {
        if (change.origin === 'local' && !(message.direction === 'in' && message.state === 'read')) this.emit('message', message);
      }
      // An agent answers a visitor who writes, so the visitor sees someone is there.
      if (config.answerStrangers && chat.client.status === 'connected' && change.added.some((m) => m.direction === 'in')) {
        chat.strangers.announce([change.peer]);
      }
      this.conversation.apply(change);
      this.applySummary(change.origin === 'local' ? change.summary : undefined);
    });
    chat.roster.on('contacts', () => this.refreshContacts());
    chat.roster.on('requests', () => this.refreshContacts());
    chat.chatStates.on('state', () => this.changed());
    chat.strangers.on('changed', ({ jid }) => {
      if (jid === config.to) this.availabilityKnown = true;
      this.changed();
    });
    chat.roster.on('available', () => this.#onAvailable());
    // An agent who leaves says so at once: visitors would otherwise see them for as long as the
    // server keeps the session for a possible resumption (XEP-0198).
    if (config.answerStrangers) addEventListener('pagehide', this.#leave);
    this.refreshContacts();
    this.refreshConversations();
    if (config.to) this.conversation.open(config.to).catch((error: Error) => this.fail(error));
  }

  /** The peer's presence: from the roster for contacts, from directed presence for others. */
  availability(jid: string): Availability {
    const contact = this.chat.roster.contacts.get(jid);
    return contact ? presenceOf(contact) : this.chat.strangers.of(jid);
  }

  #onAvailable(): void {
    const { to, answerStrangers } = this.config;
    if (to) {
      this.chat.strangers.watch(to);
      clearTimeout(this.#availabilityWait);
      this.#availabilityWait = setTimeout(() => {
        this.availabilityKnown = true;
        this.changed();
      }, AVAILABILITY_WAIT_MS);
    }
    if (answerStrangers) {
      const since = Date.now() - ANNOUNCE_WITHIN_MS;
      this.chat.strangers.announce(
        this.conversations
          .filter((c) => c.lastTime > since)
          .slice(0, ANNOUNCE_MAX)
          .map((c) => c.peer),
      );
    }
  }

  connect(): Promise<void> {
    return this.chat.connect().then(
      () => undefined,
      (error: Error) => {
        this.fail(error);
      },
    );
  }

  disconnect(): Promise<void> {
    return this.chat.disconnect();
  }

  /**
   * Sends to `to`, or to the open conversation. A visitor's first message of the session carries
   * the visitor context; one written while nobody is there is marked so, and says it will wait.
   */
  async send(body: string, to = this.conversation.peer): Promise<StoredMessage | undefined> {
    if (!to || !body.trim()) return undefined;
    return this.chat.send(to, body, this.sendOptions(to));
  }

  /** What a message to `to` carries: the visitor's context with their first, and whether nobody is there. */
  sendOptions(to: string): SendOptions {
    const visitor = to === this.config.to;
    const context = visitor && !this.#contextSent ? this.config.context?.() : undefined;
    if (context) this.#contextSent = true;
    const whileAway = visitor && this.status === 'connected' && this.availabilityKnown && this.availability(to) === 'offline';
    return { context, whileAway };
  }

  dismissError(): void {
    this.error = undefined;
    this.changed();
  }

  #leave = (): void => {
    if (this.chat.client.status === 'connected') this.chat.client.send(xml('presence', { type: 'unavailable' }));
  };

  /** Ends the session for good: disconnects and lets go of its timers, listeners and store. */
  close(): Promise<void> {
    removeEventListener('pagehide', this.#leave);
    clearTimeout(this.#availabilityWait);
    this.#listeners.clear();
    return this.chat.close();
  }

  on<K extends keyof SessionEvents>(type: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  fail(error: Error): void {
    this.error = describeError(error);
    this.emit('error', this.error);
    this.changed();
  }

  /**
   * One `change` per task, however many updates arrive in it; and, when messages pour in (hundreds
   * of visitors on a desk), at most one each CHANGE_SPACING_MS: the views render once for many.
   */
  changed(): void {
    if (this.#changeQueued) return;
    this.#changeQueued = true;
    const wait = this.#lastChange + CHANGE_SPACING_MS - performance.now();
    const emit = () => {
      this.#changeQueued = false;
      this.#lastChange = performance.now();
      this.emit('change', undefined);
    };
    if (wait > 0) setTimeout(emit, wait);
    else queueMicrotask(emit);
  }

  private emit<K extends keyof SessionEvents>(type: K, detail: SessionEvents[K]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as Listener<K>)(detail);
  }

  private refreshContacts(): void {
    this.contacts = [...this.chat.roster.contacts.values()];
    this.requests = [...this.chat.roster.requests];
    this.changed();
  }

  /**
   * A conversation's new summary, from a write of this page: put in the list in its place. The
   * list is read whole only without one (another tab's write) and once more after a read that
   * was under way, which may not have seen the write.
   */
  private applySummary(summary: ConversationSummary | undefined): void {
    if (!summary || this.#refreshing) return this.refreshConversations();
    const was = this.conversations.find((c) => c.peer === summary.peer)?.unread ?? 0;
    this.conversations = withSummary(this.conversations, summary);
    this.unread += summary.unread - was;
    this.changed();
  }

  /** Reads the conversations again: one read at a time, and one more after it for all asked meanwhile. */
  private refreshConversations(): void {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return;
    }
    this.#refreshing = true;
    this.chat
      .conversations()
      .then(
        (conversations) => {
          this.conversations = conversations;
          this.unread = conversations.reduce((sum, c) => sum + c.unread, 0);
          this.changed();
        },
        (error: Error) => this.fail(error),
      )
      .finally(() => {
        this.#refreshing = false;
        if (!this.#refreshAgain) return;
        this.#refreshAgain = false;
        this.refreshConversations();
      });
  }
}
