import { html, LitElement, nothing } from 'lit';
import { validClosed, validSpan, validTimeZone, WEEKDAYS, type ClosedDays, type OfficeHours, type Weekday } from '../../src/desk.ts';
import { emit } from '../events.ts';
import { fieldText } from '../form-field.ts';
import { t } from '../i18n/i18n.ts';
import '../i18n/catalog-full.ts';
import { styles } from './office-hours-editor.styles.ts';

/** A weekday as the editor shows it: open or not, from when to when (one span a day). */
interface DayRow {
  open: boolean;
  from: string;
  to: string;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const WEEK: Record<Weekday, DayRow> = Object.fromEntries(
  WEEKDAYS.map((day) => [day, { open: !['sat', 'sun'].includes(day), from: '09:00', to: '17:00' }]),
) as Record<Weekday, DayRow>;

/**
 * @summary Full mode: the desk's office hours — time zone, opening times per weekday, closed days and the usual reply time — which visitors read.
 *
 * Each weekday has one span (a desk with a lunch break publishes two spans only through the core's
 * `createOfficeHours`); the first span of a day published that way is what the editor shows.
 *
 * @csspart office-hours-editor - The form.
 * @csspart hours-save-button - Its button, which publishes the hours.
 * @cssproperty --xmpp-chat-accent - Button and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-muted - Field edges and hints (#475569).
 * @fires xmpp-chat-save-hours - The hours to publish: `{ hours }` (checked: a known time zone, each day closing after it opens).
 */
export class XmppChatOfficeHoursEditor extends LitElement {
  static override styles = styles;
  static override properties = {
    lang: {},
    hours: { attribute: false },
    busy: { type: Boolean },
    note: {},
    days: { state: true },
    closed: { state: true },
    problem: { state: true },
  };

  declare lang: string;
  /** The published hours, to start from; a weekday week in the browser's zone without them. */
  declare hours?: OfficeHours;
  /** Saving: the button waits. */
  declare busy: boolean;
  /** A line under the form: "Saved", or why not. */
  declare note: string;
  declare private days: Record<Weekday, DayRow>;
  declare private closed: ClosedDays[];
  declare private problem: string;

  constructor() {
    super();
    this.lang = 'en';
    this.busy = false;
    this.note = '';
    this.days = WEEK;
    this.closed = [];
    this.problem = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('hours') || !this.hours) return;
    const { spans, closed } = this.hours;
    this.days = Object.fromEntries(
      WEEKDAYS.map((day) => {
        const span = spans.find((s) => s.day === day);
        return [day, span ? { open: true, from: span.open, to: span.close } : { ...WEEK[day], open: false }];
      }),
    ) as Record<Weekday, DayRow>;
    this.closed = [...closed];
  }

  override render() {
    const { lang, hours } = this;
    const reply = hours?.replyMinutes === undefined ? '' : String(hours.replyMinutes / 60);
    const weekday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    return html`<form part="office-hours-editor" novalidate @submit=${this.#onSubmit} aria-labelledby="title">
      <h3 id="title">${t(lang, 'hours.title')}</h3>
      <label for="tz">${t(lang, 'hours.time-zone')}</label>
      <input id="tz" name="tz" .value=${hours?.timeZone ?? browserZone()} autocomplete="off" spellcheck="false" />
      <fieldset><legend>${t(lang, 'hours.week')}</legend>
        ${WEEKDAYS.map((day, i) => {
          const row = this.days[day];
          // 5 January 2026 was a Monday.
          const name = weekday.format(Date.UTC(2026, 0, 5 + i));
          return html`<div class="day">
            <label class="check"><input type="checkbox" name="${day}-open" .checked=${row.open}
              @change=${(e: Event) => this.#setDay(day, { open: (e.target as HTMLInputElement).checked })} />${name}</label>
            <input type="time" name="${day}-from" aria-label=${t(lang, 'hours.opens', { day: name })} .value=${row.from} ?disabled=${!row.open} />
            <input type="time" name="${day}-to" aria-label=${t(lang, 'hours.closes', { day: name })} .value=${row.to} ?disabled=${!row.open} />
          </div>`;
        })}
      </fieldset>
      <fieldset><legend>${t(lang, 'hours.closed')}</legend>
        ${this.closed.map(
          (range, i) => html`<div class="day">
            <input type="date" name="closed-from-${i}" aria-label=${t(lang, 'hours.closed-from')} .value=${range.from} />
            <input type="date" name="closed-to-${i}" aria-label=${t(lang, 'hours.closed-to')} .value=${range.to} />
            <button type="button" @click=${() => this.#setClosed(this.closed.filter((_, j) => j !== i))}>${t(lang, 'hours.remove')}</button>
          </div>`,
        )}
        <button type="button" @click=${() => this.#setClosed([...this.closed, { from: '', to: '' }])}>${t(lang, 'hours.add-closed')}</button>
      </fieldset>
      <label for="reply">${t(lang, 'hours.reply')}</label>
      <input id="reply" name="reply" type="number" min="0" step="0.5" .value=${reply} />
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <button part="hours-save-button" type="submit" ?disabled=${this.busy}>${t(lang, 'hours.save')}</button>
      ${this.note ? html`<p class="note" role="status">${this.note}</p>` : nothing}
    </form>`;
  }

  #setDay(day: Weekday, change: Partial<DayRow>): void {
    this.#keepTyped();
    this.days = { ...this.days, [day]: { ...this.days[day], ...change } };
  }

  #setClosed(closed: ClosedDays[]): void {
    this.#keepTyped();
    this.closed = closed;
  }

  /** What was typed into the fields so far, kept when the rows are drawn again. */
  #keepTyped(): void {
    const data = new FormData(this.renderRoot.querySelector('form')!);
    const text = (name: string) => fieldText(data, name);
    this.days = Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        { ...this.days[day], from: text(`${day}-from`) || this.days[day].from, to: text(`${day}-to`) || this.days[day].to },
      ]),
    ) as Record<Weekday, DayRow>;
    this.closed = this.closed.map((_, i) => ({ from: text(`closed-from-${i}`), to: text(`closed-to-${i}`) }));
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.#keepTyped();
    const data = new FormData(event.target as HTMLFormElement);
    const timeZone = fieldText(data, 'tz').trim();
    const spans = WEEKDAYS.filter((day) => this.days[day].open).map((day) => ({
      day,
      open: this.days[day].from,
      close: this.days[day].to,
    }));
    // A closed range with one date is one day.
    const closed = this.closed.filter((c) => c.from || c.to).map((c) => ({ from: c.from || c.to, to: c.to || c.from }));
    const replyHours = fieldText(data, 'reply').trim();
    const replyMinutes = replyHours === '' ? undefined : Math.round(Number(replyHours) * 60);
    const lang = this.lang;
    this.problem = !validTimeZone(timeZone)
      ? t(lang, 'hours.bad-zone')
      : !spans.every(validSpan)
        ? t(lang, 'hours.bad-span')
        : !closed.every(validClosed)
          ? t(lang, 'hours.bad-closed')
          : replyMinutes !== undefined && !(replyMinutes >= 0)
            ? t(lang, 'hours.bad-reply')
            : '';
    if (this.problem) return;
    emit(this, 'xmpp-chat-save-hours', { hours: { timeZone, spans, closed, ...(replyMinutes === undefined ? {} : { replyMinutes }) } });
  }
}

if (!customElements.get('xmpp-chat-office-hours-editor')) customElements.define('xmpp-chat-office-hours-editor', XmppChatOfficeHoursEditor);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-office-hours-editor': XmppChatOfficeHoursEditor;
  }
}
