import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ChatSession, type SessionConfig } from '../controllers/chat-session.ts';
import { saveDraft } from '../composer/drafts.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import '../composer/composer.ts';
import '../message-list/message-list.ts';
import { styles } from './chat-panel.styles.ts';
import { renderConversation, renderContacts, renderHeader, renderStatus } from './chat-panel.views.ts';

const LOGIN_FAILURES = new Set(['error.not-authorized', 'error.auth', 'error.connection', 'error.config']);

/**
 * The inside of the widget's panel: it owns the chat session made from the widget's
 * configuration (or from the login form), and renders header, status line and the views of the
 * mode: one conversation (visitor) or login, contacts and conversations (full).
 *
 * @summary The chat panel of `<xmpp-chat>`, loaded when the chat is first used.
 * @csspart header - Peer or account, presence, close or log-out button.
 * @csspart status - Connection status and errors, in words.
 * @fires xmpp-chat-close-request - The close button was pressed.
 */
export class ChatPanel extends LitElement {
  static override styles = styles;
  static override properties = {
    config: { attribute: false }, lang: {}, active: { type: Boolean },
    session: { state: true }, loginError: { state: true }, busy: { state: true }, view: { state: true },
  };

  declare config: WidgetConfig;
  declare lang: string;
  /** The panel is on screen (visitor mode: opened). */
  declare active: boolean;
  declare session?: ChatSession;
  declare loginError: string;
  declare busy: boolean;
  /** Full mode on a narrow screen shows one of the two. */
  declare view: 'contacts' | 'conversation';
  #key?: string;
  #credentials?: { jid: string; password: string };
  /** After a log-out, the configured credentials are not used again until they change. */
  #loggedOut = false;
  #unread = -1;
  #off: Array<() => void> = [];

  constructor() {
    super();
    this.config = { anonymous: false, debug: false, mode: 'visitor' };
    this.lang = 'en';
    this.active = false;
    this.loginError = '';
    this.busy = false;
    this.view = 'contacts';
  }

  /** Connects the session (it connects by itself when the panel is shown). */
  async connect(): Promise<void> {
    if (!this.session) this.#start();
    await this.session?.connect();
  }

  /** Forgets the visitor: history and drafts on this device; the next session is a new one. */
  async reset(): Promise<void> {
    const session = this.session;
    this.#replace(undefined);
    this.#key = undefined;
    if (this.config.to) saveDraft(this.config.to, '');
    await session?.chat.store.clear();
  }

  async disconnect(): Promise<void> {
    await this.session?.disconnect();
  }

  async send(body: string, to?: string): Promise<void> {
    if (!this.session) return;
    if (!this.session.chat.client.jid && this.session.status === 'disconnected') void this.session.connect();
    await this.session.send(body, to);
  }

  focusComposer(): void {
    this.renderRoot.querySelector<HTMLElement & { focus(): void }>('xmpp-chat-composer')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#replace(undefined);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new object arrives with every render of the host: only a changed setting starts anew.
    if (changed.has('config') && this.#configKey() !== this.#key) {
      this.#loggedOut = false;
      this.#start();
    }
    if (changed.has('active') && this.active) {
      // Nothing connects, and nothing is stored, before the chat is first shown (or connect()).
      if (!this.session && this.#key === undefined) this.#start();
      if (this.session?.status === 'disconnected' && !this.session.chat.client.jid) void this.session.connect();
      this.session?.conversation.markRead();
    }
  }

  override render() {
    const { session, lang } = this;
    const full = this.config.mode === 'full';
    const needsLogin = full && !session;
    return html`
      ${renderHeader(this, needsLogin)}
      ${session ? renderStatus(this, session) : this.loginError && !needsLogin
        ? html`<div part="status" class="status"><div role="alert" class="error">${this.loginError}</div></div>` : nothing}
      <div class="body ${full ? 'full' : 'visitor'}" data-view=${this.view}>
        ${needsLogin
          ? html`<xmpp-chat-login-form exportparts="login-form, jid-input, password-input, submit-button" lang=${lang} .busy=${this.busy} .error=${this.loginError}
              .jid=${this.#credentials?.jid ?? this.config.jid ?? ''} @xmpp-chat-login=${this.#login}></xmpp-chat-login-form>`
          : html`${full && session ? renderContacts(this, session) : nothing}
            ${session ? renderConversation(this, session) : nothing}`}
      </div>`;
  }

  /** Opens a conversation (full mode). */
  select(jid: string): void {
    void this.session?.conversation.open(jid);
    this.view = 'conversation';
  }

  logout(): void {
    this.#credentials = undefined;
    this.#loggedOut = true;
    this.#replace(undefined);
  }

  closeRequested(): void {
    emit(this, 'xmpp-chat-close-request', {});
  }

  #configKey(): string {
    const { service, domain, jid, password, to, anonymous, mode } = this.config;
    return JSON.stringify([service, domain, jid, password, to, anonymous, mode]);
  }

  #start(): void {
    const { config } = this;
    this.#key = this.#configKey();
    // Visitors never see the contact list or the login form: only full mode loads them.
    if (config.mode === 'full') void import('./full-mode.ts');
    const configured = config.jid && config.password && !this.#loggedOut ? { jid: config.jid, password: config.password } : undefined;
    const credentials = this.#credentials ?? configured;
    if (config.mode === 'full' && !credentials && !config.anonymous) return this.#replace(undefined);
    const options: SessionConfig = {
      service: config.service || undefined, domain: config.domain || undefined, debug: config.debug, to: config.to,
      ...(credentials ? credentials : { anonymous: true }),
      // A visitor's history belongs to this site's visitor, whatever temporary address the server gives.
      ...(config.mode === 'visitor' && !credentials ? { historyOwner: `visitor:${config.to ?? ''}` } : {}),
    };
    try {
      this.#replace(new ChatSession(options));
      if (this.active) void this.session!.connect();
    } catch (error) {
      this.#replace(undefined);
      this.loginError = (error as Error).message;
      emit(this, 'xmpp-chat-error', { code: (error as { condition?: string }).condition ?? 'error', message: (error as Error).message });
    }
  }

  #replace(session: ChatSession | undefined): void {
    for (const off of this.#off.splice(0)) off();
    this.session?.close();
    this.session = session;
    if (!session) return;
    this.#off.push(
      session.on('change', () => this.#changed()),
      session.on('connected', (jid) => { this.busy = false; this.loginError = ''; emit(this, 'xmpp-chat-connected', { jid }); }),
      session.on('disconnected', (reason) => emit(this, 'xmpp-chat-disconnected', { reason })),
      session.on('ready', () => emit(this, 'xmpp-chat-ready', {})),
      session.on('error', (error) => {
        emit(this, 'xmpp-chat-error', { code: error.code, message: error.message });
        if (this.busy && LOGIN_FAILURES.has(error.key)) this.#loginFailed(t(this.lang, error.key, { message: error.message }));
      }),
      session.on('message', (m) => {
        const me = session.chat.client.jid?.split('/')[0] ?? '';
        emit(this, 'xmpp-chat-message', {
          from: m.direction === 'in' ? m.peer : me, to: m.direction === 'in' ? me : m.peer, body: m.body, id: m.key, direction: m.direction,
        });
      }),
    );
  }

  #changed(): void {
    this.requestUpdate();
    const count = this.session?.unread ?? 0;
    if (count !== this.#unread) {
      this.#unread = count;
      emit(this, 'xmpp-chat-unread', { count });
    }
  }

  #login = (event: CustomEvent<{ jid: string; password: string }>): void => {
    this.#credentials = event.detail;
    this.busy = true;
    this.loginError = '';
    this.#start();
  };

  /** A failed login goes back to the form, with the reason. */
  #loginFailed(message: string): void {
    this.busy = false;
    this.loginError = message;
    if (this.config.mode === 'full' && this.#credentials) {
      this.#credentials = undefined;
      this.#replace(undefined);
    }
  }
}

if (!customElements.get('xmpp-chat-panel')) customElements.define('xmpp-chat-panel', ChatPanel);
