/**
 * The widget's script: when its own `<script>` tag carries `data-*` settings, mounts a widget
 * configured by them; draws the launcher of every widget on the page at once, with plain DOM
 * (early-launcher.ts); then loads and registers `<xmpp-chat>` (once, however often the script is
 * loaded), which takes over. Everything else (panel, chat core, transports) loads when the chat is
 * first used.
 */
import { drawEarlyLauncher } from './early-launcher.ts';
import { installPageApi, type PageApi, type PageWidget } from './page-api.ts';

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
  'encryption',
  'plaintext-fallback',
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

/**
 * Resolves in a new task, as next-task.ts does for the element's code (the entry file shares no
 * module with it: see early-launcher.ts).
 */
const nextTask = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve));

/**
 * Mounts the widget and draws the launchers, each step in a task of its own: the first is the
 * page's own (the end of its loading), the other two are the first uses of the DOM from script,
 * which cost the most.
 */
async function start(): Promise<PageApi> {
  // An `async` tag may run while the page is still being parsed: the widgets and the body come later.
  if (document.readyState === 'loading')
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  await nextTask();
  const mounted = mountFromScript();
  await nextTask();
  for (const widget of document.querySelectorAll('xmpp-chat')) drawEarlyLauncher(widget);
  // A widget in full mode is shown at once: its panel's code loads alongside the element's
  // rather than after it (the element loads it again, and says so, if this fails).
  if (document.querySelector('xmpp-chat[mode=full]')) import('./chat-panel/chat-panel.ts').catch(() => undefined);
  // Commands wait for the element's code: until then a widget has no methods.
  const target = () => (customElements.get('xmpp-chat') ? (mounted ?? document.querySelector('xmpp-chat') ?? undefined) : undefined);
  return installPageApi(window, target as () => PageWidget | undefined);
}

const api = typeof document === 'undefined' ? undefined : await start();

/**
 * Resolves once the launcher has been painted and the page is idle, or at once when a pointer or
 * the focus comes to a widget. The element's code runs in tasks of its own after that (see
 * next-task.ts), none of them in the way of the page's own start.
 */
function startTime(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof document === 'undefined') return resolve();
    const start = () => resolve();
    for (const widget of document.querySelectorAll('xmpp-chat'))
      for (const type of ['pointerover', 'focusin']) widget.addEventListener(type, start, { once: true });
    // A frame after the launcher's, then idle time; a hidden tab paints no frames, hence the timer.
    requestAnimationFrame(() => setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(start) : start())));
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
