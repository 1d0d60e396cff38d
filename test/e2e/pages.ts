/** Pages for end-to-end tests: an iframe holding a host page with the widget's single script tag. */
import axe from 'axe-core';
import { until } from '../integration/servers.ts';

const frames: HTMLIFrameElement[] = [];

/**
 * The test runner clones a failed test's `actual` and `expected` to report them. An element (say,
 * `expect(deep(doc, sel)).to.equal(undefined)` finding one) cannot be cloned: the report is never
 * sent, and the run waits without a word until its time limit. Such values go as their markup.
 */
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (error) for (const field of ['actual', 'expected'] as const) error[field] = reportable(error[field]);
});

function reportable(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch (error) {
    const markup = (value as { outerHTML?: unknown } | null)?.outerHTML;
    return `${typeof markup === 'string' ? markup.slice(0, 500) : String(value)} (not clonable: ${(error as Error).name})`;
  }
}

/** A same-origin page whose body is `body`; resolves once its widget element exists. */
export async function page(body: string, options: { width?: number; height?: number; head?: string } = {}): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${options.width ?? 1024}px;height:${options.height ?? 760}px;border:0;display:block`;
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>A host page</title>${options.head ?? ''}</head><body>${body}</body></html>`;
  document.body.append(frame);
  frames.push(frame);
  await loaded(frame);
  return frame;
}

export function loaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

export async function reload(frame: HTMLIFrameElement): Promise<void> {
  const done = loaded(frame);
  frame.contentWindow!.location.reload();
  await done;
}

export function closePages(): void {
  for (const frame of frames.splice(0)) frame.remove();
}

/** The first element matching `selector` anywhere under `root`, looking inside shadow roots. */
export function deep<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  const found = root.querySelector<T>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep<T>(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return undefined;
}

/** Every element matching `selector` under `root`, inside shadow roots too. */
export function deepAll<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T[] {
  const all = [...root.querySelectorAll<T>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) all.push(...deepAll<T>(el.shadowRoot, selector));
  return all;
}

/** Waits until `check` gives a truthy value (pages take longer than clients: 20 s by default). */
export const waitFor = <T>(check: () => T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> =>
  until(check, what, timeoutMs);

/** Types into the composer and presses Enter, as a person would. */
export function typeAndSend(root: ParentNode, text: string): void {
  const input = deep<HTMLTextAreaElement>(root, 'textarea');
  if (!input) throw new Error('no composer');
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, composed: true, cancelable: true }));
}

/** axe-core's WCAG 2.2 AA findings for the page in `frame`, one line each. */
export async function accessibilityViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const win = frame.contentWindow as Window & { axe?: typeof axe; eval(code: string): unknown };
  // Colours are checked as they end up, not halfway through the panel's fade-in (which a busy or
  // throttled frame may not have played yet): finite animations, shadow roots included, are ended.
  const doc = frame.contentDocument!;
  const roots: DocumentOrShadowRoot[] = [doc, ...deepAll(doc, '*').flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
  for (const animation of roots.flatMap((root) => root.getAnimations())) {
    if (animation.effect?.getTiming().iterations !== Infinity) animation.finish();
  }
  if (!win.axe) win.eval(axe.source);
  const result = await win.axe!.run(frame.contentDocument!, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** The header button with this text (log out, turn on notifications…). */
export const headerButton = (root: ParentNode, text: string) =>
  deepAll<HTMLButtonElement>(root, '.header button').find((b) => b.textContent?.trim() === text);

/** A visitor's page through the page API, noting each connection's address and each error. */
export type VisitorWindow = Window & { calls: string[]; errors: string[]; xmppChat: { push(...c: unknown[]): number } };

/** The one-tag widget for a visitor writing to dave@localhost, with the page API noting connections and errors. */
export const visitorTag = (service: string) =>
  `<script>window.calls = []; window.errors = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)], ['on', 'error', (d) => errors.push(d.code + ': ' + d.message)]];</script>
  <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost" data-to="dave@localhost"></script>`;

/** Opens the visitor's widget in `frame`; resolves with its full address once connected and the composer is there. */
export async function openVisitor(frame: HTMLIFrameElement, timeoutMs = 30_000): Promise<string> {
  const win = frame.contentWindow as VisitorWindow;
  const before = win.calls.length;
  win.xmppChat.push(['open']);
  const jid = await waitFor(() => win.calls[before], 'the connection', timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message} (${frame.dataset.name ?? ''}); errors: ${win.errors.join(' | ')}`);
  });
  await waitFor(() => deep(frame.contentDocument!, 'textarea'), 'the composer');
  return jid;
}
