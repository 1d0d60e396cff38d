/**
 * The quote above a reply (XEP-0461): who wrote the answered message and what it said. When that
 * message is loaded, the quote is a button that scrolls to it.
 */
import { html, type TemplateResult } from 'lit';
import type { ReplyTo, StoredMessage } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';
import type { MessageList } from './message-list.ts';

/** Loaded messages by the id replies name them by (`sid ?? key`), worked out again when the array changes. */
const indexes = new WeakMap<readonly StoredMessage[], Map<string, StoredMessage>>();

function answered(messages: readonly StoredMessage[], id: string): StoredMessage | undefined {
  let index = indexes.get(messages);
  if (!index) indexes.set(messages, (index = new Map(messages.map((m) => [m.sid ?? m.key, m]))));
  return index.get(id);
}

/** The quote of `replyTo`; `reveal` scrolls to the answered message's row by its key. */
export function replyQuote(replyTo: ReplyTo, list: MessageList, reveal: (key: string) => unknown): TemplateResult {
  const { lang, self, peerName } = list;
  const target = answered(list.messages, replyTo.id);
  const bare = replyTo.to?.split('/')[0].toLowerCase();
  const ours = target ? target.direction === 'out' : !!bare && bare === self.toLowerCase();
  const name = ours ? t(lang, 'messages.you') : (target?.nick ?? peerName);
  const quote = target?.retracted ? t(lang, 'messages.deleted') : (replyTo.quote ?? quoteOf(target) ?? t(lang, 'reply.earlier'));
  const content = html`<span class="sr">${t(lang, 'reply.to', { name })}: </span><span class="quote-author" aria-hidden="true"
      >${name}</span
    ><span class="quote-text" dir="auto">${quote}</span>`;
  return target
    ? html`<button class="reply-quote" part="reply-quote" @click=${() => reveal(target.key)}>${content}</button>`
    : html`<div class="reply-quote" part="reply-quote">${content}</div>`;
}

/** What a quote of a loaded message says when the reply brought none: its text, or its file's name. */
function quoteOf(message: StoredMessage | undefined): string | undefined {
  return (message?.file?.name ?? message?.body) || undefined;
}
