/** For the room view's tests: a Room that answers as a test tells it to, with no server behind it. */
import {
  RoomError,
  type JoinOptions,
  type Occupant,
  type Page,
  type Room,
  type RoomAffiliation,
  type RoomConfig,
  type RoomEvents,
  type RoomInfo,
  type RoomRole,
  type RoomState,
  type StoredMessage,
} from '../../src/index.ts';

type Listener = (detail: unknown) => void;

export class FakeRoom implements Room {
  nick: string | undefined;
  state: RoomState = 'idle';
  error: RoomError | undefined;
  subject: string | undefined;
  occupants = new Map<string, Occupant>();
  messages: StoredMessage[] = [];
  /** Every join asked for, with its nickname and options. */
  joins: { nick: string; options?: JoinOptions }[] = [];
  sent: string[] = [];
  /** The answers to the next joins, in order: a refusal's condition, or undefined to let us in. */
  refusals: (string | undefined)[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(readonly jid = 'lobby@conference.example.org') {}

  join(nick: string, options?: JoinOptions): Promise<void> {
    this.joins.push({ nick, options });
    this.set('joining');
    const condition = this.refusals.shift();
    if (condition) return Promise.reject(this.refuse(condition));
    this.nick = nick;
    this.occupants.set(nick, { nick, role: 'participant', affiliation: 'none', self: true });
    this.set('joined');
    this.emit('occupants', undefined);
    return Promise.resolve();
  }

  /** Fails the room with `condition`, as a refusal or a removal does. */
  refuse(condition: string): RoomError {
    this.error = new RoomError(condition, `The room said ${condition}.`);
    this.set('failed');
    this.emit('error', this.error);
    return this.error;
  }

  leave(): Promise<void> {
    this.set('idle');
    return Promise.resolve();
  }

  send(body: string): Promise<StoredMessage> {
    this.sent.push(body);
    const message = this.message(this.nick ?? '', body, 'out');
    this.add(message);
    return Promise.resolve(message);
  }

  /** A message of the room, from `nick`. */
  message(nick: string, body: string, direction: 'in' | 'out' = 'in', time = Date.now()): StoredMessage {
    const key = `m${this.messages.length}-${Math.random().toString(36).slice(2)}`;
    return { key, peer: this.jid, direction, body, time, state: direction === 'out' ? 'pending' : 'read', ids: [key], nick };
  }

  add(...messages: StoredMessage[]): void {
    this.messages.push(...messages);
    this.emit('messages', { peer: this.jid, added: messages, updated: [], origin: 'local' });
  }

  /** The room's subject changes (as if someone set it). */
  subjectIs(subject: string | undefined): void {
    this.subject = subject;
    this.emit('subject', subject);
  }

  // Full mode: each call is recorded; a test sets `refuseNext` to make the next one fail.
  info: RoomInfo | undefined;
  calls: { method: string; args: unknown[] }[] = [];
  refuseNext: string | undefined;
  get self(): Occupant | undefined {
    return this.nick === undefined ? undefined : this.occupants.get(this.nick);
  }
  #record(method: string, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const condition = this.refuseNext;
    this.refuseNext = undefined;
    return condition ? Promise.reject(new RoomError(condition, `The room said ${condition}.`)) : Promise.resolve();
  }
  setSubject = (subject: string) => this.#record('setSubject', subject).then(() => this.subjectIs(subject));
  invite = (jid: string, reason?: string) => this.#record('invite', jid, reason);
  kick = (nick: string, reason?: string) => this.#record('kick', nick, reason);
  ban = (jid: string, reason?: string) => this.#record('ban', jid, reason);
  setRole = (nick: string, role: Exclude<RoomRole, 'none'>, reason?: string) => this.#record('setRole', nick, role, reason);
  setAffiliation = (jid: string, affiliation: RoomAffiliation, reason?: string) => this.#record('setAffiliation', jid, affiliation, reason);
  moderate = (message: StoredMessage, reason?: string) => this.#record('moderate', message.key, reason);
  configure = (config: RoomConfig) => this.#record('configure', config);
  sendPrivate = (nick: string, body: string) =>
    this.#record('sendPrivate', nick, body).then(() => ({ ...this.message(this.nick ?? '', body, 'out'), peer: `${this.jid}/${nick}` }));

  setOccupants(occupants: Occupant[]): void {
    for (const occupant of occupants) this.occupants.set(occupant.nick, occupant);
    this.emit('occupants', undefined);
  }

  set(state: RoomState): void {
    this.state = state;
    this.emit('state', state);
  }

  newestPage(limit = 50): Promise<Page> {
    const start = Math.max(0, this.messages.length - limit);
    return Promise.resolve({ messages: this.messages.slice(start), cursor: start > 0 ? String(start) : undefined });
  }

  olderPage(cursor: string, limit = 50): Promise<Page> {
    const end = Number(cursor);
    const start = Math.max(0, end - limit);
    return Promise.resolve({ messages: this.messages.slice(start, end), cursor: start > 0 ? String(start) : undefined });
  }

  on<K extends keyof RoomEvents>(type: K, listener: (detail: RoomEvents[K]) => void): () => void {
    let set = this.#listeners.get(type as string);
    if (!set) this.#listeners.set(type as string, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof RoomEvents>(type: K, detail: RoomEvents[K]): void {
    for (const listener of [...(this.#listeners.get(type as string) ?? [])]) listener(detail);
  }
}
