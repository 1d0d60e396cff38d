/**
 * One row of the message log as a template: the day separator when the day changed, the bubble
 * with its links, the time, and the delivery state or failure. Pure: everything it shows comes in
 * as parameters, and the retry button calls back.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { MessageState, StoredMessage } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';
import { linkify } from '../linkify/linkify.ts';
import type { RowExtras } from './message-extras.ts';

/** What a row needs besides its message. */
export interface RowContext {
  /** Language of the strings, dates and times. */
  lang: string;
  /** The peer's name, told to screen readers before each of their messages. */
  peerName: string;
  /** The retry button of a failed message was pressed. */
  retry: (key: string) => void;
  /** Once loaded: files, replies, reactions, styling, actions (message-extras.ts) in place of the plain bubble. */
  extras?: RowExtras;
  /** In an encrypted conversation: whether a message was encrypted, in the meta line. */
  mark?: MessageMark;
}

/** The mark a message carries beside its time (encrypted or not). */
export type MessageMark = (message: StoredMessage, lang: string) => TemplateResult;

/**
 * The row of `message`; `previous` (the message before it, if any) decides the day separator and
 * grouping, `next` whether this is the last of a run written while nobody was there (which says
 * that the messages wait).
 */
export function messageRow(
  message: StoredMessage,
  previous: StoredMessage | undefined,
  { lang, peerName, retry, extras, mark }: RowContext,
  next?: StoredMessage,
): TemplateResult {
  const newDay = !previous || dayOf(previous.time) !== dayOf(message.time);
  const grouped = !newDay && previous.direction === message.direction && message.time - previous.time < 300_000;
  const { direction: dir, state } = message;
  // The sender's own name (an agent's, XEP-0172) heads each run of messages under that name.
  const { nick } = message;
  const sender = nick ?? (dir === 'out' ? t(lang, 'messages.you') : peerName);
  const stateShown = state === 'pending' || state === 'failed'; // the others are told by the ticks
  return html`<div class="row ${dir} ${grouped ? 'grouped' : ''} ${state === 'failed' ? 'failed-row' : ''}" data-key=${message.key}>
    ${newDay ? html`<div class="day" part="day-separator"><span>${dayLabel(message.time, lang)}</span></div>` : nothing}
    <div class="message ${message.mentionsMe ? 'mention' : ''}" part="message message-${dir}${message.mentionsMe ? ' mention' : ''}">
      ${nick && (!grouped || previous.nick !== nick) ? html`<span class="nick" part="message-sender" dir="auto" aria-hidden="true">${nick}</span>` : nothing}
      ${sender ? html`<span class="sr">${sender}: </span>` : nothing}
      ${
        extras
          ? extras(message, sender)
          : html`<div class="bubble" part="message-body" dir="auto">${linkify(message.body).map((part) =>
              'href' in part ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
            )}</div>`
      }
      <div class="meta" part="message-meta">
        <time datetime=${new Date(message.time).toISOString()}>${format(lang, TIME).format(message.time)}</time>
        ${message.corrected ? html`<span>· ${t(lang, 'messages.corrected')}</span>` : nothing}
        ${mark ? mark(message, lang) : nothing}
        ${dir === 'out' ? html`<span class="state ${state}">${ICONS[state]}<span class=${stateShown ? '' : 'sr'}>${t(lang, `state.${state}`)}</span></span>` : nothing}
      </div>
      ${
        dir === 'out' && state === 'failed'
          ? html`<div class="error" part="message-error"><span>${message.error ?? ''}</span>
        <button class="retry" part="retry-button" @click=${() => retry(message.key)}><span>${t(lang, 'messages.retry')}</span></button></div>`
          : nothing
      }
    </div>
    ${message.whileAway && dir === 'out' && !next?.whileAway ? html`<p class="note" part="message-note">${t(lang, 'availability.later')}</p>` : nothing}
  </div>`;
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
const icon = (d: string, ring = false) =>
  html`<svg viewBox="0 0 16 16" aria-hidden="true">${ring ? svg`<circle cx="8" cy="8" r="6"/>` : nothing}<path d=${d}></path></svg>`;
const TICKS = 'M1 8.5l3 3 7-7M7 11.5l7-7';
const ICONS: Record<MessageState, TemplateResult> = {
  pending: icon('M8 5v3l2 1.5', true),
  sent: icon('M3 8.5l3 3 7-7'),
  delivered: icon(TICKS),
  read: icon(TICKS),
  failed: icon('M8 5v3.5M8 11v.5', true),
};
