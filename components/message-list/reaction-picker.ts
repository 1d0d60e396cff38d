/**
 * The emoji picker that a message's "More emoji" opens: one per list, over the bottom of the list
 * rather than inside a row, so it changes no row's height and stays whole however the rows scroll.
 * Its code and data load when it is first opened.
 */
import { html, nothing, render } from 'lit';
import type { MessageList } from './message-list.ts';

export class ReactionPicker {
  #layer?: HTMLElement;
  #loading?: Promise<unknown>;
  #closed?: () => void;

  constructor(private readonly list: MessageList) {}

  /** Shows the picker: `picked` is told the emoji chosen, `closed` that Escape or a press beside it closed it. */
  async open(picked: (emoji: string) => void, closed: () => void): Promise<void> {
    try {
      await (this.#loading ??= import('../emoji-picker/emoji-picker.ts'));
    } catch (error) {
      this.#loading = undefined; // a later try may load it
      throw error;
    }
    this.#closed = closed;
    const onEmoji = (event: CustomEvent<{ emoji: string }>) => {
      event.stopPropagation(); // ours to act on, not the composer's
      picked(event.detail.emoji);
    };
    const onClose = (event: Event) => {
      event.stopPropagation(); // the picker closes, not the widget
      closed();
    };
    this.#layer ??= Object.assign(this.list.renderRoot.appendChild(document.createElement('div')), { className: 'picker-layer' });
    render(
      html`<xmpp-chat-emoji-picker part="emoji-picker" lang=${this.list.lang} @xmpp-chat-emoji=${onEmoji} @xmpp-chat-close=${onClose}></xmpp-chat-emoji-picker>`,
      this.#layer,
    );
    document.addEventListener('pointerdown', this.#pressed, true);
  }

  close(): void {
    if (this.#layer) render(nothing, this.#layer);
    document.removeEventListener('pointerdown', this.#pressed, true);
    this.#closed = undefined;
  }

  /** A press beside the picker closes it; one on a message's toolbar is left to the toolbar. */
  #pressed = (event: Event): void => {
    const path = event.composedPath();
    const inside = path.some((node) => node === this.#layer || (node instanceof Element && node.matches('[part~="message-actions"]')));
    if (!inside) this.#closed?.();
  };
}
