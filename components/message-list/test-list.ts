/** Mounting a message list in tests, and finding things in it. */
import { expect } from '@esm-bundle/chai';
import type { StoredMessage } from '../../src/index.ts';
import type { MessageList } from './message-list.ts';
import './message-list.ts';

/** A message from the peer, a minute old, with `fields` over it. */
export const message = (key: string, fields: Partial<StoredMessage> = {}): StoredMessage => ({
  key,
  peer: 'ada@example.org',
  direction: 'in',
  body: `body of ${key}`,
  time: Date.now() - 60_000,
  state: 'read',
  ids: [key],
  ...fields,
});

/** `n` plain messages a minute apart, ending a minute ago. */
export const plain = (n: number, prefix = 'p') =>
  Array.from({ length: n }, (_, i) => message(`${prefix}${i}`, { time: Date.now() - (n - i + 1) * 60_000, body: `message ${prefix}${i}` }));

export const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

export async function settle(el: MessageList): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await frame();
    await el.updateComplete;
  }
}

export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await frame();
  expect(condition(), what).to.equal(true);
}

const mounted: HTMLElement[] = [];

export async function mount(props: Partial<MessageList>): Promise<MessageList> {
  const el = document.createElement('xmpp-chat-message-list') as MessageList;
  el.style.cssText = 'height: 400px; width: 360px';
  Object.assign(el, { peerName: 'Ada', self: 'me@example.org', ...props });
  document.body.append(el);
  mounted.push(el);
  await settle(el);
  return el;
}

/** Mounts, then waits for the code of messages' extras, which loads when a message needs it. */
export async function mountWithExtras(props: Partial<MessageList>): Promise<MessageList> {
  const el = await mount(props);
  await waitFor(() => extrasLoaded(el), 'the extras loaded');
  await settle(el);
  return el;
}

/** The extras' styles are adopted once their code has loaded. */
export const extrasLoaded = (el: MessageList) => el.shadowRoot!.adoptedStyleSheets.length > 1;

export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

export const all = (el: MessageList, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const one = (el: MessageList, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
export const row = (el: MessageList, key: string) => one(el, `.row[data-key="${key}"]`)!;
export const inRow = (el: MessageList, key: string, selector: string) => row(el, key).querySelector<HTMLElement>(selector);

/** Records the events of these types that the list fires. */
export function recorder(el: MessageList, types: string[]): { type: string; detail: unknown }[] {
  const fired: { type: string; detail: unknown }[] = [];
  for (const type of types) el.addEventListener(type, (event) => fired.push({ type, detail: (event as CustomEvent).detail }));
  return fired;
}
