/**
 * The widget's view of one chat: connection status, contacts, conversations and the open
 * conversation's messages, kept up to date from the core and read by the elements on render.
 * It owns the `Chat` of the core; the elements only call its methods.
 */
import {
  createChat, type Chat, type ChatOptions, type ConnectionStatus, type Contact, type ConversationSummary, type StoredMessage,
} from '../../src/index.ts';
import { ConversationView } from './conversation-view.ts';
import { describeError, type WidgetError } from './widget-error.ts';

export interface SessionConfig extends ChatOptions {
  /** The one peer of visitor mode. */
  to?: string;
}

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
  readonly conversation: ConversationView;
  readonly #listeners = new Map<keyof SessionEvents, Set<Listener<never>>>();
  #changeQueued = false;

  constructor(readonly config: SessionConfig) {
    this.chat = createChat(config); // throws ConfigError: the caller shows it
    // An anonymous account's archive holds only its own session, already on this device.
    this.conversation = new ConversationView(this.chat, () => this.changed(), () => !config.anonymous);
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
      this.conversation.apply(change);
      void this.refreshConversations();
    });
    chat.roster.on('contacts', () => this.refreshContacts());
    chat.roster.on('requests', () => this.refreshContacts());
    chat.chatStates.on('state', () => this.changed());
    this.refreshContacts();
    void this.refreshConversations();
    if (config.to) void this.conversation.open(config.to);
  }

  connect(): Promise<void> {
    return this.chat.connect().then(() => undefined, (error: Error) => { this.fail(error); });
  }

  disconnect(): Promise<void> {
    return this.chat.disconnect();
  }

  /** Sends to `to`, or to the open conversation. */
  async send(body: string, to = this.conversation.peer): Promise<StoredMessage | undefined> {
    if (!to || !body.trim()) return undefined;
    return this.chat.send(to, body);
  }

  dismissError(): void {
    this.error = undefined;
    this.changed();
  }

  close(): void {
    void this.chat.disconnect();
    this.chat.store.close();
    this.#listeners.clear();
  }

  on<K extends keyof SessionEvents>(type: K, listener: Listener<K>): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  fail(error: Error): void {
    this.error = describeError(error);
    this.emit('error', this.error);
    this.changed();
  }

  /** One `change` per task, however many updates arrive in it. */
  changed(): void {
    if (this.#changeQueued) return;
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      this.emit('change', undefined);
    });
  }

  private emit<K extends keyof SessionEvents>(type: K, detail: SessionEvents[K]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as Listener<K>)(detail);
  }

  private refreshContacts(): void {
    this.contacts = [...this.chat.roster.contacts.values()];
    this.requests = [...this.chat.roster.requests];
    this.changed();
  }

  private async refreshConversations(): Promise<void> {
    this.conversations = await this.chat.conversations();
    const unread = this.conversations.reduce((sum, c) => sum + c.unread, 0);
    this.unread = unread;
    this.changed();
  }
}
