/** The contact list's inline form for adding a contact: its template and how its input is read. */
import { html, nothing } from 'lit';
import { parseJid } from '../../src/index.ts';
import { fieldText } from '../form-field.ts';
import { t } from '../i18n/i18n.ts';

/** The bare address typed into the form, normalized; undefined unless it is `local@domain`. */
function contactAddress(text: string): string | undefined {
  const jid = /\s/.test(text.trim()) ? undefined : parseJid(text);
  return jid?.local && jid.resource === undefined ? `${jid.local}@${jid.domain}` : undefined;
}

/** What the form holds: `jid` is undefined when the address is not valid. */
export function readAddForm(form: HTMLFormElement): { jid?: string; name: string } {
  const data = new FormData(form);
  return { jid: contactAddress(fieldText(data, 'jid')), name: fieldText(data, 'name').trim() };
}

export function addContactForm(lang: string, invalid: boolean, onSubmit: (event: SubmitEvent) => void, onCancel: () => void) {
  return html`<form id="add-form" part="add-form" novalidate @submit=${onSubmit}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    }}>
    <label for="add-jid">${t(lang, 'contacts.add-jid')}</label>
    <input id="add-jid" name="jid" type="text" inputmode="email" autocomplete="off" autocapitalize="none"
      spellcheck="false" aria-invalid=${String(invalid)} aria-describedby=${invalid ? 'add-error' : nothing} />
    ${invalid ? html`<p id="add-error" class="error">${t(lang, 'contacts.add-invalid')}</p>` : nothing}
    <label for="add-name">${t(lang, 'contacts.add-name')}</label>
    <input id="add-name" name="name" type="text" autocomplete="off" />
    <div class="actions">
      <button type="submit" class="primary">${t(lang, 'contacts.add-submit')}</button>
      <button type="button" @click=${onCancel}>${t(lang, 'contacts.add-cancel')}</button>
    </div>
  </form>`;
}
