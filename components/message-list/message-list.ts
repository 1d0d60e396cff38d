import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StoredMessage } from '../../src/index.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './message-list.styles.ts';
import { messageRow } from './message-row.ts';
import type { RatingView } from '../rating-prompt/rating-view.ts';
import type { RowExtras } from './message-extras.ts';
import type { MessageMark } from './message-row.ts';
import { VirtualScroller } from './virtual-scroller.ts';
import { styleProperties } from '../style-properties.ts';

/**
 * The messages of one conversation, oldest first, with day separators, delivery states and links.
 * Only the rows in view are in the DOM, so a loaded history of 10,000 messages scrolls smoothly.
 * Files, images, replies, reactions, retractions, `/me` and message styling (XEP-0393), and the
 * messages' actions, load with their own code (message-extras.ts) when a message needs them or
 * the reader first points at or focuses the list; until then a message shows as plain text.
 * Replace `messages` with a new array to change it; direction (RTL) is inherited from the page.
 *
 * @summary Virtualized, accessible message log of one conversation.
 * @csspart message-list - The scrolling log (role="log").
 * @csspart message - Every message; also `message-in` (from the peer) or `message-out` (ours).
 * @csspart message-in - A message from the peer.
 * @csspart message-out - A message we sent.
 * @csspart message-body - The text bubble of a message.
 * @csspart message-sender - The sender's name (an agent's) above a run of their messages.
 * @csspart message-meta - Time, edited marker and delivery state under a bubble.
 * @csspart message-error - Why a message failed, with the retry button.
 * @csspart message-encryption - With `mark`: whether a message was end-to-end encrypted (a lock; in words where it was not).
 * @csspart message-unencrypted - With `mark`: the mark of a message that was not encrypted, or could not be (also `message-encryption`).
 * @csspart message-note - Under messages written while nobody was there: they wait, and will be answered.
 * @csspart retry-button - Sends a failed message again.
 * @csspart day-separator - The date between messages of different days.
 * @csspart loading-row - "Loading older messages…" at the top.
 * @csspart history-start - "This is the start of the conversation." at the top.
 * @csspart empty - Shown when there are no messages at all.
 * @csspart typing - The peer's typing indicator at the bottom.
 * @csspart jump-button - "New messages": scrolls to the newest one.
 * @csspart rating-prompt - With `ratable`: asks for a rating when the peer's latest request for one is unanswered.
 * @csspart message-image - A shared image, inline at its aspect ratio; pressing it opens it full size.
 * @csspart message-file - A shared file's card: name, size, type and a download link (or, for a large image, a button that shows it).
 * @csspart image-viewer - The dialog showing an image full size.
 * @csspart reply-quote - Above a reply: who wrote the answered message and what it said; a button that scrolls to it when loaded.
 * @csspart reaction - A reaction under a message: an emoji and how many reacted with it; pressed when we did.
 * @csspart message-actions - The toolbar a message shows on hover or focus: react, reply, and for ours edit and delete (in a room, only a moderator's "Remove for everyone").
 * @csspart mention - A room message that names us (also a `message` part), highlighted.
 * @csspart emoji-picker - The emoji picker the toolbar's "More emoji" opens under the message.
 * @cssproperty --xmpp-chat-accent - Our bubbles, the jump button, focus rings, and the flash of a message a reply quote scrolled to (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-bubble-in - The peer's bubbles (#f1f5f9).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Times, dates and notices (#475569).
 * @cssproperty --xmpp-chat-danger - Marks failed messages: icon, outline, retry border (#dc2626).
 * @cssproperty --xmpp-chat-background - Background of the list (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius of bubbles (16px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui).
 * @cssproperty --xmpp-chat-border - Edges of file cards, reactions and the actions toolbar (#e2e8f0).
 * @fires xmpp-chat-load-older - The reader neared the oldest loaded message while `hasOlder` is set.
 * @fires xmpp-chat-retry - The retry button of a failed message was pressed; detail `{ key }`.
 * @fires xmpp-chat-seen - The newest message is on screen (the conversation may be marked read).
 * @fires xmpp-chat-rate - With `ratable`: the reader rated the conversation; detail `{ score, comment?, body }`.
 * @fires xmpp-chat-react - Our reactions to a message are now these: detail `{ key, emojis }` (the full set, maybe empty).
 * @fires xmpp-chat-reply-to - The reader wants to answer a message: detail `{ key }`.
 * @fires xmpp-chat-edit - The reader wants to correct a message of ours: detail `{ key }`.
 * @fires xmpp-chat-retract - The reader confirmed deleting a message of ours for everyone: detail `{ key }`.
 * @fires xmpp-chat-moderate - With `actions="moderate"`: the reader confirmed removing a message for everyone: detail `{ key }`.
 */
export class MessageList extends LitElement {
  static override styles = styles;
  static override properties = {
    messages: { attribute: false },
    hasOlder: { type: Boolean, attribute: 'has-older' },
    loadingOlder: { type: Boolean, attribute: 'loading-older' },
    historyStart: { type: Boolean, attribute: 'history-start' },
    peerTyping: { type: Boolean, attribute: 'peer-typing' },
    peerName: { attribute: 'peer-name' },
    ratable: { type: Boolean },
    self: {},
    actions: {},
    mark: { attribute: false },
    // Reflected so assistive technology reads the messages in that language; never as lang="".
    lang: { reflect: true, converter: { toAttribute: (value: string) => value || null } },
  };
  /** The loaded messages, oldest first; assign a new array to change them. */
  declare messages: StoredMessage[];
  /** Older history may exist: scrolling near the top fires `xmpp-chat-load-older`. */
  declare hasOlder: boolean;
  /** Older messages are being loaded: shows a loading row at the top. */
  declare loadingOlder: boolean;
  /** The first message is the start of the conversation: says so at the top (when not `hasOlder`). */
  declare historyStart: boolean;
  /** The peer is typing: shows an indicator at the bottom. */
  declare peerTyping: boolean;
  /** The peer's name, for the typing indicator and screen readers. */
  declare peerName: string;
  /** The reader may rate the conversation when the peer asks (a visitor): shows the rating prompt. */
  declare ratable: boolean;
  /** Language of the strings, dates and times (`en`, `de`, `ar`, or a regional tag such as `en-GB`). */
  declare lang: string;
  /** Our bare JID: which reactions are ours. */
  declare self: string;
  /** What the messages' toolbar offers: everything (a conversation), only "Remove for everyone" (a room's moderator), or nothing (a room). */
  declare actions: 'all' | 'moderate' | 'none';
  /** In an encrypted conversation: the mark each message carries (whether it was encrypted). */
  declare mark?: MessageMark;

  readonly #virtual: VirtualScroller = new VirtualScroller(this, () => this.messages[0]?.key);
  #olderAsked = false;
  #seenKey?: string;
  #jump = false;
  #announcement = '';
  /** With `ratable`: the rating prompt's view once its code is loaded (when a rating is first asked for). */
  #ratingView?: RatingView | Promise<unknown>;
  /** Files, replies, reactions, styling and actions, once a message needs them or the reader points at the list. */
  #extras?: RowExtras | Promise<unknown>;

  constructor() {
    super();
    this.messages = [];
    this.hasOlder = this.loadingOlder = this.historyStart = this.peerTyping = this.ratable = false;
    this.peerName = this.lang = this.self = '';
    this.actions = 'all';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#virtual.recheck);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#virtual.recheck);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size) this.#virtual.restart();
    if (changed.has('loadingOlder') && !this.loadingOlder) this.#olderAsked = false;
    if (!changed.has('messages')) return;
    this.#olderAsked = false;
    if (!this.#extras && this.messages.some(needsExtras)) this.#loadExtras();
    const { rows, view } = this.#virtual;
    rows.setKeys(this.messages.map((message) => message.key));
    view.rowsChanged();
    const oldLast = changed.get('messages')?.at(-1)?.key;
    const last = this.messages.at(-1);
    const appended = last && oldLast && last.key !== oldLast && rows.indexOf(oldLast) >= 0;
    if (appended && last.direction === 'out' && last.state === 'pending') view.pinned = true; // the reader just sent it
    const from = last?.nick ?? this.peerName;
    if (appended && last.direction === 'in') this.#announcement = from ? `${from}: ${last.body}` : last.body;
    this.#jump = !view.pinned && (this.#jump || (!!appended && last.direction === 'in'));
    if (this.ratable && !this.#ratingView && this.messages.some((message) => message.rateRequest))
      this.#ratingView = import('../rating-prompt/rating-view.ts').then(({ ratingView }) => {
        this.#ratingView = ratingView((detail) => emit(this, 'xmpp-chat-rate', detail));
        this.requestUpdate();
      }, this.#loadFailed);
  }

  protected override render() {
    const { lang } = this;
    const { start, end, spacers } = this.#virtual.toRender();
    const row = {
      lang,
      peerName: this.peerName,
      retry: this.#retry,
      extras: typeof this.#extras === 'function' ? this.#extras : undefined,
      mark: this.mark,
    };
    const empty = !this.messages.length && !this.hasOlder && !this.loadingOlder;
    const notice = (part: string, text: string, extra: unknown = nothing) => html`<div class="notice" part=${part}>${extra}${text}</div>`;
    // The log's own live region is off: rows entering the DOM while scrolling are not news. New
    // messages from the peer are announced by the status region at the end instead.
    return html`
      <div class="scroller" part="message-list" role="log" aria-live="off" aria-label=${t(lang, 'messages.label')} tabindex="0"
        @scroll=${this.#onScroll} @scrollend=${this.#virtual.endJump} @pointerenter=${this.#loadExtras} @focusin=${this.#loadExtras}>
        ${this.loadingOlder ? notice('loading-row', t(lang, 'messages.loading-older'), html`<span class="spinner"></span>`) : nothing}
        ${this.historyStart && !this.hasOlder && !this.loadingOlder && !empty ? notice('history-start', t(lang, 'messages.start')) : nothing}
        ${empty ? notice('empty', t(lang, 'messages.empty')) : nothing}
        <div class="items" ${styleProperties(spacers)}>
          ${repeat(
            this.messages.slice(start, end),
            (message) => message.key,
            (message, i) => messageRow(message, this.messages[start + i - 1], row, this.messages[start + i + 1]),
          )}
        </div>
        ${this.ratable && typeof this.#ratingView === 'function' ? this.#ratingView(this.messages, lang) : nothing}
        ${
          this.peerTyping
            ? html`<div class="typing" part="typing"><span class="dots"><span></span><span></span><span></span></span>
          ${t(lang, 'messages.typing', { name: this.peerName })}</div>`
            : nothing
        }
      </div>
      ${this.#jump ? html`<button class="jump" part="jump-button" @click=${this.#jumpToNewest}>${t(lang, 'messages.jump')} ↓</button>` : nothing}
      <div class="sr" role="status">${this.#announcement}</div>
    `;
  }

  protected override firstUpdated(): void {
    this.#virtual.observe();
  }

  protected override updated(): void {
    if (this.#virtual.measure()) this.#report();
  }

  /** Fires the events that depend on where the reader is, once the layout has settled. */
  #report(): void {
    const { scroller } = this.#virtual;
    if (this.hasOlder && !this.loadingOlder && !this.#olderAsked && scroller.scrollTop < Math.max(scroller.clientHeight, 200)) {
      this.#olderAsked = true;
      emit(this, 'xmpp-chat-load-older', {});
    }
    const newest = this.messages.at(-1);
    if (newest && newest.key !== this.#seenKey && this.#virtual.atBottom && document.visibilityState === 'visible') {
      this.#seenKey = newest.key;
      emit(this, 'xmpp-chat-seen', {});
    }
  }

  #onScroll = (): void => {
    this.#virtual.scrolled();
    if (this.#virtual.atBottom) this.#jump = false;
    this.#virtual.recheck();
  };

  #jumpToNewest = (): void => {
    this.#jump = false;
    this.#virtual.scroller.focus({ preventScroll: true }); // the button goes away; keep keyboard focus in the log
    this.#virtual.scrollToNewest();
  };

  #loadExtras = (): void => {
    this.#extras ??= import('./message-extras.ts').then(({ messageExtras }) => {
      this.#extras = messageExtras(this, this.#virtual);
      this.requestUpdate();
    }, this.#loadFailed);
  };

  /** The code of a lazily loaded part could not be loaded (offline, or a new version deployed). */
  #loadFailed = (error: Error): void => void emit(this, 'xmpp-chat-error', { code: 'load', message: error.message });

  #retry = (key: string): void => {
    emit(this, 'xmpp-chat-retry', { key });
  };
}

/** A message shows more than plain text: a file, reactions, a reply, a retraction, styling (XEP-0393) or `/me`. */
const needsExtras = (m: StoredMessage) => m.file || m.reactions || m.replyTo || m.retracted || /[*_~`>]|^\/me /.test(m.body);

if (!customElements.get('xmpp-chat-message-list')) customElements.define('xmpp-chat-message-list', MessageList);
