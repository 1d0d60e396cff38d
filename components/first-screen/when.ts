/** The first screen's times in words: the usual reply time, and when the desk is back. */
import type { OfficeHours } from '../../src/desk.ts';
import { t } from '../i18n/i18n.ts';
import '../i18n/catalog-first-screen.ts';

/** "2 hours", "30 minutes", "1 day": the reply time in the largest unit it fills, in `lang`. */
export function duration(lang: string, minutes: number): string {
  const [unit, value] =
    minutes >= 1440
      ? (['day', minutes / 1440] as const)
      : minutes >= 60
        ? (['hour', minutes / 60] as const)
        : (['minute', minutes] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

/** "Usually replies within 2 hours.", or nothing when the desk did not say. */
export function replyWords(lang: string, hours: OfficeHours | undefined): string {
  return hours?.replyMinutes ? t(lang, 'first-screen.reply', { time: duration(lang, hours.replyMinutes) }) : '';
}

const dayOf = (date: Date, timeZone?: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date);

/**
 * "Back today at 9:00.", "Back tomorrow at 9:00.", "Back Monday at 9:00." or, further ahead, with
 * the date: in the visitor's own time zone (`timeZone`, the browser's by default), since that is
 * the clock they will look at.
 */
export function backWords(lang: string, opening: Date | undefined, now: Date, timeZone?: string): string {
  if (!opening) return t(lang, 'first-screen.closed');
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(opening);
  const day = dayOf(opening, timeZone);
  if (day === dayOf(now, timeZone)) return t(lang, 'first-screen.back-today', { time });
  if (day === dayOf(new Date(now.getTime() + 86_400_000), timeZone)) return t(lang, 'first-screen.back-tomorrow', { time });
  const withinWeek = opening.getTime() - now.getTime() < 6 * 86_400_000;
  const words = new Intl.DateTimeFormat(
    lang,
    withinWeek ? { weekday: 'long', timeZone } : { weekday: 'long', day: 'numeric', month: 'long', timeZone },
  );
  return t(lang, 'first-screen.back', { day: words.format(opening), time });
}

/** "Ann is here.", "Ann and Bo are here.", or nothing without names. */
export function teamWords(lang: string, names: readonly string[]): string {
  if (!names.length) return '';
  const list = new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
  return t(lang, names.length === 1 ? 'first-screen.team-one' : 'first-screen.team-many', { names: list });
}
