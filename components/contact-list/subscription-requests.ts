/**
 * People asking to see our presence, each with Accept and Deny, shown above the contact list.
 * Anyone may ask, so there can be hundreds: the rows have a fixed height, a few show at once,
 * and only those on screen are in the DOM (as in the contact list).
 */
import { html, nothing } from 'lit';
import { t } from '../i18n/i18n.ts';
import { styleProperties } from '../style-properties.ts';
import type { VirtualWindow } from './virtual-window.ts';

/** Height in px of a request row: its sentence on one line, then the buttons. */
export const REQUEST_ROW_HEIGHT = 72;
/** Requests in view at once; the section scrolls for more. */
export const REQUESTS_IN_VIEW = 3;

export function subscriptionRequests(
  lang: string,
  requests: readonly string[],
  window: VirtualWindow,
  answer: (jid: string, accept: boolean) => void,
) {
  if (requests.length === 0) return nothing;
  const { start, end } = window.range(requests.length);
  // Each button is described by its sentence: several "Accept" buttons are otherwise indistinguishable.
  return html`<section part="requests" aria-labelledby="requests-title">
    <h2 id="requests-title" class="title">${t(lang, 'contacts.requests')}</h2>
    <div class="requests" role="list" aria-labelledby="requests-title" @scroll=${window.onScroll}>
      <div class="request-spacer" role="presentation" ${styleProperties({ blockSize: `${requests.length * REQUEST_ROW_HEIGHT}px` })}>
        ${requests.slice(start, end).map((jid, i) => {
          const index = start + i;
          return html`<div class="request-row" role="listitem" aria-setsize=${requests.length} aria-posinset=${index + 1}
            ${styleProperties({ insetBlockStart: `${index * REQUEST_ROW_HEIGHT}px` })}>
            <span id="request-${index}" class="request">${t(lang, 'contacts.request', { jid })}</span>
            <span class="actions">
              <button type="button" class="primary" aria-describedby="request-${index}"
                @click=${() => answer(jid, true)}>${t(lang, 'contacts.accept')}</button>
              <button type="button" aria-describedby="request-${index}"
                @click=${() => answer(jid, false)}>${t(lang, 'contacts.deny')}</button>
            </span>
          </div>`;
        })}
      </div>
    </div>
  </section>`;
}
