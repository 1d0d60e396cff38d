import { html, LitElement, nothing } from 'lit';
import { parseJid } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-full.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { styles } from './login-form.styles.ts';
import { fieldText } from '../form-field.ts';
import { loadValue, saveValue } from '../controllers/local-values.ts';
import { NICK_LIMIT, cleanNick } from '../../src/index.ts';

/** Where this device keeps the agent's name between visits. */
export const AGENT_NAME_KEY = 'xmpp-chat-agent-name';

type Problem = { key: MessageKey; field: 'jid' | 'password' } | undefined;

/** What is wrong with the credentials as typed, before anything is sent. */
function check(jid: string, password: string): Problem {
  if (!jid.trim()) return { key: 'login.required', field: 'jid' };
  if (!password) return { key: 'login.required', field: 'password' };
  const parsed = /\s/.test(jid.trim()) ? undefined : parseJid(jid);
  return parsed?.local ? undefined : { key: 'login.invalid-jid', field: 'jid' };
}

/**
 * @summary Sign-in with an address and a password; checks them before firing `xmpp-chat-login`.
 *
 * While `busy`, the fields are read-only and the button refuses rather than being disabled, so
 * that focus (often on the password field, after Enter) is not thrown back to the page.
 *
 * @csspart login-form - The form.
 * @csspart title - The "Sign in" heading.
 * @csspart error - The error from the last attempt (role="alert").
 * @csspart jid-input - The address field.
 * @csspart password-input - The password field.
 * @csspart remember-input - The "Stay signed in on this device" checkbox.
 * @csspart name-input - "Your name": how visitors see the agent; kept on this device.
 * @csspart submit-button - The sign-in button.
 * @cssproperty --xmpp-chat-accent - Button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-accent-text - Button text (#fff).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Labels and field edges (#475569).
 * @cssproperty --xmpp-chat-background - Background (#fff).
 * @cssproperty --xmpp-chat-radius - Corner radius (12px).
 * @cssproperty --xmpp-chat-font - Font family (system-ui, sans-serif).
 * @fires xmpp-chat-login - Valid credentials were submitted: `{ jid, password, name?, remember? }` (the address trimmed; the name as shown, absent when empty; `remember` when "Stay signed in" is ticked).
 */
export class XmppChatLoginForm extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    busy: { type: Boolean, reflect: true },
    error: {},
    jid: {},
    name: {},
    problem: { state: true },
  };

  declare lang: string;
  /** A sign-in is under way. */
  declare busy: boolean;
  /** Why the last sign-in failed; shown as text. */
  declare error: string;
  /** The address to prefill. */
  declare jid: string;
  /** The agent's name to prefill, when the site knows it (`agent-name`); else the one this device kept. */
  declare name: string;
  declare private problem: Problem;

  constructor() {
    super();
    this.lang = 'en';
    this.busy = false;
    this.error = '';
    this.jid = '';
    this.name = '';
    this.problem = undefined;
  }

  override render() {
    const lang = this.lang;
    const problem = this.problem;
    const describe = (field: 'jid' | 'password') => (problem?.field === field ? 'problem' : nothing);
    return html`<form part="login-form" novalidate aria-labelledby="title" aria-busy=${String(this.busy)}
      @submit=${this.#onSubmit}>
      <h2 id="title" part="title">${t(lang, 'login.title')}</h2>
      <div part="error" class="error" role="alert">${this.error || nothing}</div>
      <label for="jid">${t(lang, 'login.jid')}</label>
      <input id="jid" part="jid-input" name="jid" type="text" inputmode="email" autocomplete="username"
        autocapitalize="none" spellcheck="false" .value=${this.jid} ?readonly=${this.busy}
        aria-invalid=${String(problem?.field === 'jid')} aria-describedby=${describe('jid')} />
      <label for="password">${t(lang, 'login.password')}</label>
      <input id="password" part="password-input" name="password" type="password" autocomplete="current-password"
        ?readonly=${this.busy} aria-invalid=${String(problem?.field === 'password')} aria-describedby=${describe('password')} />
      <label for="name">${t(lang, 'login.name')}</label>
      <input id="name" part="name-input" name="name" type="text" autocomplete="nickname" maxlength=${NICK_LIMIT}
        .value=${this.name || (loadValue(AGENT_NAME_KEY) ?? '')} ?readonly=${this.busy} aria-describedby="name-hint" />
      <p id="name-hint" class="hint">${t(lang, 'login.name-hint')}</p>
      <label class="remember"><input part="remember-input" name="remember" type="checkbox" ?disabled=${this.busy} />
        ${t(lang, 'login.remember')}</label>
      ${problem ? html`<p id="problem" class="problem">${t(lang, problem.key)}</p>` : nothing}
      <button part="submit-button" type="submit" aria-disabled=${String(this.busy)}>
        ${t(lang, this.busy ? 'login.busy' : 'login.submit')}
      </button>
      <span class="sr-only" role="status">${this.busy ? t(lang, 'login.busy') : nothing}</span>
    </form>`;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const jid = fieldText(data, 'jid');
    const password = fieldText(data, 'password');
    this.problem = check(jid, password);
    if (this.problem) {
      // Focused after rendering, so the field is announced with its new description.
      const field = form.querySelector<HTMLInputElement>(`#${this.problem.field}`);
      void this.updateComplete.then(() => field?.focus());
      return;
    }
    const name = cleanNick(fieldText(data, 'name'));
    saveValue(AGENT_NAME_KEY, name);
    const remember = data.get('remember') === 'on';
    emit(this, 'xmpp-chat-login', { jid: jid.trim(), password, ...(name ? { name } : {}), ...(remember ? { remember } : {}) });
  }
}

if (!customElements.get('xmpp-chat-login-form')) customElements.define('xmpp-chat-login-form', XmppChatLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-login-form': XmppChatLoginForm;
  }
}
