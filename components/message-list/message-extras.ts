/**
 * Everything a message may show besides plain text, loaded by the list when a message needs it
 * (a file, reactions, a reply, a retraction, styling or `/me`) or when the reader first points at
 * or focuses the list (for the actions toolbar), so a visitor whose conversation is plain text
 * never loads it. Its styles are added to the list's when it loads.
 */
import { adoptStyles, html, nothing, type TemplateResult } from 'lit';
import type { StoredMessage } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-message-extras.ts';
import { t } from '../i18n/i18n.ts';
import { showImage } from './image-viewer.ts';
import { MessageActions } from './message-actions.ts';
import { extrasStyles } from './message-extras.styles.ts';
import { fileView, httpUrl, isEncrypted } from './message-files.ts';
import type { MessageList } from './message-list.ts';
import { reactionChips } from './message-reactions.ts';
import { replyQuote } from './reply-quote.ts';
import { styledText } from './styled-text.ts';
import type { VirtualScroller } from './virtual-scroller.ts';

/** Renders what a row shows in place of its plain text bubble; `sender` names who wrote it. */
export type RowExtras = (message: StoredMessage, sender: string) => TemplateResult;

/** The extras of one list; `virtual` is its scroller, for rows that change height or are scrolled to. */
export function messageExtras(list: MessageList, virtual: VirtualScroller): RowExtras {
  const root = list.renderRoot as ShadowRoot;
  adoptStyles(root, [...(list.constructor as typeof MessageList).elementStyles, extrasStyles]);
  const actions = new MessageActions(list);
  /** Messages whose large image the reader asked to see. */
  const shown = new Set<string>();
  const rowOf = (key: string) => root.querySelector<HTMLElement>(`.row[data-key="${CSS.escape(key)}"]`);
  const focusIn = (key: string, selector: string) => rowOf(key)?.querySelector<HTMLElement>(selector)?.focus();

  /** Scrolls the row of `key` to the top of the view and focuses it, flashing it once. */
  const reveal = async (key: string) => {
    const i = virtual.rows.indexOf(key);
    if (i < 0) return;
    const items = root.querySelector<HTMLElement>('.items')!;
    virtual.view.pinned = virtual.view.jumping = false;
    virtual.scroller.scrollTop = items.offsetTop + virtual.rows.offsetOf(i) - 8;
    // Anchored to that row, which stays put while the rows around it are measured.
    virtual.view.capture(virtual.scroller, items.offsetTop, list.messages[0]?.key);
    virtual.recheck();
    for (let passes = 0; passes < 10 && !(await list.updateComplete); passes++);
    const row = rowOf(key);
    if (!row) return;
    row.tabIndex = -1;
    row.focus({ preventScroll: true });
    const accent = getComputedStyle(row).getPropertyValue('--xmpp-chat-accent').trim() || '#2563eb';
    row.animate([{ backgroundColor: `color-mix(in srgb, ${accent} 25%, transparent)` }, { backgroundColor: 'transparent' }], 1500);
  };

  const fileActions = (message: StoredMessage) => ({
    show: () => {
      shown.add(message.key);
      list.requestUpdate();
      void list.updateComplete.then(() => focusIn(message.key, '.image'));
    },
    open: () => void (message.file && showImage(root, message.file, list.lang, () => focusIn(message.key, '.image'))),
    // Rows are measured again before the browser paints, so nothing below the image jumps.
    loaded: virtual.recheck,
  });

  const body = (message: StoredMessage, sender: string) => {
    const { file } = message;
    const text = file && sameUrl(message.body, file.url) ? '' : message.body;
    const me = text.startsWith('/me ');
    return html`${file ? fileView(file, list.lang, shown.has(message.key), fileActions(message)) : nothing}
    ${
      text
        ? html`<div class="bubble ${me ? 'me' : ''}" part="message-body" dir="auto">${me ? `* ${sender} ` : ''}${styledText(me ? text.slice(4) : text)}</div>`
        : nothing
    }`;
  };

  return (message, sender) => {
    const { lang, self } = list;
    if (message.retracted)
      return html`<div class="bubble retracted" part="message-body" dir="auto">${
        message.moderatedBy ? t(lang, 'messages.removed-by', { name: message.moderatedBy }) : t(lang, 'messages.deleted')
      }</div>`;
    return html`${message.replyTo ? replyQuote(message.replyTo, list, reveal) : nothing}${body(message, sender)}
      ${reactionChips(message, self, lang, (emojis) => emit(list, 'xmpp-chat-react', { key: message.key, emojis }))}
      ${actions.toolbar(message)}`;
  };
}

/** The body is only the file's link (as file messages are sent), so the file's view says it all. */
function sameUrl(body: string, url: string): boolean {
  const text = body.trim();
  // An encrypted file comes from a body that is just its link, which holds the key: never shown.
  if (isEncrypted(url)) return isEncrypted(text);
  return !!httpUrl(url) && (text === url || httpUrl(text) === url);
}
