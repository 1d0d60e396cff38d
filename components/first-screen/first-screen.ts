import { html, LitElement, nothing } from 'lit';
import type { Availability } from '../../src/index.ts';
import { isOpen, nextOpening, type OfficeHours } from '../../src/desk.ts';
import { emit } from '../events.ts';
import { fieldText } from '../form-field.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './first-screen.styles.ts';
import { backWords, replyWords, teamWords } from './when.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What a visitor sees above the conversation once the desk's presence is known: who of the team
 * is there, the greeting or away message, the usual reply time or when the desk is back; and,
 * outside office hours or with nobody there, an offer to leave an email with the message.
 *
 * @summary The visitor's first screen: the team, office hours and leaving an email.
 *
 * @csspart team - "Ann and Bo are here." (the names of the agents who are there).
 * @csspart availability - The greeting while someone is there, the away message while nobody is.
 * @csspart office-hours - "Usually replies within 2 hours." while open, "Back Monday at 9:00 AM." while closed.
 * @csspart offline-form - Outside office hours or with nobody there: the form to leave an email.
 * @csspart offline-input - Its email field.
 * @csspart offline-submit - Its button.
 * @csspart offline-confirmation - "We'll reply to ada@example.org."
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Secondary text (#475569).
 * @cssproperty --xmpp-chat-accent - Button and focus ring (#2563eb).
 * @fires xmpp-chat-leave-email - The visitor left this email for a reply: `{ email }`.
 */
export class XmppChatFirstScreen extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    team: { attribute: false },
    presence: {},
    hours: { attribute: false },
    greeting: {},
    awayMessage: { attribute: false },
    email: {},
    capture: { type: Boolean },
    now: { attribute: false },
    invalid: { state: true },
  };

  declare lang: string;
  /** The names of the agents who are there. */
  declare team: readonly string[];
  /** The desk's presence. */
  declare presence: Availability;
  /** The desk's office hours; undefined while unknown or when it published none. */
  declare hours?: OfficeHours;
  /** The site's greeting and away message; ours by default. */
  declare greeting?: string;
  declare awayMessage?: string;
  /** The visitor's email, when known. */
  declare email?: string;
  /** Offer to leave an email when the desk is closed or nobody is there. */
  declare capture: boolean;
  /** The clock (tests set it). */
  declare now: () => Date;
  declare private invalid: boolean;

  constructor() {
    super();
    this.lang = 'en';
    this.team = [];
    this.presence = 'offline';
    this.capture = false;
    this.now = () => new Date();
    this.invalid = false;
  }

  /** Drawn again each minute: the desk opens and closes, and "today" becomes "tomorrow", while the panel is open. */
  #clock?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  override render() {
    const { lang, hours } = this;
    const now = this.now();
    const open = hours ? isOpen(hours, now) : true;
    const here = this.presence !== 'offline';
    const away = !open || !here;
    const team = here ? teamWords(lang, this.team) : '';
    const when = open ? replyWords(lang, hours) : backWords(lang, nextOpening(hours!, now), now);
    const line = here ? this.greeting || t(lang, 'availability.greeting') : this.awayMessage || t(lang, 'availability.away');
    return html`${team ? html`<p part="team" class="team" dir="auto">${team}</p>` : nothing}
      <p part="availability" class="availability ${here ? 'online' : 'offline'}" dir="auto">${line}</p>
      ${when ? html`<p part="office-hours" class="hours ${open ? 'open' : 'closed'}">${when}</p>` : nothing}
      ${away && this.capture ? this.#capture() : nothing}`;
  }

  #capture() {
    const { lang, email } = this;
    if (email)
      return html`<p part="offline-confirmation" class="confirmation" role="status" dir="auto">${t(lang, 'first-screen.will-reply', { email })}</p>`;
    return html`<form part="offline-form" novalidate @submit=${this.#onSubmit}>
      <label for="email">${t(lang, 'first-screen.leave-email')}</label>
      <span class="row"><input id="email" name="email" part="offline-input" type="email" autocomplete="email" maxlength="254"
        placeholder=${t(lang, 'first-screen.email')} aria-invalid=${String(this.invalid)} aria-describedby=${this.invalid ? 'problem' : nothing} />
      <button part="offline-submit" type="submit">${t(lang, 'first-screen.save-email')}</button></span>
      ${this.invalid ? html`<span id="problem" class="problem">${t(lang, 'prechat.invalid-email')}</span>` : nothing}
    </form>`;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const email = fieldText(new FormData(event.target as HTMLFormElement), 'email').trim();
    this.invalid = !EMAIL.test(email);
    if (!this.invalid) emit(this, 'xmpp-chat-leave-email', { email });
  }
}

if (!customElements.get('xmpp-chat-first-screen')) customElements.define('xmpp-chat-first-screen', XmppChatFirstScreen);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-first-screen': XmppChatFirstScreen;
  }
}
