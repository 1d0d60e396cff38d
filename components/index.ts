/**
 * The widget's script: registers `<xmpp-chat>` (once, however often the script is loaded) and,
 * when its own `<script>` tag carries `data-*` settings, mounts a widget configured by them.
 * Everything else (panel, chat core, transports) loads when the chat is first used.
 */
import './xmpp-chat/xmpp-chat.ts';
import { installPageApi, type PageWidget } from './page-api.ts';

export { XmppChat } from './xmpp-chat/xmpp-chat.ts';

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

if (typeof document !== 'undefined') {
  const mounted = mountFromScript();
  installPageApi(window, () => (mounted ?? document.querySelector('xmpp-chat') ?? undefined) as PageWidget | undefined);
}
