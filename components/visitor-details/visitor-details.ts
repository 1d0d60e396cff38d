import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Client, VisitorContext } from '../../src/index.ts';
import type { VerificationResult, VisitorVerification } from '../../src/desk.ts';
import '../desk-settings/desk-settings.ts';
import { verificationFor } from '../desk-settings/verification-for.ts';
import '../i18n/catalog-full.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { browserOf, languageName, localTime } from './field-text.ts';
import { styles } from './visitor-details.styles.ts';

export { browserOf };

const isWebAddress = (value: string) => /^https?:\/\//i.test(value);
const link = (value: string, text = value) =>
  isWebAddress(value) ? html`<a href=${value} target="_blank" rel="noopener noreferrer">${text}</a>` : html`${text}`;

/** Where a shown value comes from: the site vouches for it (a matching signature), or only the visitor's browser does. */
type Trust = 'verified' | 'unverified';

/**
 * @summary What a support agent knows of a visitor: name, email, the page they write from, where they came from, language, local time, browser — and whether the site vouches for who they are.
 *
 * Everything shown is text from the visitor's message (see `urn:xmpp-chat:visitor:0`); only
 * http(s) addresses become links, which open in a new tab without a referrer. Anyone can send any
 * of it, so every field is labelled "unverified" unless the site signed the user id, name and
 * email with the secret the desk holds (`verification`): then they show as verified. A signature
 * that does not match is a warning. With `verification` set, the form for that secret is at the end.
 *
 * @csspart visitor-details - The section.
 * @csspart verified - The badge of a visitor the site vouches for, with their user id.
 * @csspart forged - The warning that the signature does not match.
 * @csspart unverified - The label of a field the visitor's browser told (anyone can send anything).
 * @csspart verified-field - The label of a field the site's signature covers.
 * @csspart desk-settings - The verification secret's form (see `<xmpp-chat-desk-settings>`).
 * @csspart secret-input - Its field.
 * @csspart secret-save-button - Its save button.
 * @csspart secret-remove-button - Its remove button.
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Labels (#475569).
 * @cssproperty --xmpp-chat-border - Separator (#e2e8f0).
 * @cssproperty --xmpp-chat-accent - Links (#2563eb).
 * @cssproperty --xmpp-chat-danger - The forged-signature warning (#dc2626).
 */
export class XmppChatVisitorDetails extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    context: { attribute: false },
    now: { attribute: false },
    verification: { attribute: false },
    client: { attribute: false },
    result: { state: true },
    failure: { state: true },
  };

  declare lang: string;
  declare context?: VisitorContext;
  /** The time to show the visitor's local time at; the time of rendering by default. */
  declare now?: number;
  /** Full mode: checks the context's signature (`createVisitorVerification`); without it nothing shows as verified. */
  declare verification?: VisitorVerification;
  /** Full mode: the support account's connection, whose verification is used when `verification` is not set. */
  declare client?: Client;
  /** The check's result for the current context and secret; undefined while it runs. */
  declare private result?: VerificationResult;
  declare private failure?: string;
  #checks = 0;
  #off?: () => void;

  constructor() {
    super();
    this.lang = 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#off?.();
    this.#off = undefined;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client')) this.#adopt(this.client);
    if (changed.has('verification')) this.#watch();
    else if (changed.has('context')) this.#check();
  }

  /** Takes the connection's verification once its code has loaded. */
  #adopt(client: Client | undefined): void {
    if (!client || this.verification) return;
    verificationFor(client).then(
      (verification) => {
        if (this.client === client && !this.verification) this.verification = verification;
      },
      (error: Error) => {
        if (this.client === client) this.failure = error.message;
      },
    );
  }

  #watch(): void {
    this.#off?.();
    this.#off = this.verification?.on('changed', () => this.#check());
    this.#check();
  }

  /** Checks the signature again; only the newest check's answer is shown. */
  #check(): void {
    const check = ++this.#checks;
    const { verification, context } = this;
    this.result = undefined;
    this.failure = undefined;
    if (!verification) return;
    verification.verify(context).then(
      (result) => {
        if (check === this.#checks) this.result = result;
      },
      (error: Error) => {
        if (check === this.#checks) this.failure = error.message;
      },
    );
  }

  #banner() {
    const { lang, result, failure, context: c = {} } = this;
    if (failure) return html`<p class="note">${t(lang, 'visitor.unchecked', { message: failure })}</p>`;
    if (result === 'verified')
      return html`<p part="verified" class="badge" dir="auto">${t(lang, 'visitor.verified', { id: c.userId ?? '' })}</p>`;
    if (result === 'forged') return html`<p part="forged" class="warning">${t(lang, 'visitor.forged')}</p>`;
    if (result === 'no-secret') return html`<p class="note">${t(lang, 'visitor.no-secret')}</p>`;
    return nothing;
  }

  override render() {
    const { lang, context: c = {} } = this;
    const verified = this.result === 'verified';
    // The signature covers the user id, name and email; the rest is only ever the browser's word.
    const signed = (field: unknown): Trust => (verified && field ? 'verified' : 'unverified');
    const rows: [MessageKey, TemplateResult | string | undefined, string | undefined, Trust][] = [
      ['visitor.name', c.name, undefined, signed(c.name)],
      ['visitor.email', c.email && html`<a href=${`mailto:${c.email}`}>${c.email}</a>`, undefined, signed(c.email)],
      ['visitor.user-id', verified ? undefined : c.userId, undefined, 'unverified'],
      ['visitor.page', c.page && link(c.page, c.pageTitle || c.page), c.page, 'unverified'],
      ['visitor.referrer', c.referrer && link(c.referrer), c.referrer, 'unverified'],
      ['visitor.language', c.language && languageName(c.language, lang), undefined, 'unverified'],
      ['visitor.time', c.timeZone && localTime(c.timeZone, lang, this.now ?? Date.now()), undefined, 'unverified'],
      ['visitor.browser', browserOf(c.userAgent) ?? c.userAgent, c.userAgent, 'unverified'],
    ];
    const shown = rows.filter(([, value]) => value);
    return html`<section part="visitor-details" aria-label=${t(lang, 'visitor.details')}>
      ${this.#banner()}
      ${
        shown.length
          ? html`<dl>${shown.map(
              ([key, value, full, trust]) => html`<div class="row">
          <dt>${t(lang, key)}</dt><dd class="value" dir="auto" title=${full ?? nothing}>${value}</dd>
          <dd part=${trust === 'verified' ? 'verified-field' : 'unverified'} class="trust ${trust}">${t(
            lang,
            trust === 'verified' ? 'visitor.verified-field' : 'visitor.unverified',
          )}</dd></div>`,
            )}</dl>`
          : html`<p class="none">${t(lang, 'visitor.none')}</p>`
      }
      ${
        this.verification
          ? html`<details class="settings" ?open=${this.result === 'no-secret'}>
          <summary>${t(lang, 'settings.title')}</summary>
          <xmpp-chat-desk-settings exportparts="desk-settings, secret-input, secret-save-button, secret-remove-button" lang=${lang}
            .verification=${this.verification}></xmpp-chat-desk-settings></details>`
          : nothing
      }
    </section>`;
  }
}

if (!customElements.get('xmpp-chat-visitor-details')) customElements.define('xmpp-chat-visitor-details', XmppChatVisitorDetails);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-visitor-details': XmppChatVisitorDetails;
  }
}
