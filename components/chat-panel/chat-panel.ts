import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ChatSession } from '../controllers/chat-session.ts';
import { SessionLifecycle } from '../controllers/session-lifecycle.ts';
import { VisitorIntake } from '../controllers/visitor-intake.ts';
import { loadDraft } from '../composer/drafts.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import '../composer/composer.ts';
import '../message-list/message-list.ts';
import { styles } from './chat-panel.styles.ts';
import { forwardSessionEvents } from './session-events.ts';
import { alertOnMessages } from './alerting.ts';
import type { ConversationActions } from './conversation-actions.ts';
import { renderAvailability, renderConversation, renderHeader, renderStatus } from './chat-panel.views.ts';
import { PARTS, exportparts } from '../parts.ts';

// Passed on to <xmpp-chat>, which loads the core only with this module.
export { preloadTransport } from '../../src/index.ts';

type FullMode = typeof import('./full-mode.ts');
type RoomMode = typeof import('./room-mode.ts');
type Encryption = typeof import('./encryption.ts');

const LOGIN_FAILURES = new Set(['error.not-authorized', 'error.auth', 'error.connection', 'error.config']);

/**
 * The inside of the widget's panel: it owns the chat session made from the widget's
 * configuration (or from the login form), and renders header, status line and the views of the
 * mode: one conversation (visitor) or login, contacts and conversations (full).
 *
 * @summary The chat panel of `<xmpp-chat>`, loaded when the chat is first used.
 * @csspart header - Peer or account, presence, close or log-out button.
 * @csspart forget-button - Full mode: logs out and deletes the account's history and drafts from this device.
 * @csspart status - Connection status and errors, in words.
 * @fires xmpp-chat-close-request - The close button was pressed.
 */
export class ChatPanel extends LitElement {
  static override styles = styles;
  static override properties = {
    config: { attribute: false },
    lang: {},
    active: { type: Boolean },
    session: { state: true },
    full: { state: true },
    roomMode: { state: true },
    encryption: { state: true },
    loginError: { state: true },
    busy: { state: true },
    view: { state: true },
    draft: { state: true },
  };

  declare config: WidgetConfig;
  declare lang: string;
  /** The panel is on screen (visitor mode: opened). */
  declare active: boolean;
  declare session?: ChatSession;
  /** Full mode's views and elements, once loaded. */
  declare full?: FullMode;
  #fullLoading?: Promise<FullMode>;
  /** Room mode's view, once loaded. */
  declare roomMode?: RoomMode;
  #roomLoading?: Promise<RoomMode>;
  /** End-to-end encryption's mark, view and notices (`encryption`), once loaded. */
  declare encryption?: Encryption;
  #encryptionLoading?: Promise<Encryption>;
  declare loginError: string;
  declare busy: boolean;
  /** Full mode on a narrow screen shows one of the two. */
  declare view: 'contacts' | 'conversation';
  /** When the session starts, from what, and when it ends. */
  readonly #lifecycle = new SessionLifecycle(this);
  #unread = -1;
  #off: Array<() => void> = [];
  /** Visitor mode: who the visitor is (page and pre-chat form), and what their first message tells. */
  readonly intake = new VisitorIntake(() => this.config);
  /** Full mode: the visitor details are shown (the agent may fold them away). */
  detailsOpen = true;
  /** Replies, corrections, reactions, retractions and files in the open conversation, once first used. */
  actions?: ConversationActions;
  #actionsLoading?: Promise<ConversationActions>;
  /** Full mode: the open conversation's draft, which the agent may save as a reply. */
  declare draft: string;

  constructor() {
    super();
    this.config = { anonymous: false, debug: false, mode: 'visitor' };
    this.lang = 'en';
    this.active = false;
    this.loginError = '';
    this.busy = false;
    this.view = 'contacts';
    this.draft = '';
  }

  /** Connects the session (it connects by itself when the panel is shown). */
  async connect(): Promise<void> {
    await this.#lifecycle.ensure();
    await this.session?.connect();
  }

  /** Forgets the visitor: history, account, drafts and answers on this device; the next session is new. */
  reset(): Promise<void> {
    return this.#lifecycle.reset();
  }

  async disconnect(): Promise<void> {
    await this.session?.disconnect();
  }

  async send(body: string, to?: string): Promise<void> {
    await this.#lifecycle.ensure();
    if (!this.session) return;
    if (!this.session.chat.client.jid && this.session.status === 'disconnected') void this.session.connect();
    if (this.config.mode === 'room') await (await this.#loadRoomMode()).sendToRoom(this.session, body);
    else await this.session.send(body, to);
  }

  /** Focuses the composer, once the session (and with it the conversation) is there. */
  async focusComposer(): Promise<void> {
    await this.#lifecycle.settled;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('xmpp-chat-composer, xmpp-chat-room-view')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#lifecycle.detached();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A new object arrives with every render of the host: only a changed setting starts anew.
    // Nothing connects, and nothing is stored, before the chat is shown or the page asks for it.
    if (changed.has('config')) {
      this.#lifecycle.configChanged();
      this.session?.chat.setNickname(this.intake.visitor().name);
    }
    if (this.config.encryption === 'omemo' && this.config.mode !== 'room' && changed.has('config')) this.#loadEncryption();
    if (this.config.mode === 'room' && !this.roomMode && (changed.has('config') || changed.has('active')))
      this.#loadRoomMode().catch((error: Error) => this.report(error));
    if (changed.has('active') && this.active) {
      this.#lifecycle.shown();
      this.session?.conversation.markRead();
      this.roomMode?.markSeen(this);
    }
  }

  override render() {
    const { session, lang } = this;
    if (this.config.mode === 'room') return this.roomMode?.renderRoom(this, session) ?? nothing;
    const full = this.config.mode === 'full';
    const needsLogin = full && !session;
    return html`
      ${renderHeader(this, needsLogin)}
      ${
        session
          ? html`${renderStatus(this, session)}${renderAvailability(this, session)}`
          : this.loginError && !needsLogin
            ? html`<div part="status" class="status"><div role="alert" class="error">${this.loginError}</div></div>`
            : nothing
      }
      <div class="body ${full ? 'full' : 'visitor'}" data-view=${this.view}>
        ${
          needsLogin
            ? html`<xmpp-chat-login-form exportparts=${exportparts(PARTS.loginForm)} lang=${lang} .busy=${this.busy} .error=${this.loginError}
              .jid=${this.#lifecycle.loginJid} .name=${this.config.agentName ?? ''}
              @xmpp-chat-login=${this.#login}></xmpp-chat-login-form>`
            : html`${full && session ? this.full?.renderContacts(this, session) : nothing}
            ${session ? ((full ? this.full?.renderRoomPane(this) : undefined) ?? this.encryption?.renderView(this, session) ?? renderConversation(this, session)) : nothing}`
        }
      </div>`;
  }

  /** Visitor mode: the pre-chat form was answered. */
  prechatAnswered(answers: { name?: string; email?: string }): void {
    this.intake.answer(answers);
    this.session?.chat.setNickname(this.intake.visitor().name);
    emit(this, 'xmpp-chat-identify', this.intake.visitor());
    this.requestUpdate();
    void this.focusComposer();
  }

  /** Does `work` with the conversation's actions, whose code loads the first time. */
  act(work: (actions: ConversationActions) => void): void {
    this.#actionsLoading ??= import('./conversation-actions.ts').then(
      ({ ConversationActions }) => (this.actions = new ConversationActions(this)),
      (error: Error) => {
        this.#actionsLoading = undefined; // tried again next time
        throw error;
      },
    );
    this.#actionsLoading.then(work, (error: Error) => this.report(error));
  }

  /** Opens a conversation (full mode). */
  select(jid: string): void {
    if (this.full?.selectRoom(this, jid)) return; // a room: shown in place of the conversation
    void this.session?.conversation.open(jid);
    this.view = 'conversation';
    this.draft = loadDraft(jid);
  }

  logout(): void {
    this.#lifecycle.logout();
  }

  /** Full mode: logs out and deletes the account's history and drafts from this device. */
  forget(): void {
    this.draft = '';
    this.fullMode()
      .then((full) => full.forgetAccount(this.#lifecycle, this))
      .catch((error: Error) => this.report(error));
  }

  closeRequested(): void {
    emit(this, 'xmpp-chat-close-request', {});
  }

  /** Full mode's views and elements, loaded on first use. */
  fullMode(): Promise<FullMode> {
    return (this.#fullLoading ??= import('./full-mode.ts').then((module) => {
      module.addStyles(this);
      return (this.full = module);
    }));
  }

  /** Room mode's view, loaded when the room is first shown. */
  #loadRoomMode(): Promise<RoomMode> {
    return (this.#roomLoading ??= import('./room-mode.ts').then(
      (module) => {
        module.addParts(this);
        return (this.roomMode = module);
      },
      (error: Error) => {
        this.#roomLoading = undefined; // tried again next time
        throw error;
      },
    ));
  }

  /** Encryption's part of the panel, loaded when the widget encrypts. */
  #loadEncryption(): void {
    this.#encryptionLoading ??= import('./encryption.ts').then((module) => {
      module.attach(this, this.session);
      return (this.encryption = module);
    });
    this.#encryptionLoading.catch((error: Error) => {
      this.#encryptionLoading = undefined; // tried again with the next change of settings
      this.report(error);
    });
  }

  report(error: Error): void {
    emit(this, 'xmpp-chat-error', { code: (error as { condition?: string }).condition ?? 'error', message: error.message });
  }

  failed(error: Error): void {
    this.loginError = error.message;
    this.report(error);
  }

  replace(session: ChatSession | undefined): void {
    this.full?.detachDesk(this);
    for (const off of this.#off.splice(0)) off();
    this.session?.close().catch((error: Error) => this.report(error));
    this.session = session;
    if (!session) return;
    this.encryption?.attach(this, session);
    this.#off = [
      alertOnMessages(this, session),
      ...forwardSessionEvents(this, session, {
        changed: () => this.#changed(),
        connected: () => {
          this.busy = false;
          this.loginError = '';
        },
        failed: (error) => {
          if (this.busy && LOGIN_FAILURES.has(error.key)) this.#loginFailed(t(this.lang, error.key, { message: error.message }));
        },
      }),
    ];
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
    this.busy = true;
    this.loginError = '';
    this.#lifecycle.login(event.detail);
  };

  /** A failed login goes back to the form, with the reason. */
  #loginFailed(message: string): void {
    this.busy = false;
    this.loginError = message;
    this.#lifecycle.loginFailed();
  }
}

if (!customElements.get('xmpp-chat-panel')) customElements.define('xmpp-chat-panel', ChatPanel);
