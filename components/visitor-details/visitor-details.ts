import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { VisitorContext } from '../../src/index.ts';
import '../i18n/catalog-full.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { styles } from './visitor-details.styles.ts';

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
function localTime(timeZone: string, lang: string, now: number): string {
  try {
    return `${new Intl.DateTimeFormat(lang || undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now)} (${timeZone})`;
  } catch (error) {
    if (error instanceof RangeError) return timeZone; // a zone (or language) this browser does not know
    throw error;
  }
}

/** "German (Germany)" for de-DE, in the agent's language; the tag itself if unknown. */
function languageName(tag: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang || 'en'], { type: 'language' }).of(tag) ?? tag;
  } catch (error) {
    if (error instanceof RangeError) return tag; // not a well-formed tag
    throw error;
  }
}

const isWebAddress = (value: string) => /^https?:\/\//i.test(value);
const link = (value: string, text = value) =>
  isWebAddress(value) ? html`<a href=${value} target="_blank" rel="noopener noreferrer">${text}</a>` : html`${text}`;

/**
 * @summary What a support agent knows of a visitor: name, email, the page they write from, where they came from, language, local time, browser.
 *
 * Everything shown is text from the visitor's message (see `urn:xmpp-chat:visitor:0`); only
 * http(s) addresses become links, which open in a new tab without a referrer.
 *
 * @csspart visitor-details - The section.
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Labels (#475569).
 * @cssproperty --xmpp-chat-border - Separator (#e2e8f0).
 * @cssproperty --xmpp-chat-accent - Links (#2563eb).
 */
export class XmppChatVisitorDetails extends LitElement {
  static override styles = styles;
  static override properties = { lang: {}, context: { attribute: false }, now: { attribute: false } };

  declare lang: string;
  declare context?: VisitorContext;
  /** The time to show the visitor's local time at; the time of rendering by default. */
  declare now?: number;

  constructor() {
    super();
    this.lang = 'en';
  }

  override render() {
    const { lang, context: c = {} } = this;
    const rows: [MessageKey, TemplateResult | string | undefined, string?][] = [
      ['visitor.name', c.name],
      ['visitor.email', c.email && html`<a href=${`mailto:${c.email}`}>${c.email}</a>`],
      ['visitor.page', c.page && link(c.page, c.pageTitle || c.page), c.page],
      ['visitor.referrer', c.referrer && link(c.referrer), c.referrer],
      ['visitor.language', c.language && languageName(c.language, lang)],
      ['visitor.time', c.timeZone && localTime(c.timeZone, lang, this.now ?? Date.now())],
      ['visitor.browser', browserOf(c.userAgent) ?? c.userAgent, c.userAgent],
    ];
    const shown = rows.filter(([, value]) => value);
    return html`<section part="visitor-details" aria-label=${t(lang, 'visitor.details')}>
      ${
        shown.length
          ? html`<dl>${shown.map(
              ([key, value, full]) => html`<div class="row">
          <dt>${t(lang, key)}</dt><dd dir="auto" title=${full ?? nothing}>${value}</dd></div>`,
            )}</dl>`
          : html`<p class="none">${t(lang, 'visitor.none')}</p>`
      }
    </section>`;
  }
}

if (!customElements.get('xmpp-chat-visitor-details')) customElements.define('xmpp-chat-visitor-details', XmppChatVisitorDetails);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-visitor-details': XmppChatVisitorDetails;
  }
}
