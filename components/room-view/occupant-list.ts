import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Occupant } from '../../src/index.ts';
import { VirtualWindow } from '../contact-list/virtual-window.ts';
import { emit } from '../events.ts';
import { t } from '../i18n/i18n.ts';
import { styleProperties } from '../style-properties.ts';
import { occupantRows, type OccupantRow } from './occupant-rows.ts';
import { occupantListStyles } from './room-view.styles.ts';

const ROW_HEIGHT = 36;

/**
 * Who is in a room: moderators first with their label, then participants, then those who may
 * only read. Only the rows in view are in the DOM, so a room of thousands scrolls smoothly.
 *
 * @summary The virtualized list of a room's occupants.
 * @csspart occupant-list - The scrolling list.
 * @csspart occupant - One person in the room.
 * @csspart occupant-role - Their standing in words (Owner, Admin, Moderator, Member, Can only read).
 * @csspart occupant-menu-button - With `menus`: opens what we may do with that person (private message, kick, voice…).
 * @fires xmpp-chat-occupant-menu - With `menus`: an occupant's menu button was pressed: `{ nick }`.
 */
export class XmppChatOccupantList extends LitElement {
  static override styles = occupantListStyles;
  static override properties = {
    occupants: { attribute: false },
    revision: { type: Number },
    lang: {},
    menus: { type: Boolean },
  };

  /** Everyone in the room: the room's own map, which changes in place; bump `revision` when it did. */
  declare occupants: ReadonlyMap<string, Occupant>;
  declare revision: number;
  declare lang: string;
  /** Each other occupant has a button for what we may do with them (full mode). */
  declare menus: boolean;
  #rows: OccupantRow[] = [];
  readonly #window = new VirtualWindow(this, ROW_HEIGHT, 6);

  constructor() {
    super();
    this.occupants = new Map();
    this.revision = 0;
    this.lang = 'en';
    this.menus = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Sorted again only when someone came, went or changed, not on every scroll.
    if (changed.has('occupants') || changed.has('revision') || changed.has('lang'))
      this.#rows = occupantRows(this.occupants.values(), this.lang);
  }

  protected override firstUpdated(): void {
    this.#window.attach(this.renderRoot.querySelector<HTMLElement>('[part="occupant-list"]')!);
  }

  override render() {
    const { lang } = this;
    const rows = this.#rows;
    const { start, end } = this.#window.range(rows.length);
    return html`<div part="occupant-list" role="list" tabindex="0" aria-label=${t(lang, 'room.people-label')} @scroll=${this.#window.onScroll}>
      <div class="spacer" role="presentation" ${styleProperties({ blockSize: `${rows.length * ROW_HEIGHT}px` })}>
        ${rows.slice(start, end).map((row, i) => this.#renderRow(row, start + i, rows.length))}
      </div>
    </div>`;
  }

  #renderRow({ occupant, label }: OccupantRow, index: number, count: number) {
    const { lang } = this;
    return html`<div role="listitem" part="occupant" class="row ${occupant.self ? 'self' : ''}" aria-setsize=${count} aria-posinset=${index + 1}
      ${styleProperties({ insetBlockStart: `${index * ROW_HEIGHT}px` })}>
      <span class="nick" dir="auto">${occupant.nick}</span>
      ${occupant.self ? html`<span class="muted">(${t(lang, 'room.you')})</span>` : nothing}
      ${occupant.show ? html`<span class="muted">· ${t(lang, 'room.away')}</span>` : nothing}
      ${label ? html`<span part="occupant-role" class="role ${occupant.role}">${t(lang, label)}</span>` : nothing}
      ${
        this.menus && !occupant.self
          ? html`<button part="occupant-menu-button" class="menu" type="button" aria-haspopup="true"
              aria-label=${t(lang, 'room.occupant-actions', { nick: occupant.nick })}
              @click=${() => emit(this, 'xmpp-chat-occupant-menu', { nick: occupant.nick })}>⋯</button>`
          : nothing
      }
    </div>`;
  }
}

if (!customElements.get('xmpp-chat-occupant-list')) customElements.define('xmpp-chat-occupant-list', XmppChatOccupantList);
