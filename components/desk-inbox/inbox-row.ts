/** One conversation of the inbox: name and unread count, status and owner in words, labels, the latest message. */
import { html, nothing } from 'lit';
import { t } from '../i18n/i18n.ts';
import { styleProperties } from '../style-properties.ts';
import type { InboxRow } from './inbox-rows.ts';

/** Row height in px, fixed so that only the rows in view are rendered. */
export const INBOX_ROW_HEIGHT = 72;

export interface RowPlace {
  /** Position in the view, and how many the view has. */
  index: number;
  count: number;
  /** The open conversation. */
  selected: boolean;
  /** The keyboard's row. */
  active: boolean;
  /** This agent's name: their conversations say "(you)". */
  agent: string;
  lang: string;
  open: (index: number) => void;
}

export function inboxRow(row: InboxRow, { index, count, selected, active, agent, lang, open }: RowPlace) {
  const owner = row.assignee
    ? row.assignee === agent
      ? t(lang, 'desk.you', { name: row.assignee })
      : row.assignee
    : t(lang, 'desk.unassigned');
  return html`<div id="row-${index}" role="option" part=${selected ? 'inbox-row inbox-row-selected' : 'inbox-row'}
    class=${active ? 'row active' : 'row'} aria-selected=${String(selected)}
    aria-setsize=${count} aria-posinset=${index + 1} ${styleProperties({ insetBlockStart: `${index * INBOX_ROW_HEIGHT}px` })}
    @click=${() => open(index)}>
    <span class="line">
      <span class="name" dir="auto">${row.name}</span>
      ${
        row.unread > 0
          ? html`<span class="badge"><span aria-hidden="true">${row.unread > 99 ? '99+' : row.unread}</span><span class="sr-only"
              >${t(lang, 'contacts.unread', { count: row.unread })}</span></span>`
          : nothing
      }
    </span>
    <span class="line meta">
      <span class="status" data-status=${row.status}>${t(lang, `desk.status-${row.status}`)}</span>
      <span class="owner" dir="auto">· ${owner}</span>
      ${row.labels.map((label) => html`<span part="inbox-label" class="label" dir="auto">${label}</span>`)}
    </span>
    <span class="line preview" dir="auto">${row.preview}</span>
  </div>`;
}
