/**
 * One session for all the tabs of a site signed in to one account. The tab holding the session's
 * Web Lock leads: it opens the session and relays what arrives to the others over a
 * BroadcastChannel; the others follow: they send through it, and hear what it hears. Each tab
 * keeps its own client and features above this, so a follower works as if it had a session of
 * its own. When the lead goes, the lock passes to a follower, which opens the session afresh (its
 * archive catch-up and outbox make sure nothing is lost or doubled). Over WebSocket with stream
 * management it resumes the lead's stream instead (stream-mirror.ts): the same session goes on.
 */
import { leadOf, tabLocks, type Lead, type TabLocks } from '../adapters/tab-locks.ts';
import { onPageHide } from '../adapters/page-visibility.ts';
import { ConnectionError, XmppChatError } from '../errors.ts';
import type { ResolvedOptions } from '../options.ts';
import { SessionOpener } from '../session-opener.ts';
import type { XmlElement } from '../stanza/element.ts';
import { newStanzaId } from '../stanza/message.ts';
import type { loadTransport, SessionInfo, Transport, TransportKind, TransportListener } from '../transport/transport.ts';
import { Followers } from './followers.ts';
import { StreamMirror } from './stream-mirror.ts';
import { fromWire, isIqReply, isIqRequest, passes, toWire, type Wire } from './wire.ts';

/** What the client needs of whatever opens its sessions. */
export interface Opener {
  readonly transport: Transport | undefined;
  /** Where tabs share the session: whether this one holds it, or sends through another. */
  readonly role?: 'lead' | 'follow';
  open(): Promise<SessionInfo>;
}

export interface SharedOpenerDeps {
  /** Tabs giving the same name share one session. */
  name: string;
  options: ResolvedOptions;
  listener: TransportListener;
  load?: typeof loadTransport;
  /** Runs before this tab opens the session as the lead. */
  beforeLead?: () => Promise<void>;
  lead?: Lead;
  tabs?: TabLocks;
  /** The clock, in ms. */
  now?: () => number;
}

/** Followers' stanzas a lead holds while its session is down, at most (the oldest are forgotten first). */
const HELD_WHILE_DOWN = 500;

/** Replies to requests of ours we still wait for, at most (the oldest are forgotten first). */
const OWN_REQUESTS = 1000;

/** A shared opener, or undefined where the browser has no Web Locks or BroadcastChannel. */
export function createSharedOpener(deps: SharedOpenerDeps): Opener | undefined {
  const lead = deps.lead ?? leadOf(`xmpp-chat-session:${deps.name}`);
  if (!lead || typeof BroadcastChannel === 'undefined') return undefined;
  return new SharedOpener(deps, lead, deps.tabs ?? tabLocks());
}

class SharedOpener implements Opener {
  #role: 'idle' | 'lead' | 'follow' = 'idle';
  #channel?: BroadcastChannel;
  #offPageHide?: () => void;
  readonly #own = new Set<string>();
  #real?: SessionOpener;
  #release?: () => void;
  /** The lead's session now, and how many it has opened afresh. */
  #current?: { info: SessionInfo; kind: TransportKind };
  #sessions = 0;
  readonly #followers: Followers;
  /** This chat among those sharing the session (a page may hold several chats). */
  readonly #id = newStanzaId();
  /** As a follower: queued for the lead; the open() waiting for the lead's session; what was heard of it. */
  #queued?: AbortController;
  #pending?: { resolve: (info: SessionInfo) => void; reject: (error: unknown) => void; timer: ReturnType<typeof setTimeout> };
  #following = false;
  #leadKind: TransportKind = 'websocket';
  #leadResource?: string;
  /** The page of the lead this tab follows. */
  #leadPage?: string;
  /** The lead's session this tab last followed, and the lead that held it. */
  #seen?: { session: string; lead: string };
  /** What resuming the lead's stream takes, as heard. */
  readonly #mirror = new StreamMirror();
  /**
   * As the lead, what followers sent while its session was down (they hear of the drop only after
   * the channel's delay): sent once the same stream is resumed, dropped with a new session, which
   * followers start again on (their outbox sends what the archive lacks).
   */
  #held: XmlElement[] = [];

  constructor(
    private readonly deps: SharedOpenerDeps,
    private readonly lead: Lead,
    private readonly tabs: TabLocks,
  ) {
    this.#followers = new Followers(tabs, deps.now ?? (() => performance.now()));
  }

  readonly #transport: Transport = {
    kind: 'websocket',
    open: () => this.open(),
    send: (stanza) => this.#send(stanza),
    close: () => this.#close(),
    abort: (reason) => {
      if (this.#role === 'lead') this.#real?.transport?.abort(reason);
      else if (this.#following) this.#lost(reason);
    },
  };

  get role(): 'lead' | 'follow' | undefined {
    return this.#role === 'idle' ? undefined : this.#role;
  }

  get transport(): Transport | undefined {
    if (this.#role === 'idle') return undefined;
    const kind = this.#role === 'lead' ? (this.#real?.transport?.kind ?? 'websocket') : this.#leadKind;
    return Object.assign(this.#transport, { kind });
  }

  async open(): Promise<SessionInfo> {
    if (!this.#channel) {
      this.#channel = new BroadcastChannel(`xmpp-chat-session:${this.deps.name}`);
      this.#channel.onmessage = (event: MessageEvent<Wire>) => this.#hear(event.data);
      // A lead that others follow lets its stream go as the page goes: left to be resumed by the
      // one taking over where it can be (its socket closed, the stream not ended), else ended, so
      // that the new session does not meet it still held. Alone, it leaves it for the next page.
      this.#offPageHide = onPageHide(() => {
        if (this.#role !== 'lead' || !this.#followers.size) return;
        const transport = this.#real?.transport;
        if (transport?.stream?.()) transport.release?.();
        else transport?.leave?.();
      });
    }
    if (this.#role !== 'lead') {
      const release = await this.lead.claim();
      if (release) this.#becomeLead(release);
      // Taken over while asking: the lock came through the queue.
      else if (!this.#leading()) return this.#follow();
    }
    return this.#openAsLead();
  }

  #leading(): boolean {
    return this.#role === 'lead';
  }

  #becomeLead(release: () => void) {
    this.#queued?.abort();
    this.#queued = undefined;
    this.#following = false;
    this.#role = 'lead';
    this.#release = release;
  }

  async #openAsLead(): Promise<SessionInfo> {
    try {
      await this.deps.beforeLead?.();
      // Taking over, it resumes the lead's stream where it can (over WebSocket with stream
      // management): the same session goes on. Else, or refused, it asks for the resource the lead
      // had: a server still holding that session for a resumption replaces it rather than keeping two.
      const { options } = this.deps;
      const resume = this.#mirror.take();
      if (resume || !this.#real)
        this.#real = new SessionOpener(
          { ...options, resource: options.resource ?? this.#leadResource, resume },
          this.#relay,
          this.deps.load,
        );
      const info = await this.#real.open();
      if (!info.resumed) this.#sessions += 1;
      this.#current = { info, kind: this.#real.transport?.kind ?? 'websocket' };
      const held = this.#held.splice(0);
      if (info.resumed) for (const stanza of held) this.#real.transport?.send(stanza);
      this.#announce();
      return resume && info.resumed ? { ...info, takenOver: true } : info;
    } catch (error) {
      if (error instanceof XmppChatError) this.#post({ t: 'failed', error: toWire(error) });
      throw error;
    }
  }

  /** What the lead's transport reports: taken in here, and passed on to the followers. */
  readonly #relay: TransportListener = {
    // What arrives goes to the channel only while tabs may follow: copying every stanza for no one
    // was a large part of a busy desk's work.
    stanza: (stanza, handled) => {
      if (this.#followers.relaying()) this.#post({ t: 'stanza', stanza, h: handled });
      this.#deliver(stanza);
    },
    dropped: (error) => {
      this.#current = undefined;
      this.#post({ t: 'dropped', error: toWire(error) });
      this.deps.listener.dropped(error);
    },
    acknowledged: (stanza) => {
      if (this.#followers.relaying()) this.#post({ t: 'acked', stanza });
      this.deps.listener.acknowledged?.(stanza);
    },
    unacknowledged: (stanzas) => this.deps.listener.unacknowledged?.(stanzas),
    queued: (stanza) => {
      if (this.#followers.relaying()) this.#post({ t: 'queued', stanza });
    },
  };

  #announce() {
    const current = this.#current;
    if (!current) return;
    this.#followers.announced();
    const stream = this.#real?.transport?.stream?.();
    this.#post({ t: 'online', lead: this.#id, page: this.tabs.self, session: this.#sessions, ...current, stream });
  }

  #follow(): Promise<SessionInfo> {
    this.#role = 'follow';
    if (!this.#queued) {
      const queued = (this.#queued = new AbortController());
      this.lead.await(queued.signal).then(
        (release) => this.#takeOver(release),
        (error: unknown) => {
          if (!queued.signal.aborted)
            this.deps.listener.dropped(new ConnectionError('closed', 'Could not share this chat with its other tabs.', { cause: error }));
        },
      );
    }
    return new Promise((resolve, reject) => {
      this.#settle(new ConnectionError('closed', 'Disconnected.'));
      const timer = setTimeout(
        () => this.#settle(new ConnectionError('timeout', 'The tab holding this chat’s connection did not answer.')),
        this.deps.options.timeoutMs,
      );
      this.#pending = { resolve, reject, timer };
      this.#post({ t: 'hello', tab: this.#id, page: this.tabs.self });
    });
  }

  /** Ends the wait of a follower's open(), with the lead's session or with an error. */
  #settle(outcome: SessionInfo | XmppChatError) {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    if (outcome instanceof XmppChatError) pending.reject(outcome);
    else {
      this.#following = true;
      pending.resolve(outcome);
    }
  }

  /** The lead has gone and this tab holds the lock now: it opens the session. */
  #takeOver(release: () => void) {
    if (this.#role !== 'follow') return release();
    const pending = this.#pending;
    const wasFollowing = this.#following;
    this.#pending = undefined;
    if (pending) clearTimeout(pending.timer);
    this.#becomeLead(release);
    if (pending) this.#openAsLead().then(pending.resolve, pending.reject);
    else if (wasFollowing)
      this.deps.listener.dropped(new ConnectionError('closed', 'The tab holding this chat’s connection closed; continuing here.'));
  }

  #lost(reason: XmppChatError) {
    this.#following = false;
    queueMicrotask(() => this.deps.listener.dropped(reason));
  }

  #hear(message: Wire) {
    if (this.#role === 'lead') return this.#hearAsLead(message);
    if (this.#role !== 'follow') return;
    switch (message.t) {
      case 'online': {
        this.#leadKind = message.kind;
        this.#mirror.reset(message.stream);
        // A resumed stream is the same session, whichever tab resumed it.
        const session = message.stream ? `stream ${message.stream.id}` : `${message.lead} ${message.session}`;
        const same = this.#seen?.session === session;
        const takenOver = same && this.#seen?.lead !== message.lead;
        if (this.#pending) {
          this.#seen = { session, lead: message.lead };
          this.#leadResource = message.info.jid.split('/').slice(1).join('/') || undefined;
          // A lead that goes without a word (its page closed or crashed): its followers start again at once.
          if (this.#leadPage !== message.page) {
            const page = (this.#leadPage = message.page);
            this.tabs.whenGone(page, () => {
              if (this.#following && this.#leadPage === page)
                this.#lost(new ConnectionError('closed', 'The tab holding this chat’s connection closed.'));
            });
          }
          this.#settle({ ...message.info, resumed: same, takenOver });
          // Heard by a lead that was still taking over when this tab first asked.
          return this.#post({ t: 'hello', tab: this.#id, page: this.tabs.self });
        }
        // A new session of the lead that this tab missed the end of: it starts again too.
        if (this.#following && !same) this.#lost(new ConnectionError('closed', 'The chat’s connection was replaced.'));
        return;
      }
      case 'failed':
        return this.#settle(fromWire(message.error));
      case 'dropped':
        this.#mirror.reset(undefined);
        if (this.#following) this.#lost(fromWire(message.error));
        return;
      case 'stanza':
        this.#mirror.handled(message.h);
        if (this.#following) this.#deliver(message.stanza);
        return;
      case 'queued':
        return this.#mirror.queued(message.stanza);
      case 'acked':
        this.#mirror.confirmed();
        if (this.#following) this.deps.listener.acknowledged?.(message.stanza);
        return;
    }
  }

  #hearAsLead(message: Wire) {
    if (message.t === 'hello') {
      this.#followers.hello(message.tab, message.page);
      this.#announce();
    } else if (message.t === 'bye') this.#followers.bye(message.tab);
    else if (message.t !== 'send') return;
    else if (this.#current) this.#real?.transport?.send(message.stanza);
    else if (this.#held.push(message.stanza) > HELD_WHILE_DOWN) this.#held.shift();
  }

  /** Takes in what arrived; a reply to a request goes only to the tab that asked. */
  #deliver(stanza: XmlElement) {
    if (isIqReply(stanza) && !this.#own.delete(stanza.attrs.id ?? '')) return;
    this.deps.listener.stanza(stanza);
  }

  #send(stanza: XmlElement) {
    if (isIqRequest(stanza) && stanza.attrs.id) {
      this.#own.add(stanza.attrs.id);
      if (this.#own.size > OWN_REQUESTS) this.#own.delete(this.#own.values().next().value!);
    }
    if (this.#role === 'lead') {
      if (passes('lead', this.#followers.size > 0, stanza)) this.#real?.transport?.send(stanza);
    } else if (this.#role === 'follow' && passes('follow', true, stanza)) {
      this.#post({ t: 'send', tab: this.#id, stanza });
    }
  }

  async #close(): Promise<void> {
    const role = this.#role;
    this.#role = 'idle';
    this.#queued?.abort();
    this.#queued = undefined;
    this.#following = false;
    this.#settle(new ConnectionError('closed', 'Disconnected.'));
    if (role === 'follow') this.#post({ t: 'bye', tab: this.#id });
    this.#channel?.close();
    this.#channel = undefined;
    this.#offPageHide?.();
    this.#offPageHide = undefined;
    if (role !== 'lead') return;
    this.#current = undefined;
    try {
      await this.#real?.transport?.close();
    } finally {
      this.#release?.();
      this.#release = undefined;
    }
  }

  #post(message: Wire) {
    this.#channel?.postMessage(message);
  }
}
