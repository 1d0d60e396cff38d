import { LitElement, html, nothing, render, svg, type PropertyValues } from 'lit';
import { emit } from '../events.ts';
import { direction, isLoaded, loadLanguage, resolveLang, t } from '../i18n/i18n.ts';
import { styles } from './xmpp-chat.styles.ts';
import type { PanelElement, WidgetConfig } from './panel-contract.ts';
import { HiddenTabHint } from '../controllers/hidden-tab-hint.ts';
import { PANEL_PARTS } from '../parts.ts';
import { nextTask } from '../next-task.ts';

/**
 * The chat widget: a launcher with an unread badge that opens a panel with the conversation
 * (`mode="visitor"`) or with a group chat room (`mode="room"`), or an inline client with login,
 * contacts and conversations (`mode="full"`).
 * Only the launcher is in the first script; the panel, the chat core and the transport load when
 * the chat is first opened or connected.
 *
 * @summary An embeddable XMPP chat: one conversation for visitors, or a full client.
 * @attr {string} service - ws(s):// (WebSocket) or http(s):// (BOSH) endpoint, or several separated by spaces (tried in
 *   order, the next one when the one in use goes away); optional when `domain` allows XEP-0156 discovery.
 * @attr {string} domain - The XMPP domain (for `anonymous`, the anonymous host).
 * @attr {string} jid - The account to log in to.
 * @attr {string} password - The account's password.
 * @attr {boolean} anonymous - Log in anonymously on `domain`.
 * @attr {string} to - The one peer of visitor mode.
 * @attr {'visitor' | 'full' | 'room'} mode - `visitor`: launcher and one conversation; `room`: launcher and one group chat room; `full`: login, contacts and conversations.
 * @attr {string} room - Room mode: the room's address, e.g. `lobby@conference.example.org`.
 * @attr {string} nick - Room mode: the visitor's nickname in the room; without it the visitor is asked once (and it is kept for the site).
 * @attr {boolean} open - The panel is open.
 * @attr {'right' | 'left'} position - The launcher's corner.
 * @attr {string} lang - `en`, `de` or `ar`; the browser's language by default.
 * @attr {'light' | 'dark' | 'auto'} theme - Colours; `auto` follows the system.
 * @attr {string} title - The panel's name in its header.
 * @attr {string} welcome - Visitor mode: the first line of the panel, shown at once (a hello in the widget's language by default).
 * @attr {string} greeting - Visitor mode: the line shown while the peer is available.
 * @attr {string} away-message - Visitor mode: the line shown while nobody is.
 * @attr {string} prechat - Visitor mode: the pre-chat form's fields, `name` and/or `email` (space-separated); no form without it.
 * @attr {string} prechat-required - Which of those fields must be filled in.
 * @attr {'page' | 'identity'} context - Visitor mode: what the first message of a visit tells the desk: name, email and the page, referrer, language, time zone and browser (`page`, the default), or only name and email.
 * @attr {boolean} context-full-url - Visitor mode: the visitor context's page address and referrer keep their query and fragment (`?…`, `#…`), which often hold tokens; without it they are left out.
 * @attr {string} agent-name - Full mode: the agent's name, which visitors see with every message and in the header (XEP-0172); prefills the login form's "Your name".
 * @attr {'omemo'} encryption - End-to-end encryption of one-to-one messages with OMEMO (XEP-0384); off by default. Its code loads only when set.
 * @attr {boolean} plaintext-fallback - With `encryption`: a message to someone who has no OMEMO device goes out unencrypted (marked so) rather than failing; for agents who answer visitors without it.
 * @attr {boolean} sound - Chime for new messages from the peer (in one tab when the site is open in several).
 * @attr {boolean} debug - Log the XML traffic to the console.
 * @csspart launcher - The round button that opens and closes the panel (visitor mode).
 * @csspart unread-badge - The unread count on the launcher.
 * @csspart panel - The chat window.
 * @csspart header - The panel's header: peer, presence, close button.
 * @csspart status - The connection status line (connecting, reconnecting, offline, errors).
 * @csspart availability - Visitor mode: the greeting, or the away message.
 * @csspart welcome - Visitor mode: the first line of the panel (`welcome`).
 * @csspart team - Visitor mode: the names of the agents who are there.
 * @csspart office-hours - Visitor mode: the usual reply time while the desk is open, when it is back while closed.
 * @csspart offline-form - Visitor mode, outside office hours or with nobody there: the form to leave an email for a reply.
 * @csspart offline-input - Its email field.
 * @csspart offline-submit - Its button.
 * @csspart offline-confirmation - "We'll reply to ada@example.org."
 * @csspart office-hours-editor - Full mode: the form where an agent sets the desk's office hours.
 * @csspart hours-save-button - Its button, which publishes them.
 * @csspart contact-list - The contact list (full mode).
 * @csspart contact - One contact in the list.
 * @csspart message-list - The scrolling list of messages (`role="log"`).
 * @csspart contact-selected - The contact whose conversation is open.
 * @csspart presence - A contact's presence dot.
 * @csspart unread-count - A contact's unread count.
 * @csspart search - The contact search field.
 * @csspart requests - Subscription requests waiting for an answer.
 * @csspart add-button - The button that opens the add-contact form.
 * @csspart add-form - The add-contact form.
 * @csspart message - One message.
 * @csspart message-in - A message from the peer.
 * @csspart message-out - A message of ours.
 * @csspart message-body - The text of a message.
 * @csspart message-sender - The name of the agent who wrote a run of messages (XEP-0172 nick).
 * @csspart message-meta - A message's time, delivery state and "edited" marker.
 * @csspart message-error - Why a message was not sent.
 * @csspart message-note - Visitor mode: under messages written while nobody was there, that they will be answered.
 * @csspart message-encryption - With `encryption`: beside each message's time, whether it was end-to-end encrypted (a lock, in words for screen readers).
 * @csspart message-unencrypted - With `encryption`: the mark of a message that went or came in plain text, or could not be encrypted, in words (also `message-encryption`).
 * @csspart retry-button - Sends a failed message again.
 * @csspart day-separator - The date between messages of different days.
 * @csspart loading-row - "Loading older messages…".
 * @csspart history-start - "This is the start of the conversation."
 * @csspart empty - The empty conversation's hello.
 * @csspart typing - The peer's typing indicator.
 * @csspart jump-button - "New messages": scrolls to the newest.
 * @csspart rating-prompt - Visitor mode: asks for a rating of the conversation when the desk asks for one.
 * @csspart message-image - A shared image, inline at its aspect ratio; pressing it opens it full size.
 * @csspart message-file - A shared file's card: name, size, type and a download link (or a button that shows a large image).
 * @csspart image-viewer - The dialog showing an image full size.
 * @csspart reply-quote - Above a reply: who wrote the answered message and what it said; a button that scrolls to it.
 * @csspart reaction - A reaction under a message: an emoji and how many reacted with it; pressed when we did.
 * @csspart message-actions - A message's toolbar on hover or focus: react, reply, and for ours edit and delete.
 * @csspart emoji-picker - The emoji picker (the composer's, or a message toolbar's "More emoji").
 * @csspart emoji-search - The emoji picker's search field.
 * @csspart emoji-tab - One of the emoji picker's categories.
 * @csspart emoji-option - One emoji in the picker.
 * @csspart upload-tray - The files on their way, above the composer.
 * @csspart upload - One file on its way; also `upload-failed` when it failed.
 * @csspart upload-failed - A file whose upload failed.
 * @csspart upload-progress - A file's upload progress (a progress bar that only grows).
 * @csspart upload-error - Why a file could not be sent, in words.
 * @csspart upload-button - Cancel, Retry or Dismiss beside a file.
 * @csspart avatar - A person's picture or initials (the header, the contact list).
 * @csspart avatar-editor - Full mode: your picture and the button that changes it.
 * @csspart avatar-button - Full mode: "Change your picture".
 * @csspart composer - The message composer.
 * @csspart input - The composer's text field.
 * @csspart send-button - The composer's send button.
 * @csspart attach-button - The composer's attach button (over its file input).
 * @csspart file-input - The composer's file input (visually hidden; the attach button is its label).
 * @csspart emoji-button - The composer's button that opens the emoji picker.
 * @csspart reply-preview - Above the composer: the message being answered, with a button to stop.
 * @csspart edit-preview - Above the composer: the message being corrected, with a button to stop.
 * @csspart preview-cancel - The button that stops answering or correcting.
 * @csspart forget-button - Full mode: "Log out and forget this device" (deletes the account's history and drafts here).
 * @csspart login-form - The login form (full mode).
 * @csspart jid-input - The login form's address field.
 * @csspart password-input - The login form's password field.
 * @csspart remember-input - The login form's "Stay signed in on this device" checkbox.
 * @csspart name-input - The login form's "Your name" field (kept on the device).
 * @csspart submit-button - The login form's button.
 * @csspart prechat-form - Visitor mode: the pre-chat form (`prechat`).
 * @csspart prechat-input - A field of the pre-chat form.
 * @csspart prechat-submit - The pre-chat form's button.
 * @csspart visitor-details - Full mode: what a visitor told about themselves and where they write from.
 * @csspart verified - Full mode: the badge of a visitor the site vouches for (a matching signature), with their user id.
 * @csspart forged - Full mode: the warning that a visitor's signature does not match.
 * @csspart unverified - Full mode: the label of a visitor's field that only their browser told.
 * @csspart verified-field - Full mode: the label of a field the site's signature covers (name, email).
 * @csspart desk-settings - Full mode: the form for the secret that checks visitors' signatures.
 * @csspart secret-input - Its field.
 * @csspart secret-save-button - Saves the secret.
 * @csspart secret-remove-button - Removes it.
 * @csspart replies-button - Full mode: opens the saved replies.
 * @csspart replies-panel - The saved replies' panel.
 * @csspart replies-search - Its search field.
 * @csspart replies-list - The list of saved replies.
 * @csspart reply - One saved reply.
 * @csspart reply-active - The saved reply the arrow keys are on.
 * @csspart reply-delete-button - Deletes a saved reply.
 * @csspart reply-save-form - Saves the draft as a reply.
 * @csspart reply-title-input - The new reply's title.
 * @csspart reply-save-button - The button that saves it.
 * @csspart inbox - Full mode, team desk: the inbox of visitors' conversations.
 * @csspart inbox-filter - A view of the inbox (Mine, Unassigned, All open, Resolved, Contacts) with its count.
 * @csspart average-rating - The desk's average rating, in words.
 * @csspart keys-button - Opens the list of the agent's keyboard shortcuts.
 * @csspart inbox-list - The inbox's list of conversations.
 * @csspart inbox-row - One conversation in the inbox.
 * @csspart inbox-row-selected - The inbox's open conversation.
 * @csspart inbox-label - A label on a conversation in the inbox.
 * @csspart desk-bar - The bar above an open visitor conversation: status, owner and the agent's actions.
 * @csspart conversation-status - The conversation's status: Open, Pending or Resolved.
 * @csspart assignee - The agent who has the conversation, or "Unassigned".
 * @csspart conversation-rating - The visitor's rating: "Rated 4 of 5: comment".
 * @csspart teammates - Which teammates view the conversation or type to the visitor.
 * @csspart desk-notice - What another agent did to the conversation (a claim that won).
 * @csspart assign-button - "Assign to me".
 * @csspart transfer-button - Opens the form that assigns the conversation to a teammate or to nobody.
 * @csspart transfer-form - That form: whom to, and a note for them.
 * @csspart pending-button - Sets the conversation pending.
 * @csspart resolve-button - Resolves the conversation (the visitor is asked for a rating).
 * @csspart reopen-button - Opens the conversation again.
 * @csspart transcript-button - Saves the conversation as a file: in a visitor's header (text), in the desk's conversation bar (text or web page).
 * @csspart notes - The conversation's private notes and labels.
 * @csspart note - One private note.
 * @csspart note-button - Opens the form for a new private note.
 * @csspart note-input - The new note's text.
 * @csspart note-save-button - Adds the note.
 * @csspart label - One label of the conversation.
 * @csspart label-remove-button - Removes a label.
 * @csspart label-input - A new label.
 * @csspart keyboard-help - The dialog listing the agent's keyboard shortcuts.
 * @csspart shortcut-key - A key in that list.
 * @csspart encryption-button - With `encryption`: the header's button to the conversation's encryption view.
 * @csspart encryption-notice - With `encryption`: in a conversation, that the peer (or our account) has a new device, or a device whose key changed.
 * @csspart encryption-view - With `encryption`: this device's fingerprint and QR code, the peer's devices and our other ones, with their trust.
 * @csspart fingerprint - A device's fingerprint in the encryption view, in groups of eight hex digits.
 * @csspart qr-code - The QR code of this device's fingerprint (`xmpp:…?omemo-sid-…=…`), for the other side to scan.
 * @csspart device - One device in the encryption view: id, fingerprint, trust and buttons.
 * @csspart trust - A device's trust, in words: verified, trusted without verification, not trusted, new.
 * @csspart trust-button - Verifies a device, distrusts it, or trusts it without verification again.
 * @csspart encryption-back - The encryption view's way back to the conversation.
 * @csspart room-header - Room mode: the room's name, its subject and the button that shows who is there.
 * @csspart room-name - Room mode: the room's name (`title`, or the local part of its address).
 * @csspart room-subject - Room mode: the room's subject.
 * @csspart occupants-button - Room mode: shows and hides who is in the room, with how many they are.
 * @csspart occupant-list - Room mode: the list of who is in the room (only the rows in view are in the page).
 * @csspart occupant - Room mode: one person in the room.
 * @csspart occupant-role - Room mode: their standing in words (Owner, Admin, Moderator, Member, Can only read).
 * @csspart room-notice - Room mode: joining, or quietly joining again after a lost connection.
 * @csspart room-error - Room mode: why the visitor is not in the room, and what to do.
 * @csspart join-form - Room mode: asks for a nickname, or for the room's password.
 * @csspart nick-input - Room mode: the nickname field (asked once, kept for the site).
 * @csspart room-password-input - Room mode: the room password field (never stored).
 * @csspart join-button - Room mode: joins with what the form holds, or tries again.
 * @cssproperty --xmpp-chat-accent - Accent colour: launcher, own messages, buttons.
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour.
 * @cssproperty --xmpp-chat-text - Text colour.
 * @cssproperty --xmpp-chat-muted - Secondary text colour.
 * @cssproperty --xmpp-chat-background - Panel background.
 * @cssproperty --xmpp-chat-bubble-in - Background of the peer's messages.
 * @cssproperty --xmpp-chat-border - Border colour.
 * @cssproperty --xmpp-chat-font - Font family.
 * @cssproperty --xmpp-chat-radius - Corner radius of the panel and bubbles.
 * @cssproperty --xmpp-chat-launcher-size - Diameter of the launcher.
 * @cssproperty --xmpp-chat-panel-width - Width of the panel.
 * @cssproperty --xmpp-chat-panel-height - Height of the panel.
 * @cssproperty --xmpp-chat-z-index - Stacking order of launcher and panel.
 * @fires xmpp-chat-ready - The chat is connected and caught up with the server's archive.
 * @fires xmpp-chat-open - The panel opened.
 * @fires xmpp-chat-close - The panel closed.
 * @fires xmpp-chat-connected - A session started; detail: `{ jid }`.
 * @fires xmpp-chat-disconnected - The connection ended; detail: `{ reason }`.
 * @fires xmpp-chat-message - A message was sent or received; detail: `{ from, to, body, id, direction }`.
 * @fires xmpp-chat-unread - The unread count changed; detail: `{ count }`.
 * @fires xmpp-chat-error - Something failed; detail: `{ code, message }`.
 * @fires xmpp-chat-identify - The visitor answered the pre-chat form; detail: `{ name, email }` (as now known).
 */
export class XmppChat extends LitElement {
  static override styles = styles;
  static override properties = {
    service: {},
    domain: {},
    jid: {},
    password: {},
    to: {},
    mode: {},
    position: {},
    lang: {},
    theme: { reflect: true },
    welcome: {},
    greeting: {},
    awayMessage: { attribute: 'away-message' },
    prechat: {},
    prechatRequired: { attribute: 'prechat-required' },
    context: {},
    anonymous: { type: Boolean },
    debug: { type: Boolean },
    sound: { type: Boolean },
    contextFullUrl: { type: Boolean, attribute: 'context-full-url' },
    agentName: { attribute: 'agent-name' },
    encryption: {},
    plaintextFallback: { type: Boolean, attribute: 'plaintext-fallback' },
    room: {},
    nick: {},
    opened: { type: Boolean, attribute: 'open', reflect: true },
    heading: { attribute: 'title' },
    unread: { state: true },
    loaded: { state: true },
    visitor: { state: true },
  };

  declare service?: string;
  declare domain?: string;
  declare jid?: string;
  declare password?: string;
  declare to?: string;
  declare mode: 'visitor' | 'full' | 'room';
  declare room?: string;
  declare nick?: string;
  declare position: 'right' | 'left';
  declare lang: string;
  declare theme: 'light' | 'dark' | 'auto';
  declare anonymous: boolean;
  declare debug: boolean;
  declare sound: boolean;
  declare opened: boolean;
  declare heading?: string;
  declare welcome?: string;
  declare greeting?: string;
  declare visitor?: { name?: string; email?: string; userId?: string; signature?: string };
  declare awayMessage?: string;
  declare prechat?: string;
  declare prechatRequired?: string;
  declare context?: string;
  declare contextFullUrl: boolean;
  declare agentName?: string;
  declare encryption?: string;
  declare plaintextFallback: boolean;
  declare unread: number;
  declare loaded: boolean;
  #loading?: Promise<unknown>;
  /** Unread messages show in the page title, and on its icon, while the tab is hidden. */
  readonly #hiddenTabHint = new HiddenTabHint(this, {
    onError: (error) => {
      if (this.debug) console.debug('xmpp-chat: the favicon badge did not load.', error);
    },
  });

  constructor() {
    super();
    this.mode = 'visitor';
    this.position = 'right';
    this.lang = '';
    this.theme = 'light';
    this.anonymous = false;
    this.debug = false;
    this.sound = false;
    this.contextFullUrl = false;
    this.plaintextFallback = false;
    this.opened = false;
    this.unread = 0;
    this.loaded = false;
  }

  /**
   * The first render waits for a task of its own: registering the element upgrades the page's
   * widgets (attributes, styles, controllers) in one task, rendering them is the next.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) await nextTask();
    return super.scheduleUpdate();
  }

  /** `title` names the panel; it is moved off the element so the browser shows no tooltip over the chat. */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'title') return super.attributeChangedCallback(name, old, value);
    if (value === null) return;
    this.heading = value;
    this.removeAttribute('title');
  }

  /** Opens the panel (loading the chat on first use) and moves focus to the composer. */
  open(): void {
    this.opened = true;
  }
  /** Closes the panel; focus returns to the launcher. */
  close(): void {
    this.opened = false;
  }
  toggle(): void {
    this.opened = !this.opened;
  }

  /** Connects without opening the panel. */
  async connect(): Promise<void> {
    const panel = await this.#panel();
    await panel?.connect();
  }

  async disconnect(): Promise<void> {
    await this.#panelElement()?.disconnect();
  }

  /**
   * Forgets this visitor: disconnects, deletes the history and drafts kept on this device, and
   * closes the panel; the next opening starts a new identity.
   */
  async reset(): Promise<void> {
    this.close();
    const panel = await this.#panel();
    await panel?.reset();
  }

  /**
   * Tells who the visitor is: the name is how the support desk sees them (XEP-0172 nickname). With
   * the site's `userId` and its `signature` (README: verified visitors) the desk shows them as verified.
   */
  identify(visitor: { name?: string; email?: string; userId?: string | number; signature?: string }): void {
    const text = (value: unknown) =>
      typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
    this.visitor = {
      name: text(visitor.name),
      email: text(visitor.email),
      userId: text(visitor.userId),
      signature: text(visitor.signature),
    };
  }

  /** Sends a message to `to` (by default the visitor-mode peer or the open conversation). */
  async send(body: string, to?: string): Promise<void> {
    const panel = await this.#panel();
    await panel?.send(body, to);
  }

  override render() {
    // English until the requested language has loaded; the direction is right from the start.
    const lang = isLoaded(this.lang) ? resolveLang(this.lang) : 'en';
    const full = this.mode === 'full';
    const label =
      t(lang, this.opened ? 'launcher.close' : 'launcher.open') +
      (this.unread ? `, ${t(lang, 'launcher.unread', { count: this.unread })}` : '');
    return html`<div class="root ${full ? 'full' : 'visitor'} ${this.position === 'left' ? 'left' : 'right'} ${this.opened ? 'open' : ''}"
      dir=${direction(this.lang)} lang=${lang}>
      ${
        full
          ? nothing
          : html`<button part="launcher" class="launcher" aria-label=${label} aria-expanded=${this.opened ? 'true' : 'false'}
        aria-controls="panel" @click=${() => this.toggle()} @pointerenter=${this.#warm} @focus=${this.#warm}
        @touchstart=${this.#warm}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="28" height="28">${
          this.opened
            ? svg`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/>`
            : svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 3 13.5z" fill="currentColor"/>`
        }</svg>
        ${this.unread ? html`<span part="unread-badge" class="badge" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
      </button>`
      }
      <div part="panel" id="panel" class="panel" role=${full ? 'region' : 'dialog'} aria-modal=${full ? nothing : matchMedia('(max-width: 479.98px)').matches ? 'true' : 'false'} aria-label=${this.heading || t(lang, 'panel.title')}
        ?hidden=${!full && !this.opened} @keydown=${this.#onKeydown}>
        ${
          this.loaded
            ? html`<xmpp-chat-panel exportparts=${PANEL_PARTS} .config=${this.#config()} lang=${lang} ?active=${full || this.opened}
              @xmpp-chat-unread=${(e: CustomEvent<{ count: number }>) => this.#hint(e.detail.count)}
              @xmpp-chat-close-request=${() => this.close()}></xmpp-chat-panel>`
            : html`<div class="loading" role="status">${t(lang, 'status.connecting')}</div>`
        }
      </div>
    </div>`;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') && !isLoaded(this.lang)) {
      void loadLanguage(this.lang).then(
        () => this.requestUpdate(),
        (error: Error) => {
          emit(this, 'xmpp-chat-error', {
            code: 'language-unavailable',
            message: `The ${this.lang} strings could not be loaded: ${error.message}`,
          });
        },
      );
    }
    if ((changed.has('opened') && this.opened) || (changed.has('mode') && this.mode === 'full')) void this.#panel();
  }

  /**
   * The launcher the widget's first script drew while this code loaded (components/early-launcher.ts)
   * gives way to this one, in the same frame; focus moves along with it.
   */
  override firstUpdated(): void {
    const early = this.renderRoot.querySelectorAll('[data-early-launcher]');
    const focused = this.shadowRoot?.activeElement?.closest('[data-early-launcher]');
    for (const node of early) node.remove();
    if (focused) this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('opened') || (changed.get('opened') === undefined && !this.opened)) return;
    if (this.mode === 'full') return;
    emit(this, this.opened ? 'xmpp-chat-open' : 'xmpp-chat-close', {});
    if (this.opened) void this.#panel().then((panel) => panel?.focusComposer());
    else this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  }

  /** The panel's configuration, from the attributes. */
  #config(): WidgetConfig {
    const { service, domain, jid, password, to, anonymous, debug, mode, heading, welcome, greeting, awayMessage, visitor } = this;
    return {
      service,
      domain,
      jid,
      password,
      to,
      anonymous,
      debug,
      mode,
      heading,
      welcome,
      greeting,
      awayMessage,
      visitor,
      sound: this.sound,
      prechat: fields(this.prechat),
      prechatRequired: fields(this.prechatRequired),
      context: this.context === 'identity' ? 'identity' : 'page',
      contextFullUrl: this.contextFullUrl,
      agentName: this.agentName,
      encryption: this.encryption === 'omemo' ? 'omemo' : undefined,
      plaintextFallback: this.plaintextFallback,
      room: this.room,
      nick: this.nick,
    };
  }

  /** The unread count, on the launcher, and in the page's title and icon while the tab is hidden. */
  #hint(count: number): void {
    this.unread = count;
    this.#hiddenTabHint.update(count);
  }

  /** The panel's code, loaded once: on the way to the launcher, or when first needed. */
  #panelModule?: Promise<unknown>;
  /**
   * A pointer over the launcher, a finger on it or the focus on it: the panel's code starts
   * loading, so that a click opens it sooner. Nothing is rendered, connected or stored until then.
   */
  #warm = (): void => {
    if (this.#panelModule) return;
    const loading = (this.#panelModule = import('../chat-panel/chat-panel.ts'));
    // With it, the connection's code. Opening tries again what fails here (and says so if it fails too).
    loading
      .then(({ preloadTransport }) => preloadTransport(this.service, Boolean(this.jid && this.password)))
      .catch((error: unknown) => {
        if (this.#panelModule === loading && !this.#loading) this.#panelModule = undefined;
        if (this.debug) console.debug('xmpp-chat: the chat did not load ahead of opening.', error);
      });
  };

  /** Loads the panel (and with it the chat core) once, and renders it. */
  async #panel(): Promise<PanelElement | undefined> {
    this.#warm();
    this.#loading ??= this.#panelModule!.then(() => {
      this.loaded = true;
    });
    await this.#loading;
    await this.updateComplete;
    return this.#panelElement();
  }

  #panelElement(): PanelElement | undefined {
    return this.renderRoot.querySelector<PanelElement>('xmpp-chat-panel') ?? undefined;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.mode !== 'full' && this.opened) {
      event.stopPropagation();
      this.close();
    }
  }
}

/** The known pre-chat fields named in a space- or comma-separated list. */
const fields = (list: string | undefined): ('name' | 'email')[] =>
  [...new Set(list?.toLowerCase().split(/[\s,]+/))].filter((f): f is 'name' | 'email' => f === 'name' || f === 'email');

// The widget starts in steps, each a task of its own after the one that ran the files (see
// next-task.ts). Lit renders once into a detached fragment: V8 compiles a function on its first
// call, and this way Lit's rendering code is compiled before, not during, the first render.
await nextTask();
render(html`<b class=${''} ?hidden=${false} @click=${() => undefined}>${html`${''}`}${nothing}</b>`, document.createDocumentFragment());
// Registering upgrades the widgets on the page; their first render waits for the next task (scheduleUpdate).
await nextTask();
if (!customElements.get('xmpp-chat')) customElements.define('xmpp-chat', XmppChat);
