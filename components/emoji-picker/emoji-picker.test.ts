import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './emoji-picker.ts';
import type { XmppChatEmojiPicker } from './emoji-picker.ts';
import { CATEGORIES, emojiIn, searchEmoji } from './emoji-search.ts';
import { gridMove } from './grid-moves.ts';
import { mount, record, unmountAll } from '../test-fixtures.ts';

const RECENT_KEY = 'xmpp-chat:emoji:recent';

beforeEach(() => localStorage.removeItem(RECENT_KEY));
afterEach(() => {
  unmountAll();
  localStorage.removeItem(RECENT_KEY);
});

/** The focused element, inside shadow roots too. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const options = (el: XmppChatEmojiPicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="emoji-option"]')];
const names = (el: XmppChatEmojiPicker) => options(el).map((o) => o.getAttribute('aria-label'));
const status = (el: XmppChatEmojiPicker) => el.shadowRoot!.querySelector('[role="status"]')!.textContent.trim();
const settle = (el: XmppChatEmojiPicker) => el.updateComplete.then(() => new Promise((resolve) => requestAnimationFrame(resolve)));

async function open(): Promise<XmppChatEmojiPicker> {
  const el = await mount<XmppChatEmojiPicker>('xmpp-chat-emoji-picker');
  await settle(el);
  return el;
}

async function axeIds(el: XmppChatEmojiPicker): Promise<string[]> {
  return (await axe.run(el)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

describe('xmpp-chat-emoji-picker', () => {
  it('opens with the focus in its search field, and finds "thumbs up" and "heart" by name, announcing how many', async () => {
    const el = await open();
    const dialog = el.shadowRoot!.querySelector('[part~="emoji-picker"]')!;
    expect(dialog.getAttribute('role')).to.equal('dialog');
    expect(dialog.getAttribute('aria-label')).to.equal('Emoji');
    expect(focused()!.getAttribute('part')).to.equal('emoji-search');
    expect(names(el)).to.include('grinning face');
    expect(status(el)).to.equal('');

    await sendKeys({ type: 'thumbs up' });
    await settle(el);
    expect(names(el)[0]).to.equal('thumbs up');
    expect(options(el)[0].textContent).to.equal('👍');
    expect(status(el)).to.equal(`${options(el).length} emoji found`);
    expect(el.shadowRoot!.querySelector('[role="grid"]')!.getAttribute('aria-label')).to.equal('Search results');

    const search = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="emoji-search"]')!;
    search.select();
    await sendKeys({ type: 'heart' });
    await settle(el);
    expect(names(el)).to.include.members(['red heart', 'smiling face with heart-eyes', 'broken heart']);
    expect(options(el).find((o) => o.getAttribute('aria-label') === 'red heart')!.textContent).to.equal('❤️');

    search.select();
    await sendKeys({ type: 'zzzqx' });
    await settle(el);
    expect(options(el)).to.have.length(0);
    expect(status(el)).to.equal('No emoji found');
    expect(await axeIds(el)).to.deep.equal([]);
  });

  it('searches keywords, accents aside, best match first', () => {
    expect(searchEmoji('like').map((e) => e.name)).to.include('thumbs up');
    expect(searchEmoji('pinata').map((e) => e.name)).to.include('piñata');
    expect(searchEmoji('flag: ger').map((e) => e.name)[0]).to.equal('flag: Germany');
    expect(searchEmoji('cat')[0].name).to.equal('cat');
    expect(searchEmoji('  ')).to.deep.equal([]);
  });

  it('moves through the grid with the arrow keys (one tab stop), and Enter or Space picks', async () => {
    const el = await open();
    const picked = record(el, 'xmpp-chat-emoji');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(focused()!.getAttribute('aria-label')).to.equal('grinning face');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    const cells = options(el);
    expect(focused()).to.equal(cells[9]);
    expect(cells.filter((c) => c.tabIndex === 0)).to.deep.equal([cells[9]]);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: ' ' });
    expect(picked).to.deep.equal([{ emoji: cells[9].textContent }, { emoji: cells[8].textContent }]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()!.getAttribute('part')).to.equal('emoji-search');
  });

  it('Tab goes from the search field to the tabs and the grid; the arrow keys change the category', async () => {
    const el = await open();
    await sendKeys({ press: 'Tab' });
    expect(focused()!.id).to.equal('tab-smileys');
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(focused()!.id).to.equal('tab-people');
    expect(focused()!.getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role="grid"]')!.getAttribute('aria-label')).to.equal('People & body');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(focused()!.id).to.equal('tab-flags');
    await sendKeys({ press: 'Tab' });
    expect(focused()!.getAttribute('aria-label')).to.equal(emojiIn('flags')[0].name);
    expect(await axeIds(el)).to.deep.equal([]);
  });

  it('fires a bubbling, composed xmpp-chat-emoji with the emoji on a click, and keeps it in the recently used row', async () => {
    const el = await open();
    const events: CustomEvent<{ emoji: string }>[] = [];
    const listener = (e: Event) => events.push(e as CustomEvent<{ emoji: string }>);
    document.addEventListener('xmpp-chat-emoji', listener);
    try {
      options(el)
        .find((o) => o.getAttribute('aria-label') === 'winking face')!
        .click();
    } finally {
      document.removeEventListener('xmpp-chat-emoji', listener);
    }
    expect(events.map((e) => [e.detail, e.bubbles, e.composed])).to.deep.equal([[{ emoji: '😉' }, true, true]]);
    unmountAll();

    const again = await open();
    const recent = again.shadowRoot!.querySelector('[role="row"]')!;
    expect(recent.getAttribute('aria-label')).to.equal('Recently used');
    expect([...recent.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent)).to.deep.equal(['😉']);
    expect(await axeIds(again)).to.deep.equal([]);
  });

  it('Escape asks its host to close it, and the chat around it and the page hear nothing', async () => {
    const el = await open();
    const closes = record(el, 'xmpp-chat-close');
    const outside: string[] = [];
    const listener = (e: Event) => outside.push(e.type);
    document.addEventListener('keydown', listener);
    document.addEventListener('xmpp-chat-close', listener);
    try {
      await sendKeys({ press: 'Escape' });
    } finally {
      document.removeEventListener('keydown', listener);
      document.removeEventListener('xmpp-chat-close', listener);
    }
    expect(closes).to.deep.equal([{}]);
    // Bubbling in the light DOM reaches the document; only a composed event would leave a shadow root.
    expect(outside).to.deep.equal(['xmpp-chat-close']);
  });

  it('fetches nothing from the network', async () => {
    const before = performance.getEntriesByType('resource').length;
    const { fetch: realFetch } = window;
    const calls: string[] = [];
    window.fetch = (input: RequestInfo | URL) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return Promise.reject(new Error('no fetching'));
    };
    try {
      const el = await open();
      await sendKeys({ type: 'smile' });
      await settle(el);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'End' });
      await settle(el);
      expect(options(el).length).to.be.greaterThan(100);
    } finally {
      window.fetch = realFetch;
    }
    expect(calls).to.deep.equal([]);
    expect(
      performance
        .getEntriesByType('resource')
        .slice(before)
        .map((e) => e.name),
    ).to.deep.equal([]);
  });

  it('carries Unicode’s fully-qualified emoji, each once, in every category', () => {
    const all = CATEGORIES.flatMap(({ id }) => emojiIn(id));
    expect(CATEGORIES.every(({ id }) => emojiIn(id).length > 0)).to.equal(true);
    expect(new Set(all.map((e) => e.emoji)).size).to.equal(all.length);
    expect(all.length).to.be.greaterThan(1800);
    const byName = (name: string) => all.find((e) => e.name === name)!.emoji;
    expect([...byName('thumbs up')].length).to.equal(1); // no U+FE0F where the emoji style is the default
    expect(byName('red heart')).to.equal('\u2764\uFE0F');
    expect(byName('flag: Germany')).to.equal('🇩🇪');
  });
});

describe('gridMove', () => {
  const rows = [3, 8, 8, 5];
  it('wraps left and right across rows, clamps up and down to shorter rows, and leaves the top', () => {
    expect(gridMove(rows, { row: 0, col: 2 }, 'ArrowRight')).to.deep.equal({ row: 1, col: 0 });
    expect(gridMove(rows, { row: 1, col: 0 }, 'ArrowLeft')).to.deep.equal({ row: 0, col: 2 });
    expect(gridMove(rows, { row: 1, col: 0 }, 'ArrowRight', true)).to.deep.equal({ row: 0, col: 2 });
    expect(gridMove(rows, { row: 2, col: 7 }, 'ArrowDown')).to.deep.equal({ row: 3, col: 4 });
    expect(gridMove(rows, { row: 1, col: 6 }, 'ArrowUp')).to.deep.equal({ row: 0, col: 2 });
    expect(gridMove(rows, { row: 0, col: 1 }, 'ArrowUp')).to.equal(undefined);
    expect(gridMove(rows, { row: 3, col: 4 }, 'ArrowRight')).to.deep.equal({ row: 3, col: 4 });
    expect(gridMove(rows, { row: 2, col: 3 }, 'End')).to.deep.equal({ row: 2, col: 7 });
    expect(gridMove(rows, { row: 2, col: 3 }, 'End', false, true)).to.deep.equal({ row: 3, col: 4 });
    expect(gridMove(rows, { row: 0, col: 1 }, 'PageDown')).to.deep.equal({ row: 3, col: 1 });
    expect(gridMove(rows, { row: 2, col: 3 }, 'a')).to.equal(undefined);
  });
});
