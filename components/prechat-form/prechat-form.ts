import { html, LitElement, nothing } from 'lit';
import { emit } from '../events.ts';
import { fieldText } from '../form-field.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { styles } from './prechat-form.styles.ts';

export type PrechatField = 'name' | 'email';
const PRECHAT_FIELDS: readonly PrechatField[] = ['name', 'email'];
type Problem = { field: PrechatField; key: MessageKey } | undefined;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the answers, field by field, before anything is sent. */
function check(fields: readonly PrechatField[], required: readonly PrechatField[], values: Record<PrechatField, string>): Problem {
  for (const field of fields) {
    if (required.includes(field) && !values[field]) return { field, key: 'prechat.required' };
    if (field === 'email' && values.email && !EMAIL.test(values.email)) return { field, key: 'prechat.invalid-email' };
  }
  return undefined;
}

/**
 * @summary Asks a visitor who they are before the chat starts: the fields and which of them are required are the site's choice.
 *
 * @csspart prechat-form - The form.
 * @csspart prechat-input - Each field.
 * @csspart prechat-submit - The "Start chat" button.
 * @cssproperty --xmpp-chat-accent - Button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Button text (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Field edges and hints (#475569).
 * @cssproperty --xmpp-chat-background - Field background (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @fires xmpp-chat-prechat - The answers, trimmed; a field left empty is absent: `{ name?, email? }`.
 */
export class XmppChatPrechatForm extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    fields: { attribute: false },
    required: { attribute: false },
    values: { attribute: false },
    problem: { state: true },
  };

  declare lang: string;
  /** The fields to ask for, in order. */
  declare fields: readonly PrechatField[];
  /** Those that must be filled in. */
  declare required: readonly PrechatField[];
  /** Answers known already (from the page), to prefill. */
  declare values: Partial<Record<PrechatField, string>>;
  declare private problem: Problem;

  constructor() {
    super();
    this.lang = 'en';
    this.fields = PRECHAT_FIELDS;
    this.required = [];
    this.values = {};
  }

  override render() {
    const { lang, problem } = this;
    return html`<form part="prechat-form" novalidate @submit=${this.#onSubmit} aria-labelledby="intro">
      <p id="intro">${t(lang, 'prechat.intro')}</p>
      ${this.fields.map((field) => {
        const required = this.required.includes(field);
        return html`<label for=${field}>${t(lang, `prechat.${field}`)}${
          required ? nothing : html` <span class="optional">${t(lang, 'prechat.optional')}</span>`
        }</label>
        <input id=${field} name=${field} part="prechat-input" type=${field === 'email' ? 'email' : 'text'} .value=${this.values[field] ?? ''}
          autocomplete=${field === 'email' ? 'email' : 'name'} ?required=${required} maxlength=${field === 'email' ? 254 : 100}
          aria-invalid=${String(problem?.field === field)} aria-describedby=${problem?.field === field ? 'problem' : nothing} />`;
      })}
      ${problem ? html`<p id="problem" class="problem">${t(lang, problem.key)}</p>` : nothing}
      <button part="prechat-submit" type="submit">${t(lang, 'prechat.submit')}</button>
    </form>`;
  }

  /** Focuses the first field. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const values = { name: fieldText(data, 'name').trim(), email: fieldText(data, 'email').trim() };
    this.problem = check(this.fields, this.required, values);
    if (this.problem) {
      const field = form.querySelector<HTMLInputElement>(`#${this.problem.field}`);
      void this.updateComplete.then(() => field?.focus());
      return;
    }
    emit(this, 'xmpp-chat-prechat', {
      ...(values.name && this.fields.includes('name') ? { name: values.name } : {}),
      ...(values.email && this.fields.includes('email') ? { email: values.email } : {}),
    });
  }
}

if (!customElements.get('xmpp-chat-prechat-form')) customElements.define('xmpp-chat-prechat-form', XmppChatPrechatForm);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-prechat-form': XmppChatPrechatForm;
  }
}
