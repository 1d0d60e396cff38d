/**
 * A widget removed from the page lets go of everything: its chat disconnects, no timer keeps
 * firing, and no listener it added to the window or the document remains.
 */
import { expect } from '@esm-bundle/chai';
import '../../components/index.ts';
import type { Chat } from '../../src/index.ts';
import { ANON_DOMAIN, SERVERS, serviceUrl, until } from './servers.ts';

/** Waits without a timer of the page's own: the test's own waiting is not counted. */
const wait = (ms: number) =>
  new Promise((r) => {
    const start = performance.now();
    const tick = () => (performance.now() - start >= ms ? r(undefined) : requestAnimationFrame(tick));
    tick();
  });

type Target = Window | Document;
interface Added {
  target: string;
  type: string;
  listener: unknown;
  capture: boolean;
}

/** Records the listeners added to the window and the document, less those removed again. */
function watchListeners() {
  const live: Added[] = [];
  const originals = new Map<Target, Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>();
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const { addEventListener: add, removeEventListener: remove } = target;
    originals.set(target, { addEventListener: add, removeEventListener: remove });
    const capture = (options?: boolean | EventListenerOptions) => (typeof options === 'boolean' ? options : !!options?.capture);
    target.addEventListener = function (type: string, listener: unknown, options?: boolean | AddEventListenerOptions) {
      if (listener && !(typeof options === 'object' && options.once))
        live.push({ target: name, type, listener, capture: capture(options) });
      return add.call(this, type, listener as EventListener, options);
    };
    target.removeEventListener = function (type: string, listener: unknown, options?: boolean | EventListenerOptions) {
      const at = live.findIndex((l) => l.target === name && l.type === type && l.listener === listener && l.capture === capture(options));
      if (at >= 0) live.splice(at, 1);
      return remove.call(this, type, listener as EventListener, options);
    };
  }
  return {
    live,
    restore() {
      for (const [target, { addEventListener, removeEventListener }] of originals)
        Object.assign(target, { addEventListener, removeEventListener });
    },
  };
}

/** Records when timers set from now on fire. */
function watchTimers() {
  const { setTimeout: timeout, setInterval: interval } = window;
  const fired: Array<{ at: number; what: string }> = [];
  const traced = (kind: string, run: TimerHandler, ms: number | undefined) => {
    const what = `${kind} ${ms ?? 0} ms, set at ${new Error().stack?.split('\n').slice(3, 5).join(' ').replace(/\s+/g, ' ')}`;
    return typeof run === 'function'
      ? (...args: unknown[]) => {
          fired.push({ at: performance.now(), what });
          (run as (...a: unknown[]) => void)(...args);
        }
      : run;
  };
  window.setTimeout = ((run: TimerHandler, ms?: number, ...args: unknown[]) =>
    timeout(traced('timeout', run, ms), ms, ...args)) as typeof window.setTimeout;
  window.setInterval = ((run: TimerHandler, ms?: number, ...args: unknown[]) =>
    interval(traced('interval', run, ms), ms, ...args)) as typeof window.setInterval;
  return {
    firedSince: (since: number) => fired.filter((f) => f.at >= since).map((f) => f.what),
    restore() {
      Object.assign(window, { setTimeout: timeout, setInterval: interval });
    },
  };
}

describe('a widget removed from the page', function () {
  this.timeout(30_000);

  it('disconnects, and leaves no timers or window and document listeners behind', async () => {
    const listeners = watchListeners();
    const timers = watchTimers();
    try {
      const el = document.createElement('xmpp-chat');
      Object.entries({
        service: serviceUrl('websocket', SERVERS.prosody.httpPort),
        domain: ANON_DOMAIN,
        anonymous: '',
        to: 'desk@localhost',
      }).forEach(([name, value]) => el.setAttribute(name, value));
      document.body.append(el);
      (el as HTMLElement & { open(): void }).open();
      const panel = await until(
        () => el.shadowRoot?.querySelector('xmpp-chat-panel') as (HTMLElement & { session?: { chat: Chat } }) | null,
        'the panel',
      );
      const client = await until(() => panel.session?.chat.client, 'the chat session');
      let available = false;
      panel.session!.chat.roster.on('available', () => {
        available = true;
      });
      await until(() => available, 'the initial presence'); // the widget now waits for the desk to answer
      const statuses: string[] = [];
      client.on('status', ({ status }) => statuses.push(status));
      el.remove();
      await wait(500); // the goodbye to the server
      expect(statuses).to.include('disconnected');
      const since = performance.now();
      await wait(3000);
      expect(timers.firedSince(since), 'timers that fired after the widget was removed').to.deep.equal([]);
      expect(
        listeners.live.map((l) => `${l.target} ${l.type}`),
        'listeners left on the window and document',
      ).to.deep.equal([]);
    } finally {
      timers.restore();
      listeners.restore();
    }
  });
});
