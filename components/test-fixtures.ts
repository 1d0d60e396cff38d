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
