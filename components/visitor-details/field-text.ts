/** How the desk words what a visitor's browser told: its browser and system, local time, language. */

/** "Firefox on Windows": the browser and system a user agent names, or undefined. */
export function browserOf(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Safari/', 'Safari'],
  ].find(([token]) => userAgent.includes(token))?.[1];
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([token]) => userAgent.includes(token))?.[1];
  return browser && system ? `${browser} · ${system}` : (browser ?? system);
}

/** The visitor's local time now, e.g. "14:05 (Europe/Berlin)"; just the zone if the browser does not know it. */
export function localTime(timeZone: string, lang: string, now: number): string {
  try {
    return `${new Intl.DateTimeFormat(lang || undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now)} (${timeZone})`;
  } catch (error) {
    if (error instanceof RangeError) return timeZone; // a zone (or language) this browser does not know
    throw error;
  }
}

/** "German (Germany)" for de-DE, in the agent's language; the tag itself if unknown. */
export function languageName(tag: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang || 'en'], { type: 'language' }).of(tag) ?? tag;
  } catch (error) {
    if (error instanceof RangeError) return tag; // not a well-formed tag
    throw error;
  }
}
