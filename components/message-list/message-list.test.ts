import { expect } from '@esm-bundle/chai';
import { emulateMedia } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { StoredMessage } from '../../src/index.ts';
import type { MessageList } from './message-list.ts';
import './message-list.ts';
import { loadLanguage } from '../i18n/i18n.ts';

// German and Arabic strings load on demand, as in a page that asks for them.
before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));

const MINUTE = 60_000;
const message = (key: string, fields: Partial<StoredMessage> = {}): StoredMessage => ({
  key,
  peer: 'ada@example.org',
  direction: 'in',
  body: `body of ${key}`,
  time: Date.now(),
  state: 'read',
  ids: [key],
  ...fields,
});
/** `n` messages a minute apart ending now; every fourth is ours and every fifth spans lines. */
const history = (n: number, prefix = 'h', end = Date.now()) =>
  Array.from({ length: n }, (_, i) =>
    message(`${prefix}${i}`, {
      direction: i % 4 === 0 ? 'out' : 'in',
      time: end - (n - i) * MINUTE,
      body:
        i % 5 === 0
          ? `message ${prefix}${i}, which is long enough to wrap in a narrow list\nand has a second line`
          : `message ${prefix}${i}`,
    }),
  );

const mounted: HTMLElement[] = [];
const fired: { type: string; detail: unknown }[] = [];
const TYPES = ['xmpp-chat-load-older', 'xmpp-chat-retry', 'xmpp-chat-seen'];
const record = (event: Event) => fired.push({ type: event.type, detail: (event as CustomEvent).detail });
const count = (type: string) => fired.filter((event) => event.type === type).length;
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function settle(el: MessageList): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await frame();
    await el.updateComplete;
  }
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 180 && !condition(); i++) await frame();
  expect(condition(), what).to.equal(true);
}

async function mount(props: Partial<MessageList>, parent: HTMLElement = document.body): Promise<MessageList> {
  const el = document.createElement('xmpp-chat-message-list') as MessageList;
  el.style.cssText = 'height: 400px; width: 360px';
  Object.assign(el, props);
  parent.append(el);
  mounted.push(parent === document.body ? el : parent);
  await settle(el);
  return el;
}

const all = (el: MessageList, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const one = (el: MessageList, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const scroller = (el: MessageList) => one(el, '[part="message-list"]')!;
const row = (el: MessageList, key: string) => one(el, `[data-key="${key}"]`);
const keys = (el: MessageList) => all(el, '[data-key]').map((r) => r.dataset.key!);
const atBottom = (el: MessageList) => {
  const s = scroller(el);
  return s.scrollHeight - s.scrollTop - s.clientHeight < 2;
};
/** A row's top relative to the top of the view. */
const topInView = (el: MessageList, key: string) => row(el, key)!.getBoundingClientRect().top - scroller(el).getBoundingClientRect().top;
async function scrollTo(el: MessageList, top: number) {
  scroller(el).scrollTop = top;
  await settle(el);
}

describe('xmpp-chat-message-list', () => {
  beforeEach(() => {
    fired.length = 0;
    for (const type of TYPES) document.addEventListener(type, record);
  });
  afterEach(() => {
    for (const type of TYPES) document.removeEventListener(type, record);
    for (const el of mounted.splice(0)) el.remove();
  });

  it('is a labelled, keyboard-scrollable log', async () => {
    const el = await mount({ messages: history(3), lang: 'de' });
    const log = scroller(el);
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-label')).to.equal('Nachrichten');
    expect(log.tabIndex).to.equal(0);
    expect(el.getAttribute('lang'), 'the language reaches assistive technology').to.equal('de');
    expect((await mount({})).hasAttribute('lang'), 'no lang="" when none is set').to.equal(false);
    el.lang = 'en';
    await settle(el);
    expect(log.getAttribute('aria-label')).to.equal('Messages');
  });

  it('separates days with Today, Yesterday and a localized date', async () => {
    const today = new Date();
    today.setHours(0, 1, 0, 0);
    const old = new Date(2024, 2, 5, 12).getTime();
    const messages = [
      message('a', { time: old }),
      message('b', { time: old + MINUTE }),
      message('c', { time: today.getTime() - 12 * 60 * MINUTE }),
      message('d', { time: today.getTime() }),
      message('e', { time: today.getTime() + MINUTE }),
    ];
    const el = await mount({ messages, lang: 'de' });
    expect(all(el, '[part="day-separator"]').map((day) => day.textContent.trim())).to.deep.equal(['5. März 2024', 'Gestern', 'Heute']);
    expect(keys(el).filter((key) => row(el, key)!.querySelector('[part="day-separator"]'))).to.deep.equal(['a', 'c', 'd']);
    const time = row(el, 'b')!.querySelector('time')!;
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }).format(old + MINUTE));
  });

  it('marks peer and own messages with parts and puts ours at the end of the line, mirrored in RTL', async () => {
    const messages = [message('in1'), message('out1', { direction: 'out' })];
    for (const dir of ['ltr', 'rtl']) {
      const wrapper = Object.assign(document.createElement('div'), { dir });
      document.body.append(wrapper);
      const el = await mount({ messages }, wrapper);
      expect(row(el, 'in1')!.querySelector('[part~="message"]')!.getAttribute('part')).to.equal('message message-in');
      expect(row(el, 'out1')!.querySelector('[part~="message"]')!.getAttribute('part')).to.equal('message message-out');
      const [peer, own] = ['in1', 'out1'].map((key) => row(el, key)!.querySelector('[part="message-body"]')!.getBoundingClientRect());
      const list = scroller(el).getBoundingClientRect();
      if (dir === 'ltr') expect([peer.left - list.left < 40, list.right - own.right < 40]).to.deep.equal([true, true]);
      else expect([list.right - peer.right < 40, own.left - list.left < 40]).to.deep.equal([true, true]);
    }
  });

  it('says the delivery state of our messages in words, and marks corrections', async () => {
    const states = ['pending', 'sent', 'delivered', 'read'] as const;
    const el = await mount({
      messages: [...states.map((state) => message(state, { direction: 'out', state })), message('fixed', { corrected: true })],
    });
    const words = { pending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read' };
    for (const state of states) expect(row(el, state)!.querySelector('[part="message-meta"]')!.textContent, state).to.contain(words[state]);
    expect(row(el, 'fixed')!.textContent).to.contain('edited').and.not.contain('Read');
    expect(row(el, 'read')!.textContent).not.to.contain('edited');
  });

  it('shows why a message failed and fires xmpp-chat-retry from a real button', async () => {
    const el = await mount({
      messages: [
        message('ok', { direction: 'out' }),
        message('bad', { direction: 'out', state: 'failed', error: 'The server refused it.' }),
      ],
    });
    expect(row(el, 'bad')!.textContent).to.contain('Not sent').and.contain('The server refused it.');
    expect(row(el, 'ok')!.querySelector('[part="retry-button"]')).to.equal(null);
    const retry = row(el, 'bad')!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(retry.tagName).to.equal('BUTTON');
    expect(retry.textContent.trim()).to.equal('Retry');
    expect(retry.getBoundingClientRect().height).to.be.at.least(24);
    retry.click();
    expect(fired.filter((event) => event.type === 'xmpp-chat-retry')).to.deep.equal([{ type: 'xmpp-chat-retry', detail: { key: 'bad' } }]);
  });

  it('renders hostile bodies as text and only safe links as anchors', async () => {
    const bodies = [
      '<img src=x onerror="globalThis.pwned = 1">',
      'javascript:alert(1)',
      '<script>globalThis.pwned = 2</script>',
      'see https://example.org/tea?x=1. or <a href="javascript:alert(1)">x</a>',
    ];
    const el = await mount({ messages: bodies.map((body, i) => message(`x${i}`, { body })) });
    await frame();
    expect(all(el, '[part="message-body"]').map((body) => body.textContent)).to.deep.equal(bodies);
    expect(all(el, 'img, script').length).to.equal(0);
    expect((globalThis as { pwned?: number }).pwned).to.equal(undefined);
    const links = all(el, '[part="message-body"] a') as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent, a.href, a.target, a.rel])).to.deep.equal([
      ['https://example.org/tea?x=1', 'https://example.org/tea?x=1', '_blank', 'noopener noreferrer'],
    ]);
    expect(getComputedStyle(all(el, '[part="message-body"]')[0]).whiteSpace).to.equal('pre-wrap');
  });

  it('shows the typing indicator at the bottom and keeps it in view', async () => {
    const el = await mount({ messages: history(60), peerName: 'Ada' });
    expect(one(el, '[part="typing"]')).to.equal(null);
    el.peerTyping = true;
    await settle(el);
    const typing = one(el, '[part="typing"]')!;
    expect(typing.textContent).to.contain('Ada is typing…');
    expect(atBottom(el)).to.equal(true);
    expect(typing.getBoundingClientRect().bottom).to.be.at.most(scroller(el).getBoundingClientRect().bottom + 1);
  });

  it('shows the start of the conversation, or an empty state', async () => {
    const el = await mount({ messages: history(3), historyStart: true });
    expect(one(el, '[part="history-start"]')!.textContent).to.equal('This is the start of the conversation.');
    el.hasOlder = true;
    await settle(el);
    expect(one(el, '[part="history-start"]')).to.equal(null);
    el.hasOlder = false;
    el.messages = [];
    await settle(el);
    expect(one(el, '[part="empty"]')!.textContent).to.equal('No messages yet. Say hello!');
  });

  it('asks for older messages at once when the loaded ones do not fill the view', async () => {
    const el = await mount({ messages: history(3), hasOlder: true });
    expect(count('xmpp-chat-load-older')).to.equal(1);
    el.peerTyping = true;
    await settle(el);
    expect(count('xmpp-chat-load-older'), 'not again before the messages change').to.equal(1);
    el.messages = [...history(3, 'older', Date.now() - 10 * MINUTE), ...el.messages];
    await settle(el);
    expect(count('xmpp-chat-load-older')).to.equal(2);
  });

  it('asks for older messages near the top once, shows that it loads, and keeps the view when they arrive', async () => {
    const el = await mount({ messages: history(200), hasOlder: true });
    expect(atBottom(el), 'starts at the newest').to.equal(true);
    expect(count('xmpp-chat-load-older')).to.equal(0);
    await scrollTo(el, 0);
    expect(count('xmpp-chat-load-older')).to.equal(1);
    await scrollTo(el, 150);
    await scrollTo(el, 0);
    expect(count('xmpp-chat-load-older'), 'not twice').to.equal(1);
    el.loadingOlder = true;
    await settle(el);
    const loading = one(el, '[part="loading-row"]')!;
    expect(loading.textContent.trim()).to.equal('Loading older messages…');
    expect(loading.getBoundingClientRect().top).to.be.at.least(scroller(el).getBoundingClientRect().top - 1); // visible
    const key = keys(el).find((k) => topInView(el, k) >= 0)!;
    const before = topInView(el, key);
    el.messages = [...history(50, 'older', Date.now() - 300 * MINUTE), ...el.messages];
    el.loadingOlder = false;
    await settle(el);
    expect(one(el, '[part="loading-row"]')).to.equal(null);
    expect(topInView(el, key)).to.be.closeTo(before, 2);
    expect(keys(el)).not.to.include('older0');
    await scrollTo(el, 0);
    expect(count('xmpp-chat-load-older'), 'again, for the next page').to.equal(2);
  });

  it('keeps the visible message in place when older ones are prepended', async () => {
    const el = await mount({ messages: history(100) });
    await scrollTo(el, scroller(el).scrollHeight / 2);
    const key = keys(el).find((k) => topInView(el, k) > 50)!;
    const before = topInView(el, key);
    el.messages = [...history(80, 'older', Date.now() - 200 * MINUTE), ...el.messages];
    await settle(el);
    expect(topInView(el, key)).to.be.closeTo(before, 2);
  });

  it('follows new messages at the bottom and reports them seen', async () => {
    const el = await mount({ messages: history(100) });
    expect(count('xmpp-chat-seen')).to.equal(1);
    el.messages = [...el.messages, message('new', { body: 'a new message\nwith\nfour lines' })];
    await settle(el);
    expect(atBottom(el)).to.equal(true);
    expect(row(el, 'new')!.getBoundingClientRect().bottom).to.be.at.most(scroller(el).getBoundingClientRect().bottom + 1);
    expect(count('xmpp-chat-seen')).to.equal(2);
    expect(one(el, '[part="jump-button"]')).to.equal(null);
  });

  it('offers a jump to new messages when the reader is scrolled up', async () => {
    const el = await mount({ messages: history(100) });
    await scrollTo(el, 500);
    const key = keys(el).find((k) => topInView(el, k) > 0)!;
    const before = topInView(el, key);
    el.messages = [...el.messages, message('new')];
    await settle(el);
    expect(topInView(el, key), 'the reader is not moved').to.be.closeTo(before, 2);
    expect(count('xmpp-chat-seen'), 'only the first').to.equal(1);
    const jump = one(el, '[part="jump-button"]')!;
    expect(jump.textContent).to.contain('New messages');
    jump.click();
    await waitFor(() => atBottom(el) && !!row(el, 'new'), 'the newest message');
    await settle(el);
    expect(one(el, '[part="jump-button"]')).to.equal(null);
    expect(count('xmpp-chat-seen')).to.equal(2);
  });

  it('scrolls smoothly to new messages that are close, unless the reader prefers reduced motion', async () => {
    const el = await mount({ messages: history(100) });
    const log = scroller(el);
    await scrollTo(el, log.scrollHeight - log.clientHeight * 2);
    el.messages = [...el.messages, message('near')];
    await settle(el);
    const from = log.scrollTop;
    one(el, '[part="jump-button"]')!.click();
    await frame();
    await frame();
    const moving = log.scrollTop;
    await waitFor(() => atBottom(el), 'the bottom');
    expect(moving, 'still on the way after two frames')
      .to.be.above(from)
      .and.below(log.scrollHeight - log.clientHeight - 1);
    expect(el.shadowRoot!.activeElement, 'focus stays in the log').to.equal(log);

    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      await scrollTo(el, log.scrollHeight - log.clientHeight * 2);
      el.messages = [...el.messages, message('near again')];
      await settle(el);
      one(el, '[part="jump-button"]')!.click();
      await el.updateComplete;
      expect(atBottom(el), 'at once').to.equal(true);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('scrolls to a message the reader just sent, without a jump button', async () => {
    const el = await mount({ messages: history(100) });
    await scrollTo(el, 500);
    el.messages = [...el.messages, message('mine', { direction: 'out', state: 'pending' })];
    await settle(el);
    expect(atBottom(el)).to.equal(true);
    expect(one(el, '[part="jump-button"]')).to.equal(null);
  });

  it('lays out correctly when it was first rendered hidden', async () => {
    const wrapper = Object.assign(document.createElement('div'), { hidden: true });
    document.body.append(wrapper);
    const el = await mount({ messages: history(100) }, wrapper);
    expect(count('xmpp-chat-seen'), 'nothing is seen while hidden').to.equal(0);
    wrapper.hidden = false;
    await settle(el);
    await settle(el);
    expect(atBottom(el)).to.equal(true);
    expect(row(el, 'h99')!.getBoundingClientRect().bottom).to.be.closeTo(scroller(el).getBoundingClientRect().bottom, 2);
    expect(count('xmpp-chat-seen')).to.equal(1);
  });

  it('has no accessibility violations found by axe', async () => {
    const messages = [
      ...history(6),
      message('link', { body: 'see https://example.org' }),
      message('bad', { direction: 'out', state: 'failed', error: 'No connection.' }),
      message('edit', { direction: 'out', state: 'delivered', corrected: true }),
    ];
    const el = await mount({ messages, peerTyping: true, peerName: 'Ada', historyStart: true });
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });

  it('keeps the DOM small for 10,000 messages and still reaches the oldest', async () => {
    const messages = history(10_000);
    const el = await mount({ messages });
    const rendered = () => all(el, '[part~="message"]').length;
    expect(rendered()).to.be.within(5, 79);
    expect(keys(el)).to.include('h9999');
    expect(scroller(el).scrollHeight, 'spacers stand in for the rest').to.be.above(10_000 * 20);
    await scrollTo(el, scroller(el).scrollHeight / 2);
    const middle = keys(el).map((k) => Number(k.slice(1)));
    expect(middle[0]).to.be.within(2_000, 8_000);
    expect(
      middle.every((n, i) => i === 0 || n === middle[i - 1] + 1),
      'a contiguous run',
    ).to.equal(true);
    await scrollTo(el, 0);
    expect(keys(el)).to.include('h0');
    expect(topInView(el, 'h0')).to.be.closeTo(0, 1);
    expect(rendered()).to.be.below(80);
  });
});
