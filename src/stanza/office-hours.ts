/**
 * A support desk's office hours, which the desk publishes on its account (PEP, XEP-0163) for
 * visitors to read:
 *
 *   <hours xmlns='urn:xmpp-chat:desk:0' tz='Europe/Berlin' reply='PT2H'>
 *     <day d='mon' open='09:00' close='17:30'/> <day d='mon' open='18:00' close='20:00'/> …
 *     <closed from='2026-12-24' to='2026-12-26'/>
 *   </hours>
 *
 * Times are wall-clock times in `tz` (an IANA zone), so opening at 09:00 stays 09:00 across
 * daylight saving changes; a day may have several spans; `closed` days (inclusive, in `tz`) override
 * the week. `reply` is the usual reply time, an ISO 8601 duration. Anyone with the account can
 * write the item, so what is read back is checked and capped.
 */
import { childrenOf, xml, type XmlElement } from './element.ts';

export const NS_DESK = 'urn:xmpp-chat:desk:0';
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening span of a weekday, `HH:MM` in the desk's zone; `close` may be `24:00`. */
export interface OpeningSpan {
  readonly day: Weekday;
  readonly open: string;
  readonly close: string;
}

/** Days the desk is closed whatever the week says, `YYYY-MM-DD` in the desk's zone, both included. */
export interface ClosedDays {
  readonly from: string;
  readonly to: string;
}

export interface OfficeHours {
  /** IANA time zone of the times and dates. */
  readonly timeZone: string;
  readonly spans: readonly OpeningSpan[];
  readonly closed: readonly ClosedDays[];
  /** The usual reply time, in minutes. */
  readonly replyMinutes?: number;
}

/** How much is read back: spans and closed ranges beyond these are ignored. */
export const HOURS_LIMITS = { spans: 7 * 6, closed: 100 } as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DURATION = /^P(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?)?$/;

/** Minutes since midnight of an `HH:MM` time. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `zone` is a time zone this browser knows. */
export function validTimeZone(zone: string | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false; // an unknown zone is what this checks
    throw error;
  }
}

/** Minutes of an ISO 8601 duration of days, hours and minutes (`PT2H`, `P1D`, `PT30M`); undefined otherwise. */
export function parseDuration(text: string | undefined): number | undefined {
  const match = text && text !== 'P' && !text.endsWith('T') ? DURATION.exec(text) : null;
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return Number(days) * 1440 + Number(hours) * 60 + Number(minutes);
}

/** The ISO 8601 duration of `minutes` (`PT2H`, `P1DT30M`). */
export function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const time = (hours ? `${hours}H` : '') + (rest ? `${rest}M` : '');
  return `P${days ? `${days}D` : ''}${time || !days ? `T${time || '0M'}` : ''}`;
}

/** A span that can be kept: a known day, valid times, opening before closing. */
export const validSpan = (span: Partial<OpeningSpan>): span is OpeningSpan =>
  WEEKDAYS.includes(span.day as Weekday) &&
  TIME.test(span.open ?? '') &&
  TIME.test(span.close ?? '') &&
  minutesOf(span.open!) < minutesOf(span.close!);

/** A closed range that can be kept: two dates, the first not after the second. */
export const validClosed = (range: Partial<ClosedDays>): range is ClosedDays =>
  DATE.test(range.from ?? '') && DATE.test(range.to ?? '') && range.from! <= range.to!;

/** The `<hours>` payload for these hours. */
export function buildHours(hours: OfficeHours): XmlElement {
  const reply = hours.replyMinutes === undefined ? undefined : formatDuration(hours.replyMinutes);
  return xml(
    'hours',
    { xmlns: NS_DESK, tz: hours.timeZone, reply },
    hours.spans.map(({ day, open, close }) => xml('day', { d: day, open, close })),
    hours.closed.map(({ from, to }) => xml('closed', { from, to })),
  );
}

/**
 * Reads an `<hours>` payload: spans in their order (invalid ones skipped), closed ranges (a lone
 * `from` is one day), the reply time when readable. Undefined for another element or a zone this
 * browser does not know, since no time could be read without it.
 */
export function parseHours(el: XmlElement | undefined): OfficeHours | undefined {
  if (!el || el.name !== 'hours' || el.attrs.xmlns !== NS_DESK || !validTimeZone(el.attrs.tz)) return undefined;
  // Children inherit the namespace; one declaring another is someone else's.
  const own = (name: string) => childrenOf(el, name).filter((child) => child.attrs.xmlns === undefined || child.attrs.xmlns === NS_DESK);
  const spans = own('day')
    .map((d) => ({ day: d.attrs.d as Weekday, open: d.attrs.open, close: d.attrs.close }))
    .filter(validSpan)
    .slice(0, HOURS_LIMITS.spans);
  const closed = own('closed')
    .map((c) => ({ from: c.attrs.from, to: c.attrs.to ?? c.attrs.from }))
    .filter(validClosed)
    .slice(0, HOURS_LIMITS.closed);
  const replyMinutes = parseDuration(el.attrs.reply);
  return { timeZone: el.attrs.tz, spans, closed, ...(replyMinutes === undefined ? {} : { replyMinutes }) };
}

/** A moment as the desk's wall clock shows it. */
interface WallClock {
  /** `YYYY-MM-DD`. */
  date: string;
  day: Weekday;
  minutes: number;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The date, weekday and minute of `instant` in `timeZone`. */
function wallClock(timeZone: string, instant: number): WallClock {
  let format = clocks.get(timeZone);
  if (!format) {
    const options = { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    format = new Intl.DateTimeFormat('en-US', { ...options, hour: '2-digit', minute: '2-digit' });
    clocks.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(instant)) parts[type] = value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday.toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const isClosedOn = (hours: OfficeHours, date: string) => hours.closed.some(({ from, to }) => from <= date && date <= to);

/** Whether the desk is open at `now`: within a span of the day, on a day not closed. */
export function isOpen(hours: OfficeHours, now: Date = new Date()): boolean {
  const clock = wallClock(hours.timeZone, now.getTime());
  if (isClosedOn(hours, clock.date)) return false;
  return hours.spans.some((s) => s.day === clock.day && minutesOf(s.open) <= clock.minutes && clock.minutes < minutesOf(s.close));
}

/** How far ahead `nextOpening` looks: a year, and a week more for a long closure. */
const LOOKAHEAD_DAYS = 366 + 7;

/** The instant at which the desk's clock shows `minutes` past midnight of `date`. */
function instantOf(timeZone: string, date: string, minutes: number): number {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day) + minutes * 60_000;
  // The zone's offset at a guess, then at the instant that guess gives: right on both sides of a
  // daylight saving change. A time the change skips (02:30 as clocks go forward) opens once the
  // clock shows a later one.
  const offsetAt = (instant: number) => {
    const clock = wallClock(timeZone, instant);
    const [y, m, d] = clock.date.split('-').map(Number);
    return Date.UTC(y, m - 1, d) + clock.minutes * 60_000 - Math.floor(instant / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return Math.max(first, second);
}

/**
 * When the desk next opens after `now`: the start of the first span later than `now` on a day
 * not closed. When open now, the opening after the current span. Undefined when there is none
 * within a year.
 */
export function nextOpening(hours: OfficeHours, now: Date = new Date()): Date | undefined {
  const { timeZone } = hours;
  const start = now.getTime();
  const today = wallClock(timeZone, start);
  const [year, month, day] = today.date.split('-').map(Number);
  for (let ahead = 0; ahead < LOOKAHEAD_DAYS; ahead++) {
    // Calendar arithmetic on a UTC date: days, not hours, so no daylight saving change interferes.
    const date = new Date(Date.UTC(year, month - 1, day + ahead)).toISOString().slice(0, 10);
    const weekday = WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7];
    if (isClosedOn(hours, date)) continue;
    const opens = hours.spans
      .filter((s) => s.day === weekday)
      .map((s) => instantOf(timeZone, date, minutesOf(s.open)))
      .filter((instant) => instant > start)
      .sort((a, b) => a - b);
    if (opens.length) return new Date(opens[0]);
  }
  return undefined;
}
