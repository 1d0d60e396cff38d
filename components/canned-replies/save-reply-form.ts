/** The canned replies' form that saves the draft as a reply: its template and its title. */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { REPLY_LIMITS } from '../../src/desk.ts';
import { t } from '../i18n/i18n.ts';

/** The first few words of a draft, as a title to start from. */
export function suggestTitle(draft: string): string {
  let title = '';
  for (const word of draft.trim().split(/\s+/).slice(0, 6)) {
    if (title && title.length + word.length >= 40) break;
    title = title ? `${title} ${word}` : word;
  }
  return Array.from(title).slice(0, REPLY_LIMITS.title).join('');
}

/** Why the draft cannot be saved as a reply, or '' when it can. */
export function unsavable(lang: string, draft: string): string {
  const text = draft.trim();
  if (text === '') return t(lang, 'replies.save-hint');
  return Array.from(text).length > REPLY_LIMITS.text ? t(lang, 'replies.too-long', { max: REPLY_LIMITS.text }) : '';
}

/** The form; `typedTitle` is what the agent typed, and until then the title follows the draft. */
export function saveReplyForm(
  lang: string,
  draft: string,
  typedTitle: string,
  onTitle: (title: string) => void,
  onSubmit: (event: SubmitEvent) => void,
) {
  const hint = unsavable(lang, draft);
  return html`<form part="save-form" @submit=${onSubmit}>
    <label for="title">${t(lang, 'replies.title')}</label>
    <input id="title" part="title-input" name="title" dir="auto" maxlength=${REPLY_LIMITS.title} autocomplete="off" ?disabled=${!!hint}
      .value=${live(typedTitle || suggestTitle(draft))} @input=${(e: InputEvent) => onTitle((e.target as HTMLInputElement).value)} />
    <button part="save-button" type="submit" ?disabled=${!!hint} aria-describedby=${hint ? 'save-hint' : nothing}>
      ${t(lang, 'replies.save')}</button>
    ${hint ? html`<p id="save-hint" class="hint">${hint}</p>` : nothing}
  </form>`;
}
