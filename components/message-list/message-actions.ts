/**
 * The small toolbar a message shows on hover or focus: react (six quick emoji, and more in the emoji
 * picker), reply, and for our own messages edit and delete, which asks first. One tab stop per
 * message (a WAI-ARIA toolbar: the arrow keys move between its buttons); Escape closes what it opened.
 * It fires the list's events; the list keeps which message's palette, picker or question is open.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { StoredMessage } from '../../src/index.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import type { MessageList } from './message-list.ts';
import { ourReactions, toggled } from './message-reactions.ts';
import { ReactionPicker } from './reaction-picker.ts';

const QUICK_EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${d}></path>`}</svg>`;
const ICONS = {
  react: icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8.5 14a4 4 0 0 0 7 0M9 9.5h.01M15 9.5h.01'),
  more: icon('M12 5v14M5 12h14'),
  reply: icon('M9 14L4 9l5-5M4 9h10a6 6 0 0 1 6 6v4'),
  edit: icon('M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4'),
  delete: icon('M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13'),
};

/** The toolbars of one list, and which of them has something open. */
export class MessageActions {
  /** The message whose quick emoji show, whose emoji picker is open, or whose deletion is being asked about. */
  #palette?: string;
  #picker?: string;
  #confirming?: string;
  readonly #emojiPicker: ReactionPicker;

  constructor(private readonly list: MessageList) {
    this.#emojiPicker = new ReactionPicker(list);
  }

  /** The toolbar of `message`, or nothing for messages that take no action (retracted, failed). */
  toolbar(message: StoredMessage): TemplateResult | typeof nothing {
    if (message.retracted || message.state === 'failed' || this.list.actions === 'none') return nothing;
    const { lang } = this.list;
    const { key } = message;
    const moderating = this.list.actions === 'moderate';
    const ours = message.direction === 'out';
    // The first button is the toolbar's tab stop; the arrow keys reach the others.
    const button = (name: keyof typeof ICONS, label: string, action: () => void, expanded?: boolean) =>
      html`<button class=${name} aria-label=${label} title=${label} tabindex=${name === 'react' ? nothing : '-1'}
        aria-expanded=${expanded ?? nothing} @click=${action}>${ICONS[name]}</button>`;
    if (this.#confirming === key)
      return html`<div class="actions open confirm" part="message-actions" role="group" aria-labelledby="confirm-question" @keydown=${this.#onKey}>
        <span id="confirm-question">${t(lang, moderating ? 'actions.confirm-remove' : 'actions.confirm')}</span>
        <button class="danger" @click=${() => this.#retract(key)}>${t(lang, moderating ? 'actions.remove' : 'actions.delete')}</button>
        <button class="cancel" @click=${() => this.#close(key)}>${t(lang, 'actions.cancel')}</button>
      </div>`;
    if (moderating)
      return html`<div class="actions" part="message-actions" role="toolbar" aria-label=${t(lang, 'actions.label')} @keydown=${this.#onKey}>
        <button class="remove" @click=${() => this.#ask(key)}>${t(lang, 'actions.remove')}</button></div>`;
    const palette = this.#palette === key;
    const mine = ourReactions(message, this.list.self);
    return html`<div class="actions ${palette || this.#picker === key ? 'open' : ''}" part="message-actions" role="toolbar"
      aria-label=${t(lang, 'actions.label')} @keydown=${this.#onKey}>
      ${button('react', t(lang, 'actions.react'), () => this.#toggle(key), palette)}
      ${
        palette
          ? html`${QUICK_EMOJI.map(
              (emoji) =>
                html`<button class="quick" tabindex="-1" aria-label=${t(lang, 'actions.react-with', { emoji })} aria-pressed=${mine.includes(emoji) ? 'true' : 'false'}
                  @click=${() => this.#react(message, toggled(mine, emoji))}>${emoji}</button>`,
            )}${button('more', t(lang, 'actions.more'), () => this.#openPicker(key), this.#picker === key)}`
          : nothing
      }
      ${
        palette // the quick emoji take the others' place, so the toolbar stays one short line
          ? nothing
          : html`${button('reply', t(lang, 'actions.reply'), () => emit(this.list, 'xmpp-chat-reply-to', { key }))}
            ${ours && !message.file ? button('edit', t(lang, 'actions.edit'), () => emit(this.list, 'xmpp-chat-edit', { key })) : nothing}
            ${ours ? button('delete', t(lang, 'actions.delete'), () => this.#ask(key)) : nothing}`
      }
    </div>`;
  }

  #toggle(key: string): void {
    this.#palette = this.#palette === key ? undefined : key;
    this.#picker = undefined;
    this.#emojiPicker.close();
    this.#update(key, this.#palette ? '.quick' : '.react');
  }

  #openPicker(key: string): void {
    if (this.#picker === key) return this.#close(key);
    this.#picker = key;
    this.list.requestUpdate();
    this.#emojiPicker
      .open(
        (emoji) => this.#picked(key, emoji),
        () => this.#close(key),
      )
      .catch((error: Error) => {
        this.#close(key);
        emit(this.list, 'xmpp-chat-error', { code: 'load', message: error.message });
      });
  }

  /** An emoji picked in the picker is added to ours (one already there stays). */
  #picked(key: string, emoji: string): void {
    const message = this.list.messages.find((m) => m.key === key);
    const mine = message ? ourReactions(message, this.list.self) : [];
    if (message && !mine.includes(emoji)) this.#react(message, [...mine, emoji]);
    else this.#close(key);
  }

  #ask(key: string): void {
    this.#confirming = key;
    this.#palette = this.#picker = undefined;
    this.#emojiPicker.close();
    this.#update(key, '.cancel');
  }

  #retract(key: string): void {
    this.#confirming = undefined;
    emit(this.list, this.list.actions === 'moderate' ? 'xmpp-chat-moderate' : 'xmpp-chat-retract', { key });
    this.list.requestUpdate();
  }

  #react(message: StoredMessage, emojis: string[]): void {
    emit(this.list, 'xmpp-chat-react', { key: message.key, emojis });
    this.#close(message.key);
  }

  /** Closes whatever is open on `key`'s toolbar, and puts the focus back on it if it was in the list. */
  #close(key: string): void {
    const focusWasIn = !!this.list.shadowRoot?.activeElement;
    this.#palette = this.#picker = this.#confirming = undefined;
    this.#emojiPicker.close();
    this.#update(key, focusWasIn ? '.react, .reply, .remove' : undefined);
  }

  /** Renders again, then focuses the first element matching `focus` in `key`'s row. */
  #update(key: string, focus?: string): void {
    this.list.requestUpdate();
    if (focus) void this.list.updateComplete.then(() => this.#row(key)?.querySelector<HTMLElement>(focus)?.focus());
  }

  #row(key: string): HTMLElement | null | undefined {
    return this.list.shadowRoot?.querySelector<HTMLElement>(`.row[data-key="${CSS.escape(key)}"]`);
  }

  /** Arrow keys, Home and End move between the toolbar's buttons; Escape closes what is open. */
  #onKey = (event: KeyboardEvent): void => {
    const bar = event.currentTarget as HTMLElement;
    const key = bar.closest<HTMLElement>('.row')?.dataset.key;
    if (event.key === 'Escape' && key && (this.#palette || this.#picker || this.#confirming)) {
      event.stopPropagation();
      return this.#close(key);
    }
    const buttons = [...bar.querySelectorAll('button')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const rtl = getComputedStyle(bar).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -at, End: buttons.length - 1 - at }[event.key];
    if (at < 0 || step === undefined) return;
    event.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length].focus();
  };
}
