import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { MessageState, StoredMessage } from '../../src/index.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import { linkify } from '../linkify/linkify.ts';
import { styles } from './message-list.styles.ts';
import { RowHeights, ViewPosition } from './virtual-window.ts';

const OVERSCAN = 500; // px rendered beyond each edge of the view, so fast scrolling rarely shows a gap
const MAX_PASSES = 8; // render-and-measure rounds per change; they settle in two or three

/**
 * The messages of one conversation, oldest first, with day separators, delivery states and links.
 * Only the rows in view are in the DOM, so a loaded history of 10,000 messages scrolls smoothly.
 * Replace `messages` with a new array to change it; direction (RTL) is inherited from the page.
 *
 * @summary Virtualized, accessible message log of one conversation.
 * @csspart message-list - The scrolling log (role="log").
 * @csspart message - Every message; also `message-in` (from the peer) or `message-out` (ours).
 * @csspart message-in - A message from the peer.
 * @csspart message-out - A message we sent.
 * @csspart message-body - The text bubble of a message.
 * @csspart message-meta - Time, edited marker and delivery state under a bubble.
 * @csspart message-error - Why a message failed, with the retry button.
 * @csspart retry-button - Sends a failed message again.
 * @csspart day-separator - The date between messages of different days.
 * @csspart loading-row - "Loading older messages…" at the top.
 * @csspart history-start - "This is the start of the conversation." at the top.
 * @csspart empty - Shown when there are no messages at all.
 * @csspart typing - The peer's typing indicator at the bottom.
 * @csspart jump-button - "New messages": scrolls to the newest one.
 * @cssproperty --xmpp-chat-accent - Our bubbles, the jump button and focus rings (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-bubble-in - The peer's bubbles (#f1f5f9).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Times, dates and notices (#475569).
 * @cssproperty --xmpp-chat-danger - Marks failed messages: icon, outline, retry border (#dc2626).
 * @cssproperty --xmpp-chat-background - Background of the list (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius of bubbles (16px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui).
 * @fires xmpp-chat-load-older - The reader neared the oldest loaded message while `hasOlder` is set.
 * @fires xmpp-chat-retry - The retry button of a failed message was pressed; detail `{ key }`.
 * @fires xmpp-chat-seen - The newest message is on screen (the conversation may be marked read).
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
  /** Language of the strings, dates and times (`en`, `de`, `ar`, or a regional tag such as `en-GB`). */
  declare lang: string;

  #rows = new RowHeights();
  #view = new ViewPosition(this.#rows);
  #rendered = { start: 0, end: 0 };
  #itemsTop = 0;
  #width = 0;
  #passes = 0;
  #olderAsked = false;
  #seenKey?: string;
  #jump = false;
  #announcement = '';
  #resize = new ResizeObserver(() => requestAnimationFrame(() => this.#resized()));

  constructor() {
    super();
    this.messages = [];
    this.hasOlder = this.loadingOlder = this.historyStart = this.peerTyping = false;
    this.peerName = this.lang = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#recheck);
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#recheck);
    this.#resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size) this.#passes = 0;
    if (changed.has('loadingOlder') && !this.loadingOlder) this.#olderAsked = false;
    if (!changed.has('messages')) return;
    this.#olderAsked = false;
    this.#rows.setKeys(this.messages.map((message) => message.key));
    this.#view.rowsChanged();
    const oldLast = changed.get('messages')?.at(-1)?.key;
    const last = this.messages.at(-1);
    const appended = last && oldLast && last.key !== oldLast && this.#rows.indexOf(oldLast) >= 0;
    if (appended && last.direction === 'out' && last.state === 'pending') this.#view.pinned = true; // the reader just sent it
    if (appended && last.direction === 'in') this.#announcement = this.peerName ? `${this.peerName}: ${last.body}` : last.body;
    this.#jump = !this.#view.pinned && (this.#jump || (!!appended && last.direction === 'in'));
  }

  protected override render() {
    const { lang } = this;
    const { start, end } = (this.#rendered = this.#range());
    const spacers = { paddingTop: `${this.#rows.offsetOf(start)}px`, paddingBottom: `${this.#rows.total - this.#rows.offsetOf(end)}px` };
    const empty = !this.messages.length && !this.hasOlder && !this.loadingOlder;
    const notice = (part: string, text: string, extra: unknown = nothing) => html`<div class="notice" part=${part}>${extra}${text}</div>`;
    // The log's own live region is off: rows entering the DOM while scrolling are not news. New
    // messages from the peer are announced by the status region at the end instead.
    return html`
      <div class="scroller" part="message-list" role="log" aria-live="off" aria-label=${t(lang, 'messages.label')} tabindex="0"
        @scroll=${this.#onScroll} @scrollend=${this.#endJump}>
        ${this.loadingOlder ? notice('loading-row', t(lang, 'messages.loading-older'), html`<span class="spinner"></span>`) : nothing}
        ${this.historyStart && !this.hasOlder && !this.loadingOlder && !empty ? notice('history-start', t(lang, 'messages.start')) : nothing}
        ${empty ? notice('empty', t(lang, 'messages.empty')) : nothing}
        <div class="items" style=${styleMap(spacers)}>
          ${repeat(this.messages.slice(start, end), (message) => message.key, (message, i) => this.#row(message, start + i))}
        </div>
        ${this.peerTyping ? html`<div class="typing" part="typing"><span class="dots"><span></span><span></span><span></span></span>
          ${t(lang, 'messages.typing', { name: this.peerName })}</div>` : nothing}
      </div>
      ${this.#jump ? html`<button class="jump" part="jump-button" @click=${this.#jumpToNewest}>${t(lang, 'messages.jump')} ↓</button>` : nothing}
      <div class="sr" role="status">${this.#announcement}</div>
    `;
  }

  #row(message: StoredMessage, i: number) {
    const { lang } = this;
    const previous = this.messages[i - 1];
    const newDay = !previous || dayOf(previous.time) !== dayOf(message.time);
    const grouped = !newDay && previous.direction === message.direction && message.time - previous.time < 300_000;
    const { direction: dir, state } = message;
    const sender = dir === 'out' ? t(lang, 'messages.you') : this.peerName;
    const stateShown = state === 'pending' || state === 'failed'; // the others are told by the ticks
    return html`<div class="row ${dir} ${grouped ? 'grouped' : ''} ${state === 'failed' ? 'failed-row' : ''}" data-key=${message.key}>
      ${newDay ? html`<div class="day" part="day-separator"><span>${dayLabel(message.time, lang)}</span></div>` : nothing}
      <div class="message" part="message message-${dir}">
        ${sender ? html`<span class="sr">${sender}: </span>` : nothing}
        <div class="bubble" part="message-body" dir="auto">${linkify(message.body).map((part) => 'href' in part
          ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text)}</div>
        <div class="meta" part="message-meta">
          <time datetime=${new Date(message.time).toISOString()}>${format(lang, TIME).format(message.time)}</time>
          ${message.corrected ? html`<span>· ${t(lang, 'messages.corrected')}</span>` : nothing}
          ${dir === 'out' ? html`<span class="state ${state}">${ICONS[state]}<span class=${stateShown ? '' : 'sr'}>${t(lang, `state.${state}`)}</span></span>` : nothing}
        </div>
        ${dir === 'out' && state === 'failed' ? html`<div class="error" part="message-error"><span>${message.error ?? ''}</span>
          <button class="retry" part="retry-button" @click=${() => emit(this, 'xmpp-chat-retry', { key: message.key })}><span>${t(lang, 'messages.retry')}</span></button></div>` : nothing}
      </div>
    </div>`;
  }

  protected override firstUpdated(): void {
    this.#observe();
  }

  // Measure the rendered rows, put the view back where the reader had it, and render again while
  // measuring changes which rows are in view. Skipped while hidden: nothing has a size then.
  protected override updated(): void {
    const scroller = this.#scroller;
    if (!scroller.clientWidth) return;
    const items = this.renderRoot.querySelector<HTMLElement>('.items')!;
    this.#itemsTop = items.offsetTop;
    let measured = false;
    for (const row of items.querySelectorAll<HTMLElement>(':scope > .row')) measured = this.#rows.measure(row.dataset.key!, row.getBoundingClientRect().height) || measured;
    const target = this.#view.restore(scroller, this.#itemsTop, this.messages[0]?.key);
    if (target !== undefined && Math.abs(scroller.scrollTop - target) >= 1) scroller.scrollTop = target;
    const wanted = this.#range();
    const moved = wanted.start !== this.#rendered.start || wanted.end !== this.#rendered.end;
    if ((measured || moved) && this.#passes++ < MAX_PASSES) this.requestUpdate();
    else this.#report();
  }

  #range() {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const viewport = scroller?.clientHeight ?? 0;
    const top = this.#view.viewTop(viewport, (scroller?.scrollTop ?? 0) - this.#itemsTop);
    return this.#rows.range(top, viewport, OVERSCAN);
  }

  /** Fires the events that depend on where the reader is, once the layout has settled. */
  #report(): void {
    const scroller = this.#scroller;
    if (this.hasOlder && !this.loadingOlder && !this.#olderAsked && scroller.scrollTop < Math.max(scroller.clientHeight, 200)) {
      this.#olderAsked = true;
      emit(this, 'xmpp-chat-load-older', {});
    }
    const newest = this.messages.at(-1);
    if (newest && newest.key !== this.#seenKey && this.#view.atBottom(scroller) && document.visibilityState === 'visible') {
      this.#seenKey = newest.key;
      emit(this, 'xmpp-chat-seen', {});
    }
  }

  #onScroll = (): void => {
    this.#view.capture(this.#scroller, this.#itemsTop, this.messages[0]?.key);
    if (this.#view.atBottom(this.#scroller)) this.#jump = false;
    this.#recheck();
  };

  #jumpToNewest = (): void => {
    const scroller = this.#scroller;
    this.#jump = false;
    scroller.focus({ preventScroll: true }); // the button goes away; keep keyboard focus in the log
    // A long way through unmeasured rows is jumped at once: smoothly it would land short and jerk.
    const far = scroller.scrollHeight - scroller.scrollTop > 3 * scroller.clientHeight;
    if (far || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.#view.pinned = true;
      return this.#recheck();
    }
    this.#view.startJump(scroller.scrollTop);
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: 'smooth' });
    setTimeout(this.#endJump, 1000); // in case the browser never reports the end of the scroll
  };

  #endJump = (): void => {
    if (this.#view.endJump()) this.#recheck();
  };

  #recheck = (): void => {
    this.#passes = 0;
    this.requestUpdate();
  };

  #resized(): void {
    if (!this.isConnected) return;
    if (this.#scroller.clientWidth !== this.#width) this.#rows.clear(); // rows wrap differently now
    this.#width = this.#scroller.clientWidth;
    this.#recheck();
  }

  #observe(): void {
    this.#resize.observe(this.#scroller);
    this.#resize.observe(this.renderRoot.querySelector('.items')!);
  }

  get #scroller(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.scroller')!;
  }
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DAY_YEAR: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang} ${JSON.stringify(options)}`;
  if (!formats.has(id)) formats.set(id, new Intl.DateTimeFormat(locales(lang), options));
  return formats.get(id)!;
}

function locales(lang: string): string[] {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang || []);
  } catch (error) {
    if (error instanceof RangeError) return []; // a malformed tag: the browser's language, not a broken list
    throw error;
  }
}

const dayOf = (time: number) => new Date(time).toDateString();

function dayLabel(time: number, lang: string): string {
  const now = new Date();
  const thisYear = now.getFullYear();
  if (dayOf(time) === now.toDateString()) return t(lang, 'messages.today');
  if (dayOf(time) === dayOf(now.setDate(now.getDate() - 1))) return t(lang, 'messages.yesterday');
  return format(lang, new Date(time).getFullYear() === thisYear ? DAY : DAY_YEAR).format(time);
}

// Beside the state in words: a clock, one tick sent, two delivered, two in the accent colour read.
const icon = (d: string, ring = false) => html`<svg viewBox="0 0 16 16" aria-hidden="true">${ring ? svg`<circle cx="8" cy="8" r="6"/>` : nothing}<path d=${d}/></svg>`;
const TICKS = 'M1 8.5l3 3 7-7M7 11.5l7-7';
const ICONS: Record<MessageState, TemplateResult> = {
  pending: icon('M8 5v3l2 1.5', true), sent: icon('M3 8.5l3 3 7-7'), delivered: icon(TICKS), read: icon(TICKS), failed: icon('M8 5v3.5M8 11v.5', true),
};

if (!customElements.get('xmpp-chat-message-list')) customElements.define('xmpp-chat-message-list', MessageList);
