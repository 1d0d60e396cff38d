/** People asking to see our presence, each with Accept and Deny, shown above the contact list. */
import { html, nothing } from 'lit';
import { t } from '../i18n/i18n.ts';

export function subscriptionRequests(lang: string, requests: readonly string[], answer: (jid: string, accept: boolean) => void) {
  if (requests.length === 0) return nothing;
  // Each button is described by its sentence: several "Accept" buttons are otherwise indistinguishable.
  return html`<section part="requests" aria-labelledby="requests-title">
    <h2 id="requests-title" class="title">${t(lang, 'contacts.requests')}</h2>
    <ul>${requests.map((jid, i) => html`<li>
      <span id="request-${i}" class="request">${t(lang, 'contacts.request', { jid })}</span>
      <span class="actions">
        <button type="button" class="primary" aria-describedby="request-${i}"
          @click=${() => answer(jid, true)}>${t(lang, 'contacts.accept')}</button>
        <button type="button" aria-describedby="request-${i}"
          @click=${() => answer(jid, false)}>${t(lang, 'contacts.deny')}</button>
      </span>
    </li>`)}</ul>
  </section>`;
}
