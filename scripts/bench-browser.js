// What the benchmark scripts that drive Chromium themselves share: Debian's Chromium, started the
// same way by each, and the median they report.
import puppeteer from 'puppeteer-core';

/** Headless, without the background work (updates, first-run pages) that would fall into a measurement. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Debian's Chromium (or `$CHROMIUM`), headless. */
export function launchChromium() {
  return puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS, headless: true });
}

/** The median of the values given (undefined ones left out). */
export function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
