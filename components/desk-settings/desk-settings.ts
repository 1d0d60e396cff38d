import { html, LitElement, nothing } from 'lit';
import type { VisitorVerification } from '../../src/desk.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './desk-settings.styles.ts';

/** What the form last did: shown under it until the next action. */
type Outcome =
  { key: 'settings.saved' | 'settings.removed' } | { key: 'settings.failed' | 'settings.unknown'; message: string } | undefined;

/**
 * @summary Full mode: the secret the site's server signs visitors' identities with, kept in the support account's private storage.
 *
 * The element stores the secret itself through `verification` rather than firing an event: the
 * secret goes from the field to the account's private storage and nowhere else (no event carries
 * it past the element, and the field is emptied once it is saved). Whether a secret is set is
 * shown; the secret itself is never read back into the page.
 *
 * @csspart desk-settings - The form.
 * @csspart secret-input - The secret's field (a password field).
 * @csspart secret-save-button - Saves the secret.
 * @csspart secret-remove-button - Removes it (shown while one is set).
 * @cssproperty --xmpp-chat-accent - Save button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Save button text (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Field edges and hints (#475569).
 * @cssproperty --xmpp-chat-danger - A failure (#dc2626).
 */
export class XmppChatDeskSettings extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    verification: { attribute: false },
    hasSecret: { state: true },
    busy: { state: true },
    outcome: { state: true },
  };

  declare lang: string;
  /** The support account's visitor verification (`createVisitorVerification`). */
  declare verification?: VisitorVerification;
  declare private hasSecret?: boolean;
  declare private busy: boolean;
  declare private outcome: Outcome;
  #off?: () => void;

  constructor() {
    super();
    this.lang = 'en';
    this.busy = false;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('verification')) this.#watch();
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

  #watch(): void {
    this.#off?.();
    const verification = this.verification;
    this.#off = verification?.on('changed', () => this.#read(verification));
    if (verification) this.#read(verification);
  }

  #read(verification: VisitorVerification): void {
    verification.hasSecret().then(
      (has) => {
        if (verification === this.verification) this.hasSecret = has;
      },
      (error: Error) => {
        if (verification === this.verification) this.outcome = { key: 'settings.unknown', message: error.message };
      },
    );
  }

  async #run(action: (verification: VisitorVerification) => Promise<void>, done: 'settings.saved' | 'settings.removed'): Promise<void> {
    const verification = this.verification;
    if (!verification || this.busy) return;
    this.busy = true;
    this.outcome = undefined;
    try {
      await action(verification);
      this.outcome = { key: done };
      this.hasSecret = done === 'settings.saved';
      return;
    } catch (error) {
      // Shown in the form; the message never holds the secret (see VerificationError).
      this.outcome = { key: 'settings.failed', message: (error as Error).message };
    } finally {
      this.busy = false;
    }
  }

  #save(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input')!;
    // Pasted secrets often come with a line end or spaces around them.
    const secret = input.value.trim();
    if (!secret) return;
    void this.#run((v) => v.setSecret(secret), 'settings.saved').then(() => {
      if (this.outcome?.key === 'settings.saved') input.value = '';
    });
  }

  override render() {
    const { lang, outcome, busy } = this;
    const disabled = busy || !this.verification;
    return html`<form part="desk-settings" @submit=${(e: SubmitEvent) => this.#save(e)}>
      <fieldset>
        <legend>${t(lang, 'settings.title')}</legend>
        <p class="muted">${t(lang, 'settings.intro')}</p>
        ${this.hasSecret === undefined ? nothing : html`<p>${t(lang, this.hasSecret ? 'settings.set' : 'settings.unset')}</p>`}
        <label for="secret">${t(lang, 'settings.secret')}</label>
        <input id="secret" part="secret-input" type="password" autocomplete="off" spellcheck="false" maxlength="512" ?disabled=${disabled} />
        <div class="row">
          <button part="secret-save-button" type="submit" ?disabled=${disabled}>${t(lang, 'settings.save')}</button>
          ${
            this.hasSecret
              ? html`<button part="secret-remove-button" type="button" ?disabled=${disabled}
                  @click=${() => void this.#run((v) => v.removeSecret(), 'settings.removed')}>${t(lang, 'settings.remove')}</button>`
              : nothing
          }
        </div>
      </fieldset>
      <p role="status" class=${outcome && 'message' in outcome ? 'failed' : 'muted'}>${
        outcome ? t(lang, outcome.key, 'message' in outcome ? { message: outcome.message } : {}) : ''
      }</p>
    </form>`;
  }
}

if (!customElements.get('xmpp-chat-desk-settings')) customElements.define('xmpp-chat-desk-settings', XmppChatDeskSettings);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-desk-settings': XmppChatDeskSettings;
  }
}
