/**
 * The launcher, drawn by the widget's first script before the element's code (Lit and the rest)
 * has loaded: a button in the element's shadow root that looks exactly like the one the element
 * renders. The element renders into the same shadow root and removes these nodes (marked
 * `data-early-launcher`) with its first render, in the same frame; a click meanwhile sets `open`,
 * which the element reads when it upgrades.
 *
 * This module imports nothing: it is built into the entry file, and anything it shared with the
 * element's code would become a file of its own, loaded before the launcher. Its look therefore
 * repeats the element's launcher rules (xmpp-chat.styles.ts), with the custom properties'
 * defaults, and its direction repeats i18n.ts's; early-launcher.test.ts checks that both draw
 * the same button. Nothing is written as markup or inline style, so a strict Content-Security-Policy
 * with Trusted Types lets it draw.
 */

/** The English `launcher.open` string: other languages load with the element. */
export const EARLY_LABEL = 'Open chat';
/** Languages with a catalog that is written right to left (see i18n.ts). */
const RTL_CATALOGS = ['ar'];

const STYLE =
  ":host{display:contents}.root{all:initial;display:block;font:15px/1.45 var(--xmpp-chat-font,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif)}" +
  '.launcher{all:unset;position:fixed;inset-block-end:20px;inset-inline-end:20px;' +
  'z-index:var(--xmpp-chat-z-index,2147483000);inline-size:var(--xmpp-chat-launcher-size,56px);' +
  'block-size:var(--xmpp-chat-launcher-size,56px);border-radius:50%;display:grid;place-items:center;' +
  'background:var(--xmpp-chat-accent,#2563eb);color:var(--xmpp-chat-accent-text,#ffffff);' +
  'box-shadow:0 6px 20px rgb(15 23 42/0.25);cursor:pointer}' +
  '.left .launcher{inset-inline-end:auto;inset-inline-start:20px}';
const ICON_PATH = 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 3 13.5z';
const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes, made with DOM calls alone (no markup: pages may enforce Trusted Types). */
function make<K extends keyof HTMLElementTagNameMap>(name: K, attrs: Record<string, string>): HTMLElementTagNameMap[K];
function make(name: string, attrs: Record<string, string>, ns: string): Element;
function make(name: string, attrs: Record<string, string>, ns?: string): Element {
  const el = ns ? document.createElementNS(ns, name) : document.createElement(name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  return el;
}

/**
 * Draws the launcher in `host`, an `<xmpp-chat>` not yet upgraded; full mode has no launcher. The
 * look is a constructed style sheet (pages may forbid inline styles), which the element's own
 * sheets replace when it upgrades.
 */
export function drawEarlyLauncher(host: Element): void {
  if (host.shadowRoot || customElements.get(host.localName) || host.getAttribute('mode') === 'full') return;
  const lang = (host.getAttribute('lang') || navigator.language || 'en').toLowerCase().split('-')[0];
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  const side = host.getAttribute('position') === 'left' ? 'left' : 'right';
  const frame = make('div', { 'data-early-launcher': '', class: `root ${side}`, dir: RTL_CATALOGS.includes(lang) ? 'rtl' : 'ltr' });
  const button = make('button', { part: 'launcher', class: 'launcher', 'aria-label': EARLY_LABEL, 'aria-expanded': 'false' });
  const icon = make('svg', { 'aria-hidden': 'true', viewBox: '0 0 24 24', width: '28', height: '28' }, SVG);
  icon.append(make('path', { d: ICON_PATH, fill: 'currentColor' }, SVG));
  button.append(icon);
  button.addEventListener('click', () => host.setAttribute('open', ''));
  frame.append(button);
  root.append(frame);
}
