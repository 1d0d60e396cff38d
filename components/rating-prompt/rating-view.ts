/**
 * The rating prompt as a message list shows it: below the messages, for the peer's latest request
 * that no rating of the reader's answers yet. Loaded, with the prompt, when a rating is first asked
 * for, so a list that never sees a request never carries this code.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StoredMessage } from '../../src/index.ts';
import type { XmppChatEvents } from '../events.ts';
import { ratingAsked } from './rating-asked.ts';
import './rating-prompt.ts';

export type RatingView = (messages: readonly StoredMessage[], lang: string) => TemplateResult | typeof nothing;

/** A view for one list; `rated` is told the rating the reader sends. */
export function ratingView(rated: (detail: XmppChatEvents['xmpp-chat-rate']) => void): RatingView {
  let asked: ReturnType<typeof ratingAsked>;
  let seen: readonly StoredMessage[] | undefined;
  const onRate = (event: CustomEvent<XmppChatEvents['xmpp-chat-rate']>) => {
    event.stopPropagation(); // told again by the list, for the view that renders it
    rated(event.detail);
  };
  return (messages, lang) => {
    // Worked out again only when the messages change (a new array), not on every scroll.
    if (messages !== seen) {
      seen = messages;
      asked = ratingAsked(messages, asked);
    }
    return asked
      ? html`<xmpp-chat-rating-prompt part="rating-prompt" lang=${lang} ?answered=${asked.answered} @xmpp-chat-rate=${onRate}></xmpp-chat-rating-prompt>`
      : nothing;
  };
}
