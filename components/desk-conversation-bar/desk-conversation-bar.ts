import { html, LitElement, nothing } from 'lit';
import type { DeskConversation, DeskStatus } from '../../src/desk.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { resolveLang, t } from '../i18n/i18n.ts';
import { styles } from './desk-conversation-bar.styles.ts';
import { transferForm } from './transfer-form.ts';

/**
 * @summary The support desk's bar on the open conversation: status and owner in words, the
 * visitor's rating, teammates on it, and the agent's actions — assign to me, to a teammate or to
 * nobody (with a note, a transfer), set pending, resolve, reopen, save a transcript.
 *
 * The element only asks: the panel changes the desk and passes the new `conversation`.
 *
 * @csspart desk-bar - The bar.
 * @csspart conversation-status - The status: Open, Pending or Resolved.
 * @csspart assignee - Who owns the conversation, or "Unassigned".
 * @csspart conversation-rating - The visitor's rating: "Rated 4 of 5: comment".
 * @csspart teammates - Which teammates view it or type to the visitor.
 * @csspart desk-notice - What another agent did to it (a claim that won), until dismissed.
 * @csspart assign-button - "Assign to me".
 * @csspart transfer-button - Opens the form that assigns it to a teammate or to nobody.
 * @csspart transfer-form - That form: whom to, and a note for them.
 * @csspart pending-button - Sets it pending (waiting on the visitor).
 * @csspart resolve-button - Resolves it; the visitor is asked for a rating.
 * @csspart reopen-button - Opens it again.
 * @csspart transcript-button - Saves the conversation as a text or web page file.
 * @cssproperty --xmpp-chat-accent - Resolve button, focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Text on the accent colour (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Secondary text (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-border - Borders (#e2e8f0).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-desk-claim - Assign it to this agent.
 * @fires xmpp-chat-desk-assign - Assign it to `agent` (none: to nobody), with an optional `note`.
 * @fires xmpp-chat-desk-status - Change its `status`.
 * @fires xmpp-chat-desk-dismiss - The notice was read.
 * @fires xmpp-chat-transcript - Save it as a file: `{ format: 'txt' | 'html' }`.
 */
export class XmppChatDeskConversationBar extends LitElement {
  static override styles = styles;
  static override properties = {
    conversation: { attribute: false },
    agent: {},
    assignees: { attribute: false },
    viewing: { attribute: false },
    typing: { attribute: false },
    notice: {},
    transcripts: { type: Boolean },
    lang: {},
    transferring: { state: true },
  };

  declare conversation: DeskConversation | undefined;
  /** This agent's name. */
  declare agent: string;
  /** Whom the conversation may go to (not this agent). */
  declare assignees: string[];
  /** Teammates who have it open, and those typing to the visitor. */
  declare viewing: string[];
  declare typing: string[];
  /** What another agent did to it, in words. */
  declare notice: string;
  /** Offer to save a transcript. */
  declare transcripts: boolean;
  declare lang: string;
  declare private transferring: boolean;

  constructor() {
    super();
    this.conversation = undefined;
    this.agent = '';
    this.assignees = [];
    this.viewing = [];
    this.typing = [];
    this.notice = '';
    this.transcripts = false;
    this.lang = 'en';
    this.transferring = false;
  }

  override render() {
    const { lang, conversation: c } = this;
    if (!c) return nothing;
    const mine = c.assignee === this.agent;
    return html`<div part="desk-bar" class="root" role="group" aria-label=${t(lang, 'desk.bar')}>
      <p class="facts">
        <span class="fact"><span class="key">${t(lang, 'desk.status')}</span>
          <span part="conversation-status" class="value" data-status=${c.status}>${t(lang, `desk.status-${c.status}`)}</span></span>
        <span class="fact"><span class="key">${t(lang, 'desk.assignee')}</span>
          <span part="assignee" class="value" dir="auto">${c.assignee ?? t(lang, 'desk.unassigned')}</span></span>
        ${
          c.rating
            ? html`<span part="conversation-rating" class="fact"><span class="stars" aria-hidden="true">${'★'.repeat(c.rating.score)}${'☆'.repeat(
                5 - c.rating.score,
              )}</span> <span dir="auto">${
                c.rating.comment
                  ? t(lang, 'desk.rated-comment', { score: c.rating.score, comment: c.rating.comment })
                  : t(lang, 'desk.rated', { score: c.rating.score })
              }</span></span>`
            : nothing
        }
      </p>
      <p part="teammates" class="teammates" role="status">${this.#teammates()}</p>
      ${
        this.notice
          ? html`<div part="desk-notice" class="notice" role="alert"><span dir="auto">${this.notice}</span>
            <button type="button" @click=${() => emit(this, 'xmpp-chat-desk-dismiss', {})}>${t(lang, 'error.dismiss')}</button></div>`
          : nothing
      }
      <div class="actions">
        ${mine ? nothing : html`<button part="assign-button" type="button" @click=${() => emit(this, 'xmpp-chat-desk-claim', {})}>${t(lang, 'desk.claim')}</button>`}
        <button part="transfer-button" type="button" aria-expanded=${String(this.transferring)} aria-controls="transfer"
          @click=${() => void this.#toggleTransfer(!this.transferring)}>${t(lang, 'desk.transfer')}</button>
        ${this.#statusButtons(c.status)}
        ${
          this.transcripts
            ? html`<button part="transcript-button" type="button" @click=${() => emit(this, 'xmpp-chat-transcript', { format: 'txt' })}>${t(lang, 'desk.save-text')}</button>
              <button part="transcript-button" type="button" @click=${() => emit(this, 'xmpp-chat-transcript', { format: 'html' })}>${t(lang, 'desk.save-html')}</button>`
            : nothing
        }
      </div>
      ${
        this.transferring
          ? transferForm(
              lang,
              this.assignees,
              c.assignee,
              (agent, note) => {
                emit(this, 'xmpp-chat-desk-assign', { ...(agent ? { agent } : {}), ...(note ? { note } : {}) });
                void this.#toggleTransfer(false);
              },
              () => void this.#toggleTransfer(false),
            )
          : nothing
      }
    </div>`;
  }

  #statusButtons(status: DeskStatus) {
    const { lang } = this;
    const set = (next: DeskStatus) => () => emit(this, 'xmpp-chat-desk-status', { status: next });
    return html`${status === 'open' ? html`<button part="pending-button" type="button" @click=${set('pending')}>${t(lang, 'desk.set-pending')}</button>` : nothing}
      ${status === 'resolved' ? nothing : html`<button part="resolve-button" class="primary" type="button" @click=${set('resolved')}>${t(lang, 'desk.resolve')}</button>`}
      ${status === 'open' ? nothing : html`<button part="reopen-button" type="button" @click=${set('open')}>${t(lang, 'desk.reopen')}</button>`}`;
  }

  #teammates(): string {
    const { lang } = this;
    const list = (names: string[]) => new Intl.ListFormat(resolveLang(lang), { type: 'conjunction' }).format(names);
    const say = (names: string[], one: 'desk.viewing-one' | 'desk.typing-one', many: 'desk.viewing-many' | 'desk.typing-many') =>
      names.length === 0 ? '' : t(lang, names.length === 1 ? one : many, { names: list(names) });
    return [say(this.typing, 'desk.typing-one', 'desk.typing-many'), say(this.viewing, 'desk.viewing-one', 'desk.viewing-many')]
      .filter(Boolean)
      .join(' ');
  }

  async #toggleTransfer(open: boolean): Promise<void> {
    this.transferring = open;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(open ? '#transfer-to' : '[part~="transfer-button"]')?.focus();
  }
}

if (!customElements.get('xmpp-chat-desk-conversation-bar'))
  customElements.define('xmpp-chat-desk-conversation-bar', XmppChatDeskConversationBar);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-desk-conversation-bar': XmppChatDeskConversationBar;
  }
}
