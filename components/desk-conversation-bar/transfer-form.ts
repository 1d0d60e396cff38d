/** The bar's form that gives the conversation to a teammate or to nobody, with a note for them. */
import { html } from 'lit';
import { fieldText } from '../form-field.ts';
import { t } from '../i18n/i18n.ts';

/** Value of the "nobody" choice: names are never empty, so it cannot be someone's. */
const NOBODY = '';

export function transferForm(
  lang: string,
  assignees: readonly string[],
  current: string | undefined,
  submit: (agent: string | undefined, note: string | undefined) => void,
  cancel: () => void,
) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const agent = fieldText(data, 'to');
    const note = fieldText(data, 'note').trim();
    submit(agent || undefined, note || undefined);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    cancel();
  };
  // The current owner stays on the list, so the form opens on them (a note alone is a hand-over too).
  const names = current && !assignees.includes(current) ? [current, ...assignees] : assignees;
  return html`<form id="transfer" part="transfer-form" class="transfer" @submit=${onSubmit} @keydown=${onKey}>
    <label for="transfer-to">${t(lang, 'desk.transfer-to')}</label>
    <select id="transfer-to" name="to">
      ${names.map((name) => html`<option value=${name} ?selected=${name === current}>${name}</option>`)}
      <option value=${NOBODY} ?selected=${!current}>${t(lang, 'desk.nobody')}</option>
    </select>
    <label for="transfer-note">${t(lang, 'desk.transfer-note')}</label>
    <textarea id="transfer-note" name="note" rows="2"></textarea>
    <div class="actions">
      <button type="submit" class="primary">${t(lang, 'desk.transfer-submit')}</button>
      <button type="button" @click=${cancel}>${t(lang, 'contacts.add-cancel')}</button>
    </div>
  </form>`;
}
