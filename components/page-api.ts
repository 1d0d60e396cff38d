/**
 * The page-level API, usable before the script has loaded:
 *
 *   window.xmppChat = window.xmppChat || [];
 *   xmppChat.push(['on', 'message', (detail) => console.log(detail)]);
 *   xmppChat.push(['open']);
 *
 * Commands queued before the script ran are replayed in order once a widget is on the page;
 * later ones run at once. They go to the widget this script mounted, or the page's first
 * `<xmpp-chat>`.
 */
export type PageCommand = [name: string, ...args: unknown[]];

export interface PageWidget extends HTMLElement {
  open(): void;
  close(): void;
  toggle(): void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(body: string, to?: string): Promise<void>;
  reset(): Promise<void>;
  identify(visitor: VisitorIdentity): void;
}

/**
 * Who the visitor is, as the page says: `xmppChat.push(['identify', { name, email }])`. A site
 * that knows its user adds its `userId` and a `signature` made on its server (HMAC-SHA256 of
 * `userId + "\n" + email + "\n" + name` with a secret the support desk holds; see the README),
 * and the desk shows the visitor as verified.
 */
export interface VisitorIdentity {
  name?: string;
  email?: string;
  userId?: string | number;
  signature?: string;
}

export interface PageApi {
  /** Runs the commands (or queues them until a widget is on the page); returns how many wait. */
  push(...commands: PageCommand[]): number;
}

const COMMANDS: Record<string, (widget: PageWidget, args: unknown[]) => unknown> = {
  open: (w) => w.open(),
  close: (w) => w.close(),
  toggle: (w) => w.toggle(),
  connect: (w) => w.connect(),
  disconnect: (w) => w.disconnect(),
  send: (w, [body, to]) => {
    if (to !== undefined && typeof to !== 'string') throw new TypeError("xmppChat.push(['send', body, to]): `to` must be an address");
    return w.send(String(body), to);
  },
  reset: (w) => w.reset(),
  identify: (w, [visitor]) => {
    if (visitor !== undefined && (typeof visitor !== 'object' || visitor === null)) {
      throw new TypeError("xmppChat.push(['identify', visitor]): the visitor is an object, e.g. { name, email, userId, signature }");
    }
    return w.identify(visitor ?? {});
  },
  on: (w, [event, listener]) => {
    if (typeof listener !== 'function') throw new TypeError("xmppChat.push(['on', event, listener]): the listener must be a function");
    const type = String(event).startsWith('xmpp-chat-') ? String(event) : `xmpp-chat-${String(event)}`;
    w.addEventListener(type, (e) => (listener as (detail: unknown) => void)((e as CustomEvent).detail));
  },
};

/** Replaces `window.xmppChat` (an array of queued commands, or nothing) with the live API. */
export function installPageApi(win: Window & { xmppChat?: unknown }, target: () => PageWidget | undefined): PageApi {
  const existing = win.xmppChat;
  if (existing && !Array.isArray(existing) && typeof (existing as PageApi).push === 'function') return existing as PageApi;
  const waiting: PageCommand[] = Array.isArray(existing) ? [...(existing as PageCommand[])] : [];

  function run(widget: PageWidget, [name, ...args]: PageCommand): void {
    const command = COMMANDS[name];
    if (!command) {
      console.error(`xmppChat: unknown command "${name}" (known: ${Object.keys(COMMANDS).join(', ')})`);
      return;
    }
    // A failing command must not stop the ones after it; the page hears of it on the console.
    Promise.resolve()
      .then(() => command(widget, args))
      .catch((error: unknown) => console.error(`xmppChat: ${name} failed`, error));
  }

  function flush(): number {
    const widget = target();
    if (widget) for (const command of waiting.splice(0)) run(widget, command);
    return waiting.length;
  }

  const api: PageApi = {
    push(...commands) {
      for (const command of commands) {
        if (Array.isArray(command)) waiting.push(command);
        else console.error("xmppChat.push: a command is an array, e.g. ['open']");
      }
      return flush();
    },
  };
  win.xmppChat = api;
  if (flush() > 0) win.document.addEventListener('DOMContentLoaded', () => flush(), { once: true });
  return api;
}
