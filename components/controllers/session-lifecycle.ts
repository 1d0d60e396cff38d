/**
 * When the panel's chat session starts, what it is made from, and when it ends: from the widget's
 * configuration, the login form's credentials, or the visitor's stored (or newly registered)
 * account. Nothing connects, and nothing is stored, before the chat is shown or the page asks.
 */
import { cleanNick, forgetVisitor } from '../../src/index.ts';
import { saveDraft } from '../composer/drafts.ts';
import { ROOM_NICK_KEY } from '../room-view/room-nick.ts';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import { ChatSession, type SessionConfig } from './chat-session.ts';
import { saveValue } from './local-values.ts';
import { renewRefusedAccount, visitorHistoryOwner, visitorSessionOptions } from './visitor-identity.ts';
import type { VisitorIntake } from './visitor-intake.ts';

/** "Stay signed in" (saved-login.ts): full mode's alone, so loaded when first used. */
const savedLogins = () => import('./saved-login.ts');

/** What the lifecycle needs of the panel. */
export interface LifecycleHost {
  readonly config: WidgetConfig;
  /** The panel is on screen. */
  readonly active: boolean;
  readonly intake: VisitorIntake;
  readonly session?: ChatSession;
  /** Puts this session in place of the current one (closing that). */
  replace(session: ChatSession | undefined): void;
  /** Something failed on the way (the visitor's account could not be looked up): told to the page. */
  report(error: Error): void;
  /** A session could not be made: told to the page, and shown in words. */
  failed(error: Error): void;
  /** Full mode's code, loaded on first use: the agent's saved replies come with it. */
  fullMode(): Promise<{ useReplies: (session: ChatSession) => void }>;
}

export class SessionLifecycle {
  /** The settings the current session was made from; undefined until one is wanted. */
  #key?: string;
  #credentials?: { jid: string; password: string; name?: string; remember?: boolean };
  /** After a log-out, the configured credentials are not used again until they change. */
  #loggedOut = false;
  /** The page asked to connect or send: connect even while the panel is not shown. */
  #wanted = false;
  /** The visitor's account is being looked up or registered, or a reset is under way. */
  #pending?: Promise<void>;
  /** A stored visitor account the server refused was replaced (at most once). */
  #renewed = false;

  constructor(private readonly host: LifecycleHost) {}

  /** Settles once a start or reset under way is done. */
  get settled(): Promise<void> | undefined {
    return this.#pending;
  }

  /** The address to prefill in the login form. */
  get loginJid(): string {
    return this.#credentials?.jid ?? this.host.config.jid ?? '';
  }

  /** The configuration changed: a changed setting starts anew (a new object arrives with every render). */
  configChanged(): void {
    if (this.#key !== undefined && this.#configKey() !== this.#key) {
      this.#loggedOut = false;
      this.start();
    }
  }

  /** The panel was shown: start, or connect again after a log-out or a failure. */
  shown(): void {
    const { session } = this.host;
    if (!session && !this.#pending && (this.#key === undefined || this.#configKey() !== this.#key)) this.start();
    if (session?.status === 'disconnected' && !session.chat.client.jid) void session.connect();
  }

  /** Starts the session now if it has not been (the page asked to connect or send). */
  async ensure(): Promise<void> {
    this.#wanted = true;
    await this.#pending;
    if (!this.host.session) this.start();
    await this.#pending;
  }

  /** Forgets the visitor: history, account, drafts and answers on this device; the next session is new. */
  async reset(): Promise<void> {
    await this.#pending;
    const { session, config } = this.host;
    this.#key = undefined;
    this.#wanted = false;
    // In room mode the conversation is the room's; its nickname goes too.
    const peer = config.mode === 'room' ? config.room : config.to;
    this.#pending = (async () => {
      if (peer) saveDraft(peer, '');
      if (config.mode === 'room') saveValue(ROOM_NICK_KEY, undefined);
      this.host.intake.forget();
      if (session) {
        await session.disconnect();
        await session.chat.store.clear(); // after the writes this session still has queued
      } else {
        await forgetVisitor(visitorHistoryOwner(peer));
      }
      this.host.replace(undefined);
    })();
    try {
      await this.#pending;
    } finally {
      this.#pending = undefined;
    }
    if (this.host.active) this.start(); // opened again meanwhile
  }

  login(credentials: { jid: string; password: string; name?: string; remember?: boolean }): void {
    this.#credentials = credentials;
    this.start();
  }

  logout(): void {
    this.#credentials = undefined;
    this.#loggedOut = true;
    this.host.replace(undefined);
    if (this.host.config.mode === 'full') this.host.fullMode().catch((error: Error) => this.host.report(error)); // the login form
    // Signing out forgets what "Stay signed in" kept (the kept token is then useless to anyone).
    if (this.host.config.mode !== 'full') return;
    const jid = this.loginJid;
    savedLogins()
      .then(({ forgetSaved, savedLoginKey }) => {
        const key = savedLoginKey(this.host.config, jid);
        return key ? forgetSaved(key) : undefined;
      })
      .catch((error: Error) => this.host.report(error));
  }

  /** The login failed: back to the form (full mode). */
  loginFailed(): void {
    if (this.host.config.mode !== 'full' || !this.#credentials) return;
    this.#credentials = undefined;
    this.host.replace(undefined);
  }

  /** The panel left the page: put back, it starts anew when shown. */
  detached(): void {
    this.host.replace(undefined);
    this.#key = undefined;
  }

  start(): void {
    const { config, intake } = this.host;
    const key = (this.#key = this.#configKey());
    // Visitors never see the contact list or the login form: only full mode loads them.
    const report = (error: Error) => this.host.report(error);
    intake.load();
    if (intake.needsForm()) import('../prechat-form/prechat-form.ts').catch(report);
    const configured = config.jid && config.password && !this.#loggedOut ? { jid: config.jid, password: config.password } : undefined;
    const credentials = this.#credentials ?? configured;
    this.host.replace(undefined);
    const base: SessionConfig = {
      service: config.service || undefined,
      domain: config.domain || undefined,
      debug: config.debug,
      to: config.to,
      nickname: intake.visitor().name,
      context: () => intake.context(),
      encryption: config.encryption,
      plaintextFallback: config.plaintextFallback,
    };
    // Agents answer visitors' presence, so that visitors see someone is there.
    if (config.mode === 'full') {
      // The agent's name as typed at login, else the site's: every message to visitors carries it.
      const agentName = cleanNick(this.#credentials?.name ?? config.agentName);
      const agent: SessionConfig = { ...base, to: undefined, answerStrangers: true, agentName, messageNick: agentName };
      // The login form may be next: full mode's code (which has it) loads now. A sign-in loads
      // it once it is through (#create).
      if (!credentials && !config.anonymous) {
        this.host.fullMode().catch(report);
        return this.#startSaved(agent, key);
      }
      if (this.#credentials?.remember) return this.#startRemembered(agent, this.#credentials, key);
      const account = credentials ? { jid: credentials.jid, password: credentials.password } : { anonymous: true };
      return void this.#create({ ...agent, ...account });
    }
    // A room's visitor: the site's account if it gives one, else anonymous on `domain` (the room's
    // archive has the history; a new address each visit is no loss, the nickname stays).
    if (config.mode === 'room') {
      const room: SessionConfig = { ...base, to: undefined, encryption: undefined }; // OMEMO is for one-to-one messages
      return void this.#create(
        credentials ? { ...room, ...credentials } : { ...room, anonymous: true, historyOwner: visitorHistoryOwner(config.room) },
      );
    }
    if (credentials) return void this.#create({ ...base, ...credentials });
    // Asked to be anonymous: a new address each visit, the same history all the same.
    if (config.anonymous) return void this.#create({ ...base, anonymous: true, historyOwner: visitorHistoryOwner(config.to) });
    this.#pending = visitorSessionOptions(base, report)
      .then((options) => {
        this.#pending = undefined;
        if (this.#key !== key) return;
        const session = this.#create(options);
        // A stored account the server no longer knows is replaced, once per page.
        if (session && !this.#renewed) {
          renewRefusedAccount(session, options, () => {
            this.#renewed = true;
            if (this.#key === key) this.start();
          });
        }
      })
      .catch(report);
  }

  /** Full mode without credentials: signs in from what "Stay signed in" kept, if anything. */
  #startSaved(agent: SessionConfig, key: string): void {
    if (this.#loggedOut) return;
    this.#pending = savedLogins()
      .then(async ({ savedLoginKey, savedLoginOptions, forgetWhenRefused }) => {
        const where = savedLoginKey(agent);
        const saved = where ? await savedLoginOptions(where) : undefined;
        this.#pending = undefined;
        if (!saved || !where || this.#key !== key || this.host.session) return;
        const session = this.#create({ ...agent, ...saved });
        if (session) forgetWhenRefused(session, where, (error) => this.#savedRefused(session, error));
      })
      .catch((error: Error) => {
        this.#pending = undefined;
        this.host.report(error);
      });
  }

  /** A login with "Stay signed in": a token (or keys) is kept for the next page, never the password. */
  #startRemembered(agent: SessionConfig, credentials: { jid: string; password: string }, key: string): void {
    this.#pending = savedLogins()
      .then(async ({ savedLoginKey, rememberedLogin, keepWhenConnected }) => {
        const where = savedLoginKey(agent, credentials.jid);
        const account = where ? await rememberedLogin(where, credentials) : undefined;
        this.#pending = undefined;
        if (this.#key !== key) return;
        if (!where || !account) return void this.#create({ ...agent, ...credentials });
        const options = { ...agent, ...account };
        const session = this.#create(options);
        if (session) keepWhenConnected(session, where, options, (error) => this.host.report(error));
      })
      .catch((error: Error) => {
        this.#pending = undefined;
        this.host.report(error);
        if (this.#key === key) this.#create({ ...agent, ...credentials }); // signs in all the same, keeping nothing
      });
  }

  #savedRefused(session: ChatSession, error: Error): void {
    if (this.host.session !== session) return;
    this.host.replace(undefined);
    this.host.failed(error);
  }

  #create(options: SessionConfig): ChatSession | undefined {
    let session: ChatSession;
    try {
      session = new ChatSession(options);
    } catch (error) {
      this.host.replace(undefined);
      this.host.failed(error as Error);
      return undefined;
    }
    this.host.replace(session);
    if (this.host.active || this.#wanted) void session.connect();
    if (this.host.config.mode === 'full') {
      // What only full mode shows (contacts, the desk, saved replies, avatars) is loaded, run and
      // drawn once the session has connected, or failed to: meanwhile it would slow the sign-in's
      // round trips, which the page answers (the roster is being fetched by then). Contacts or
      // conversations kept on this device are shown at once all the same.
      signedInOrCached(session)
        .then(() => this.host.fullMode())
        .then(({ useReplies }) => {
          if (this.host.session === session) useReplies(session);
        })
        .catch((error: Error) => this.host.report(error));
    }
    return session;
  }

  #configKey(): string {
    const { service, domain, jid, password, to, anonymous, mode, agentName, room, encryption, plaintextFallback } = this.host.config;
    // Every message of a session carries the agent's name: a new name is a new session.
    const agent = mode === 'full' ? agentName : undefined;
    return JSON.stringify([service, domain, jid, password, to, anonymous, mode, agent, room, encryption, !!plaintextFallback]);
  }
}

/**
 * Resolves once `session` is not signing in (connected, or failed to), or has contacts or
 * conversations from this device to show meanwhile.
 */
function signedInOrCached(session: ChatSession): Promise<void> {
  return new Promise((resolve) => {
    const ready = () => session.status !== 'connecting' || session.contacts.length + session.conversations.length > 0;
    if (ready()) return resolve();
    const off = session.on('change', () => {
      if (!ready()) return;
      off();
      resolve();
    });
  });
}
