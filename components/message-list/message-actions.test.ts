import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { MessageList } from './message-list.ts';
import { all, extrasLoaded, inRow, message, mount, one, plain, recorder, settle, unmountAll, waitFor } from './test-list.ts';

const EVENTS = ['xmpp-chat-react', 'xmpp-chat-reply-to', 'xmpp-chat-edit', 'xmpp-chat-retract'];
const focused = (el: MessageList) => el.shadowRoot!.activeElement as HTMLElement | null;
const label = (node: Element | null) => node?.getAttribute('aria-label') ?? node?.textContent?.trim();
const button = (el: MessageList, key: string, name: string) =>
  [...inRow(el, key, '[part="message-actions"]')!.querySelectorAll('button')].find((b) => label(b) === name)!;

/** A list of ours and theirs whose actions have loaded, as on the reader's first pointing at it. */
async function pointedAt(messages = [message('in'), message('out', { direction: 'out', reactions: { 'me@example.org': ['❤️'] } })]) {
  const el = await mount({ messages });
  one(el, '.scroller')!.dispatchEvent(new PointerEvent('pointerenter'));
  await waitFor(() => !!one(el, '[part="message-actions"]'), 'the toolbars');
  await settle(el);
  return el;
}

describe('message list: message actions', () => {
  afterEach(unmountAll);

  it('load on the first pointing at the list: a labelled toolbar per message, one tab stop each', async () => {
    const el = await pointedAt();
    const bars = all(el, '[part="message-actions"]');
    expect(bars).to.have.length(2);
    expect(bars.map((bar) => [bar.getAttribute('role'), bar.getAttribute('aria-label')])).to.deep.equal([
      ['toolbar', 'Message actions'],
      ['toolbar', 'Message actions'],
    ]);
    expect([...bars[0].querySelectorAll('button')].map(label), 'theirs').to.deep.equal(['React', 'Reply']);
    expect([...bars[1].querySelectorAll('button')].map(label), 'ours').to.deep.equal(['React', 'Reply', 'Edit', 'Delete']);
    expect([...bars[1].querySelectorAll('button')].map((b) => b.tabIndex)).to.deep.equal([0, -1, -1, -1]);
    expect(getComputedStyle(bars[0]).opacity, 'hidden until hovered or focused').to.equal('0');
    button(el, 'in', 'React').focus();
    expect(getComputedStyle(bars[0]).opacity).to.equal('1');
  });

  it('also load on the first focus in the list', async () => {
    const el = await mount({ messages: plain(2) });
    expect(extrasLoaded(el), 'nothing loaded for plain text').to.equal(false);
    // The event itself: focus() fires it only while the test page has the system's focus, which a
    // headless browser running other pages may have given elsewhere.
    one(el, '.scroller')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await waitFor(() => !!one(el, '[part="message-actions"]'), 'the toolbars');
  });

  it('react with a quick emoji, adding to or taking from our set', async () => {
    const el = await pointedAt();
    const fired = recorder(el, EVENTS);
    button(el, 'out', 'React').click();
    await settle(el);
    expect(button(el, 'out', 'React').getAttribute('aria-expanded')).to.equal('true');
    const quick = [...inRow(el, 'out', '[part="message-actions"]')!.querySelectorAll('.quick')];
    expect(quick.map((b) => b.textContent)).to.deep.equal(['👍', '❤️', '😂', '😮', '😢', '🙏']);
    expect(quick.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false', 'false', 'false', 'false']);
    expect(focused(el), 'the first emoji takes the focus').to.equal(quick[0]);
    (quick[0] as HTMLElement).click();
    await settle(el);
    button(el, 'out', 'React').click();
    await settle(el);
    button(el, 'out', 'React with ❤️').click();
    expect(fired).to.deep.equal([
      { type: 'xmpp-chat-react', detail: { key: 'out', emojis: ['❤️', '👍'] } },
      { type: 'xmpp-chat-react', detail: { key: 'out', emojis: [] } },
    ]);
  });

  it('reply to any message, edit and delete only ours, deleting after asking', async () => {
    const file = { url: 'https://f.example/a.pdf', name: 'a.pdf' };
    const el = await pointedAt([
      message('in'),
      message('out', { direction: 'out' }),
      message('file', { direction: 'out', body: file.url, file }),
    ]);
    const fired = recorder(el, EVENTS);
    button(el, 'in', 'Reply').click();
    button(el, 'out', 'Edit').click();
    expect([...inRow(el, 'file', '[part="message-actions"]')!.querySelectorAll('button')].map(label), 'a file is not edited').to.deep.equal(
      ['React', 'Reply', 'Delete'],
    );
    button(el, 'out', 'Delete').click();
    await settle(el);
    const ask = inRow(el, 'out', '[part="message-actions"]')!;
    expect(ask.textContent).to.contain('Delete this message for everyone?');
    expect(focused(el), 'the safe answer has the focus').to.equal(button(el, 'out', 'Cancel'));
    button(el, 'out', 'Cancel').click();
    await settle(el);
    expect(inRow(el, 'out', '.confirm')).to.equal(null);
    button(el, 'out', 'Delete').click();
    await settle(el);
    button(el, 'out', 'Delete').click();
    expect(fired).to.deep.equal([
      { type: 'xmpp-chat-reply-to', detail: { key: 'in' } },
      { type: 'xmpp-chat-edit', detail: { key: 'out' } },
      { type: 'xmpp-chat-retract', detail: { key: 'out' } },
    ]);
  });

  it('move with the arrow keys, Home and End; Escape closes what is open', async () => {
    const el = await pointedAt();
    button(el, 'out', 'React').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(label(focused(el))).to.equal('Reply');
    await sendKeys({ press: 'End' });
    expect(label(focused(el))).to.equal('Delete');
    await sendKeys({ press: 'ArrowRight' });
    expect(label(focused(el)), 'round to the first').to.equal('React');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(label(focused(el))).to.equal('React with 👍');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(inRow(el, 'out', '.quick')).to.equal(null);
    expect(label(focused(el))).to.equal('React');
  });

  it('open the emoji picker for more over the list, and react with what is picked', async () => {
    const el = await pointedAt();
    const fired = recorder(el, EVENTS);
    const closes: Event[] = [];
    document.addEventListener('xmpp-chat-close', (event) => closes.push(event));
    const picker = () => one(el, 'xmpp-chat-emoji-picker');
    const openPicker = async () => {
      button(el, 'in', 'React').click();
      await settle(el);
      button(el, 'in', 'More emoji').click();
      await waitFor(() => !!picker(), 'the picker loads and opens');
      await settle(el);
    };
    await openPicker();
    expect(button(el, 'in', 'More emoji').getAttribute('aria-expanded')).to.equal('true');
    expect(picker()!.closest('.row'), 'over the list, in no row').to.equal(null);
    const list = el.getBoundingClientRect();
    const box = picker()!.getBoundingClientRect();
    expect(box.left >= list.left && box.right <= list.right && box.bottom <= list.bottom, 'whole, inside the list').to.equal(true);
    picker()!.dispatchEvent(new CustomEvent('xmpp-chat-close', { bubbles: true }));
    await settle(el);
    expect(picker()).to.equal(null);
    expect(closes, 'closing the picker does not close the widget').to.have.length(0);
    expect(label(focused(el)), 'the focus goes back to the toolbar').to.equal('React');

    await openPicker();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(el);
    expect(picker(), 'a press beside it closes it').to.equal(null);

    await openPicker();
    picker()!.dispatchEvent(new CustomEvent('xmpp-chat-emoji', { detail: { emoji: '🎉' }, bubbles: true, composed: true }));
    await settle(el);
    expect(fired).to.deep.equal([{ type: 'xmpp-chat-react', detail: { key: 'in', emojis: ['🎉'] } }]);
    expect(picker()).to.equal(null);
  });

  it('offer nothing for failed or retracted messages', async () => {
    const el = await pointedAt([
      message('failed', { direction: 'out', state: 'failed', error: 'No connection.' }),
      message('gone', { retracted: true, body: '' }),
      message('ok'),
    ]);
    expect(inRow(el, 'failed', '[part="message-actions"]')).to.equal(null);
    expect(inRow(el, 'gone', '[part="message-actions"]')).to.equal(null);
    expect(inRow(el, 'ok', '[part="message-actions"]')).to.not.equal(null);
  });

  it('have no accessibility violations found by axe, open or asking', async () => {
    const el = await pointedAt([message('in', { reactions: { 'ada@example.org': ['👍'] } }), message('out', { direction: 'out' })]);
    for (const open of [() => button(el, 'in', 'React').click(), () => button(el, 'out', 'Delete').click()]) {
      open();
      await settle(el);
      const { violations } = await axe.run(el);
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
    }
  });
});
