/**
 * The widget's script: when its own `<script>` tag carries `data-*` settings, mounts a widget
 * configured by them; draws the launcher of every widget on the page at once, with plain DOM
 * (early-launcher.ts); then loads and registers `<xmpp-chat>` (once, however often the script is
 * loaded), which takes over. Everything else (panel, chat core, transports) loads when the chat is
 * first used.
 */
import { drawEarlyLauncher } from './early-launcher.ts';
import { installPageApi, type PageWidget } from './page-api.ts';

const SETTINGS = [
  'service',
  'domain',
  'jid',
  'password',
  'anonymous',
  'to',
  'mode',
  'open',
  'position',
  'lang',
  'theme',
  'title',
  'debug',
  'welcome',
  'greeting',
  'away-message',
  'prechat',
  'prechat-required',
  'context',
  'context-full-url',
  'sound',
  'agent-name',
  'room',
  'nick',
];

/** The script tag that loaded this module, if the page has one with data-* settings. */
function ownScript(): HTMLScriptElement | undefined {
  const self = import.meta.url.split(/[?#]/)[0];
  return [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((script) => script.src.split(/[?#]/)[0] === self);
}

/** Mounts `<xmpp-chat>` from the script tag's data-* attributes; returns it, or nothing without settings. */
export function mountFromScript(script = ownScript()): HTMLElement | undefined {
  if (!script || script.hasAttribute('data-xmpp-chat-mounted')) return undefined;
  const settings = SETTINGS.filter((name) => script.hasAttribute(`data-${name}`));
  if (settings.length === 0) return undefined;
  script.setAttribute('data-xmpp-chat-mounted', '');
  const widget = document.createElement('xmpp-chat');
  for (const name of settings) widget.setAttribute(name, script.getAttribute(`data-${name}`) ?? '');
  document.body.append(widget);
  return widget;
}

const api =
  typeof document === 'undefined'
    ? undefined
    : (() => {
        const mounted = mountFromScript();
        for (const widget of document.querySelectorAll('xmpp-chat')) drawEarlyLauncher(widget);
        // A widget in full mode is shown at once: its panel's code loads alongside the element's
        // rather than after it (the element loads it again, and says so, if this fails).
        if (document.querySelector('xmpp-chat[mode=full]')) import('./chat-panel/chat-panel.ts').catch(() => undefined);
        // Commands wait for the element's code: until then a widget has no methods.
        const target = () => (customElements.get('xmpp-chat') ? (mounted ?? document.querySelector('xmpp-chat') ?? undefined) : undefined);
        return installPageApi(window, target as () => PageWidget | undefined);
      })();

/**
 * Resolves once the launcher has been painted and the page is idle, or at once when a person
 * reaches for a widget (pointer, finger or focus on it) or there is no page. The element's code
 * runs in tasks of its own after that, none of them in the page's way while it loads.
 */
function startTime(): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const start = () => resolve();
    for (const widget of document.querySelectorAll('xmpp-chat'))
      for (const type of ['pointerover', 'touchstart', 'focusin']) widget.addEventListener(type, start, { once: true, passive: true });
    // A frame after the launcher's, then idle time; a hidden tab paints no frames, hence the timer.
    const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 1000 }) : setTimeout(start, 0));
    requestAnimationFrame(() => setTimeout(idle, 0));
    setTimeout(start, 1000);
  });
}

// Importers of the package get the class once it has loaded (a top-level await).
await startTime();
const element = await import('./xmpp-chat/xmpp-chat.ts');
api?.push(); // what the page asked for meanwhile
/** The `<xmpp-chat>` element's class. */
export const XmppChat = element.XmppChat;
export type XmppChat = InstanceType<typeof element.XmppChat>;
