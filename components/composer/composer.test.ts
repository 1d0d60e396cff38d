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

  it('has an attach button over a real file input that fires the chosen files', async () => {
    const el = await mount();
    const attaches = record(el, 'xmpp-chat-attach');
    const label = el.shadowRoot!.querySelector('[part="attach-button"]')!;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part="file-input"]')!;
    expect([label.tagName, label.textContent.trim(), input.type, input.multiple]).to.deep.equal(['LABEL', 'Attach a file', 'file', true]);
    expect(label.contains(input)).to.equal(true);
    const files = [new File(['a'], 'a.txt', { type: 'text/plain' }), new File(['b'], 'b.pdf', { type: 'application/pdf' })];
    input.files = transfer(...files).files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(attaches.map((d) => d.files.map((f) => f.name))).to.deep.equal([['a.txt', 'b.pdf']]);
    expect(attaches[0].files[0]).to.equal(files[0]);
    // Emptied, so that the same file can be chosen again.
    expect(input.files.length).to.equal(0);
  });

  it('attaches an image pasted from the clipboard, without pasting text for it', async () => {
    const el = await mount({ draftKey: 'ann@x.org' });
    const attaches = record(el, 'xmpp-chat-attach');
    await type(el, 'see ');
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' });
    const data = transfer(image);
    data.setData('text/plain', 'image.png');
    expect(paste(field(el), data)).to.equal(true);
    expect(attaches.map((d) => d.files)).to.deep.equal([[image]]);
    expect(field(el).value).to.equal('see ');
    // Text alone is pasted as usual.
    const text = new DataTransfer();
    text.setData('text/plain', 'words');
    expect(paste(field(el), text)).to.equal(false);
    expect(attaches).to.have.length(1);
  });

  it('asks to correct the last message on ↑, only in an empty field', async () => {
    const el = await mount();
    const asks = record(el, 'xmpp-chat-edit-last');
    el.focus();
    await sendKeys({ press: 'ArrowUp' });
    expect(asks).to.deep.equal([{}]);
    await type(el, 'a', 'b');
    await sendKeys({ press: 'ArrowUp' });
    expect(asks).to.have.length(1);
    // The cursor moved up a line instead.
    expect(field(el).selectionStart).to.equal(1);
  });

  it('opens the emoji picker, loaded only then, and puts the picked emoji where the cursor was', async () => {
    expect(customElements.get('xmpp-chat-emoji-picker'), 'loaded before it is asked for').to.equal(undefined);
    const el = await mount({ draftKey: 'ann@x.org' });
    const picked = record(document.body, 'xmpp-chat-emoji' as 'xmpp-chat-send');
    const button = emojiButton(el);
    expect([button.textContent.trim(), button.getAttribute('aria-expanded')]).to.deep.equal(['Emoji', 'false']);
    await type(el, 'Hi there');
    field(el).setSelectionRange(2, 2);
    button.click();
    const picker = await until(() => el.shadowRoot!.querySelector('xmpp-chat-emoji-picker'));
    expect(customElements.get('xmpp-chat-emoji-picker')).to.not.equal(undefined);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(picker.getAttribute('exportparts')).to.include('emoji-picker');
    const option = await until(() => picker.shadowRoot!.querySelector<HTMLElement>('[part~="emoji-option"]'));
    const emoji = option.textContent.trim();
    option.click();
    await el.updateComplete;
    expect(field(el).value).to.equal(`Hi${emoji} there`);
    expect(localStorage.getItem(`${DRAFT}ann@x.org`)).to.equal(`Hi${emoji} there`);
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    expect(el.shadowRoot!.querySelector('xmpp-chat-emoji-picker')).to.equal(null);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    // The widget's business: the page does not see the pick.
    expect(picked).to.deep.equal([]);
  });

  it('closes the emoji picker on Escape, on a second press, and on the picker’s own close', async () => {
    const el = await mount({ replyingTo: { key: 'm1', name: 'Ann', quote: 'Hello' } });
    const cancels = record(el, 'xmpp-chat-reply-cancel');
    const open = async () => {
      emojiButton(el).click();
      return until(() => el.shadowRoot!.querySelector('xmpp-chat-emoji-picker'));
    };
    const picker = await open();
    await until(() => el.shadowRoot!.activeElement === picker);
    await sendKeys({ press: 'Escape' });
    expect(el.shadowRoot!.querySelector('xmpp-chat-emoji-picker')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(emojiButton(el));
    // Escape closed only the picker, not the reply.
    expect(cancels).to.deep.equal([]);
    await open();
    emojiButton(el).click();
    await until(() => !el.shadowRoot!.querySelector('xmpp-chat-emoji-picker'));
    const again = await open();
    again.dispatchEvent(new CustomEvent('xmpp-chat-close', { detail: {}, bubbles: true }));
    expect(el.shadowRoot!.querySelector('xmpp-chat-emoji-picker')).to.equal(null);
    expect(emojiButton(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows the message being answered, sends the reply with its key, and cancels it', async () => {
    const el = await mount({ replyingTo: { key: 'm1', name: 'Ann', quote: 'Is the shop open on Sunday?' } });
    const sends = record(el, 'xmpp-chat-send');
    const cancels = record(el, 'xmpp-chat-reply-cancel');
    const preview = await until(() => el.shadowRoot!.querySelector<HTMLElement>('[part="reply-preview"]'));
    expect(preview.querySelector('.what')!.textContent).to.equal('Replying to Ann');
    expect(preview.querySelector('.quote')!.textContent).to.equal('Is the shop open on Sunday?');
    expect(field(el).getAttribute('aria-describedby')).to.equal('bar');
    await type(el, 'Yes, from 10');
    await sendKeys({ press: 'Escape' });
    expect(cancels).to.deep.equal([{}]);
    preview.querySelector<HTMLButtonElement>('[part="preview-cancel"]')!.click();
    expect(cancels).to.have.length(2);
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    await sendKeys({ press: 'Enter' });
    expect(sends).to.deep.equal([{ body: 'Yes, from 10', replyTo: 'm1' }]);
    el.replyingTo = undefined;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="reply-preview"]')).to.equal(null);
    expect(field(el).hasAttribute('aria-describedby')).to.equal(false);
  });

  it('corrects a message: its text in the field, never kept as the draft, sent with its key', async () => {
    localStorage.setItem(`${DRAFT}ann@x.org`, 'half a thought');
    const el = await mount({ draftKey: 'ann@x.org' });
    const sends = record(el, 'xmpp-chat-send');
    const cancels = record(el, 'xmpp-chat-edit-cancel');
    el.editing = { key: 'm7', body: 'See you at 5' };
    await el.updateComplete;
    expect(field(el).value).to.equal('See you at 5');
    const bar = await until(() => el.shadowRoot!.querySelector<HTMLElement>('[part="edit-preview"]'));
    expect(bar.textContent).to.include('Editing your message');
    // The same message again (a new object from the host's render) keeps what was changed.
    el.focus();
    await sendKeys({ press: 'Backspace' });
    el.editing = { key: 'm7', body: 'See you at 5' };
    await el.updateComplete;
    expect(field(el).value).to.equal('See you at ');
    expect(localStorage.getItem(`${DRAFT}ann@x.org`)).to.equal('half a thought');
    await sendKeys({ press: 'Escape' });
    expect(cancels).to.deep.equal([{}]);
    await sendKeys({ type: '6' });
    await sendKeys({ press: 'Enter' });
    expect(sends).to.deep.equal([{ body: 'See you at 6', edit: 'm7' }]);
    expect(localStorage.getItem(`${DRAFT}ann@x.org`)).to.equal('half a thought');
    el.editing = undefined;
    await el.updateComplete;
    expect(field(el).value).to.equal('half a thought');
    // ↑ in an empty field while correcting moves the cursor only.
    const asks = record(el, 'xmpp-chat-edit-last');
    el.editing = { key: 'm8', body: '' };
    await el.updateComplete;
    await sendKeys({ press: 'ArrowUp' });
    expect(asks).to.deep.equal([]);
  });

  it('has no accessibility violations found by axe with a reply or a correction shown', async () => {
    const el = await mount({ replyingTo: { key: 'm1', name: 'Ann', quote: 'Hello' } });
    await until(() => el.shadowRoot!.querySelector('[part="reply-preview"]'));
    expect(await violations(el)).to.deep.equal([]);
    el.editing = { key: 'm2', body: 'Hi' };
    await until(() => el.shadowRoot!.querySelector('[part="edit-preview"]'));
    expect(await violations(el)).to.deep.equal([]);
  });
});

function transfer(...files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

/** Pastes `data` into `target` as a browser would start it; true when the default (pasting text) was prevented. */
function paste(target: HTMLElement, data: DataTransfer): boolean {
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

const emojiButton = (el: XmppChatComposer) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="emoji-button"]')!;

/** Waits for `check` to give something (lazily loaded parts arrive a few tasks later). */
async function until<T>(check: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${check.toString()}`);
}

async function violations(el: HTMLElement): Promise<string[]> {
  const { violations } = await axe.run(el);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`);
}
