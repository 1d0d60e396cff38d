import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './composer.ts';
import type { XmppChatComposer } from './composer.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

// German and Arabic strings load on demand, as in a page that asks for them.
before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));

const DRAFT = 'xmpp-chat:draft:';

const mount = (props: Partial<XmppChatComposer> = {}) => mountElement<XmppChatComposer>('xmpp-chat-composer', props);

const field = (el: XmppChatComposer) => el.shadowRoot!.querySelector('textarea')!;
const button = (el: XmppChatComposer) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!;

async function shiftEnter(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Shift' });
}

/** Types into the focused field like a person; Shift+Enter between lines. */
async function type(el: XmppChatComposer, ...lines: string[]): Promise<void> {
  el.focus();
  for (const [i, line] of lines.entries()) {
    if (i > 0) await shiftEnter();
    if (line) await sendKeys({ type: line });
  }
  await el.updateComplete;
}

function clearDrafts(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(DRAFT)) localStorage.removeItem(key);
}

beforeEach(clearDrafts);
afterEach(() => {
  unmountAll();
  clearDrafts();
});

describe('xmpp-chat-composer', () => {
  it('sends the trimmed text on Enter and empties the field', async () => {
    const el = await mount({ draftKey: 'bob@x.org' });
    const sends = record(el, 'xmpp-chat-send');
    await type(el, '  hello there  ');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(sends).to.deep.equal([{ body: 'hello there' }]);
    expect(field(el).value).to.equal('');
    expect(localStorage.getItem(`${DRAFT}bob@x.org`)).to.equal(null);
  });

  it('inserts a new line on Shift+Enter instead of sending', async () => {
    const el = await mount();
    const sends = record(el, 'xmpp-chat-send');
    await type(el, 'one', 'two');
    expect(field(el).value).to.equal('one\ntwo');
    expect(sends).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    expect(sends).to.deep.equal([{ body: 'one\ntwo' }]);
  });

  it('sends nothing for a blank draft', async () => {
    const el = await mount();
    const sends = record(el, 'xmpp-chat-send');
    await type(el, '   ', '  ');
    await sendKeys({ press: 'Enter' });
    button(el).click();
    expect(sends).to.have.length(0);
  });

  it('does not send on the Enter that ends an IME composition', async () => {
    const el = await mount();
    const sends = record(el, 'xmpp-chat-send');
    await type(el, 'にほん');
    const enter = (init: KeyboardEventInit) =>
      field(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));
    enter({ isComposing: true });
    enter({ keyCode: 229 });
    expect(sends).to.have.length(0);
    enter({});
    expect(sends).to.deep.equal([{ body: 'にほん' }]);
  });

  it('reports typing while there is text, and once when it is emptied or sent', async () => {
    const el = await mount();
    const typing = record(el, 'xmpp-chat-typing');
    await type(el, 'ab');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Backspace' });
    expect(typing.map((d) => d.typing)).to.deep.equal([true, true, true, false]);
    await type(el, 'c');
    await sendKeys({ press: 'Enter' });
    expect(typing.map((d) => d.typing)).to.deep.equal([true, true, true, false, true, false]);
  });

  it('keeps the draft of each conversation across a re-created element', async () => {
    const first = await mount({ draftKey: 'amy@x.org' });
    await type(first, 'unsent words');
    expect(localStorage.getItem(`${DRAFT}amy@x.org`)).to.equal('unsent words');
    first.remove();
    const second = await mount({ draftKey: 'amy@x.org' });
    expect(field(second).value).to.equal('unsent words');
  });

  it('switches drafts with the conversation and writes only what the user typed', async () => {
    localStorage.setItem(`${DRAFT}bob@x.org`, 'for bob');
    const el = await mount({ draftKey: 'amy@x.org' });
    expect(localStorage.getItem(`${DRAFT}amy@x.org`)).to.equal(null);
    await type(el, 'for amy');
    el.draftKey = 'bob@x.org';
    await el.updateComplete;
    expect(field(el).value).to.equal('for bob');
    el.draftKey = 'amy@x.org';
    await el.updateComplete;
    expect(field(el).value).to.equal('for amy');
    field(el).select();
    await sendKeys({ press: 'Backspace' });
    expect(localStorage.getItem(`${DRAFT}amy@x.org`)).to.equal(null);
  });

  it('grows with its text up to about six lines, then scrolls', async () => {
    const el = await mount();
    const oneLine = field(el).getBoundingClientRect().height;
    await type(el, 'a', 'b', 'c');
    const threeLines = field(el).getBoundingClientRect().height;
    expect(threeLines).to.be.greaterThan(oneLine + 30);
    await type(el, ...Array.from({ length: 15 }, (_, i) => String(i)));
    const capped = field(el).getBoundingClientRect().height;
    expect(capped).to.be.within(6 * 22, 6 * 22.4 + 20);
    expect(field(el).scrollHeight).to.be.greaterThan(field(el).clientHeight);
  });

  it('sends with the button, which is named, and keeps focus in the field', async () => {
    const el = await mount();
    const sends = record(el, 'xmpp-chat-send');
    expect(button(el).textContent.trim()).to.equal('Send');
    expect(field(el).getAttribute('aria-label')).to.equal('Write a message');
    await type(el, 'hi');
    button(el).click();
    expect(sends).to.deep.equal([{ body: 'hi' }]);
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
  });

  it('sends nothing while disabled', async () => {
    const el = await mount({ draftKey: 'amy@x.org' });
    localStorage.setItem(`${DRAFT}eve@x.org`, 'waiting');
    el.draftKey = 'eve@x.org';
    el.disabled = true;
    await el.updateComplete;
    const sends = record(el, 'xmpp-chat-send');
    expect(field(el).disabled).to.equal(true);
    expect(button(el).disabled).to.equal(true);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    expect(sends).to.have.length(0);
  });

  it('focus() focuses the field, and speaks the given language', async () => {
    const el = await mount({ lang: 'ar' });
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    expect(field(el).getAttribute('aria-label')).to.equal('اكتب رسالة');
    expect(button(el).textContent.trim()).to.equal('إرسال');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount();
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });

  it('inserts a text where the cursor is, as if typed, keeping it as the draft', async () => {
    const el = await mount({ draftKey: 'ada@example.org' });
    const typing = record(el, 'xmpp-chat-typing');
    await type(el, 'Hello , see you');
    field(el).setSelectionRange(6, 6);
    el.insert('Ada');
    await el.updateComplete;
    expect(el.value).to.equal('Hello Ada, see you');
    expect(field(el).value).to.equal('Hello Ada, see you');
    expect(field(el).selectionStart).to.equal(9);
    expect(localStorage.getItem(`${DRAFT}ada@example.org`)).to.equal('Hello Ada, see you');
    expect(typing.at(-1)).to.deep.equal({ typing: true });
  });
});
