/** For the elements' tests: mounting an element with properties, and recording its events. */
import type { XmppChatEvents } from './events.ts';

const mounted: HTMLElement[] = [];

/** Creates `tag` with `props`, adds it to the page (removed by `unmountAll`) and waits for its first render. */
export async function mount<T extends HTMLElement & { updateComplete: Promise<unknown> }>(
  tag: string,
  props: Partial<T> = {},
  parent: HTMLElement = document.body,
  prepare?: (el: T) => void,
): Promise<T> {
  const el = document.createElement(tag) as T;
  prepare?.(el);
  Object.assign(el, props);
  parent.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

/** Removes every element `mount` added; call it after each test. */
export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** The details of every `type` event `el` fires from now on. */
export function record<K extends keyof XmppChatEvents>(el: HTMLElement, type: K): XmppChatEvents[K][] {
  const seen: XmppChatEvents[K][] = [];
  el.addEventListener(type, (e) => seen.push((e as CustomEvent<XmppChatEvents[K]>).detail));
  return seen;
}

type Rendering = Element & { updateComplete?: Promise<unknown>; isUpdatePending?: boolean };

/** `el` and every element in its shadow tree and in the shadow trees below. */
function withShadowTree(el: Element): Rendering[] {
  const found: Rendering[] = [el];
  for (let i = 0; i < found.length; i++) {
    const root = found[i].shadowRoot;
    if (root) found.push(...root.querySelectorAll('*'));
  }
  return found;
}

/** What `el` shows, shadow trees included: equal snapshots, nothing rendered in between. */
const snapshot = (el: Element) =>
  withShadowTree(el)
    .map((e) => `${e.outerHTML.length}:${e.shadowRoot?.innerHTML ?? ''}`)
    .join('\n');

/**
 * Waits until `el` and every element below it have rendered and the whole stays unchanged for three
 * animation frames: what a resize observer, a frame or a module loaded on demand asks for has been done.
 */
export async function rendered(el: Element, maxFrames = 90): Promise<void> {
  let last = '';
  let still = 0;
  for (let i = 0; i < maxFrames && still < 3; i++) {
    const tree = withShadowTree(el);
    const pending = tree.some((e) => e.isUpdatePending);
    for (const e of tree) if (e.updateComplete) await e.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = snapshot(el);
    still = !pending && now === last ? still + 1 : 0;
    last = now;
  }
}
