import { html, LitElement, nothing } from 'lit';
import { RATING_COMMENT_LIMIT, ratingBody, type RatingScore } from '../../src/index.ts';
import { emit } from '../events.ts';
import { fieldText } from '../form-field.ts';
import '../i18n/catalog-rating.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './rating-prompt.styles.ts';

const SCORES: readonly RatingScore[] = [1, 2, 3, 4, 5];

/**
 * Asks the visitor to rate the conversation from 1 to 5, with an optional comment, once the desk
 * asked for it. Answered once: it thanks the visitor afterwards. Its code loads only when a
 * rating is asked for.
 *
 * @summary A visitor's rating of a support conversation: five choices and a comment.
 * @csspart form - The rating form.
 * @csspart score - Each of the five choices.
 * @csspart comment - The comment field.
 * @csspart submit - The "Send rating" button.
 * @csspart thanks - The thanks, once the rating is sent.
 * @cssproperty --xmpp-chat-accent - The chosen score, the button and focus rings (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - The hint and the edges of the choices (#475569).
 * @cssproperty --xmpp-chat-border - The frame (#e2e8f0).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @fires xmpp-chat-rate - The visitor sent a rating: `{ score, comment?, body }` (the comment trimmed, absent when empty; `body` the answer in words for any client, "Rating: 4/5 — comment").
 */
export class XmppChatRatingPrompt extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    answered: { type: Boolean },
    problem: { state: true },
  };

  declare lang: string;
  /** The rating was sent: only the thanks show. */
  declare answered: boolean;
  declare private problem: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.answered = this.problem = false;
  }

  override render() {
    const { lang, problem } = this;
    if (this.answered) return html`<p class="thanks" part="thanks" role="status">${t(lang, 'rating.thanks')}</p>`;
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <fieldset aria-describedby="hint ${problem ? 'problem' : ''}">
        <legend>${t(lang, 'rating.title')}</legend>
        <p id="hint" class="hint">${t(lang, 'rating.hint')}</p>
        <div class="scores">
          ${SCORES.map(
            (score) => html`<input type="radio" id="score-${score}" name="score" value=${score} />
              <label for="score-${score}" part="score"><span aria-hidden="true">${score}</span><span class="sr-only">${t(lang, 'rating.score', { score })}</span></label>`,
          )}
        </div>
      </fieldset>
      <label class="comment" for="comment">${t(lang, 'rating.comment')}</label>
      <textarea id="comment" name="comment" part="comment" maxlength=${RATING_COMMENT_LIMIT} rows="2"></textarea>
      ${problem ? html`<p id="problem" class="problem">${t(lang, 'rating.required')}</p>` : nothing}
      <button class="submit" part="submit" type="submit">${t(lang, 'rating.submit')}</button>
    </form>`;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const score = Number(fieldText(data, 'score'));
    if (!SCORES.includes(score as RatingScore)) {
      this.problem = true;
      void this.updateComplete.then(() => form.querySelector<HTMLInputElement>('input')?.focus());
      return;
    }
    const comment = fieldText(data, 'comment').trim();
    this.answered = true;
    const rating = { score: score as RatingScore, ...(comment ? { comment } : {}) };
    emit(this, 'xmpp-chat-rate', { ...rating, body: ratingBody(rating.score, rating.comment) });
  }
}

if (!customElements.get('xmpp-chat-rating-prompt')) customElements.define('xmpp-chat-rating-prompt', XmppChatRatingPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-rating-prompt': XmppChatRatingPrompt;
  }
}
