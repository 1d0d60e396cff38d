import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { CannedReply } from '../../src/desk.ts';
import './canned-replies.ts';
import type { XmppChatCannedReplies } from './canned-replies.ts';
import { suggestTitle } from './save-reply-form.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

// German and Arabic strings load on demand, as in a page that asks for them.
before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));
afterEach(unmountAll);

const HOSTILE = '<img src=x onerror=alert(1)>';
const REPLIES: CannedReply[] = [
  { id: 'g', title: 'Greeting', text: 'Hello!\nHow can I help you today?' },
  { id: 'r', title: 'Rückerstattung', text: 'Refunds take five days.' },
  { id: 'h', title: HOSTILE, text: `<b>${HOSTILE}</b>` },
];

/** Mounted with a panel to open: somewhere at the bottom of the page, like a composer. */
const mount = (props: Partial<XmppChatCannedReplies> = {}) =>
  mountElement<XmppChatCannedReplies>('xmpp-chat-canned-replies', { replies: REPLIES, ...props }, document.body, (el) => {
    el.style.cssText = 'position: fixed; inset-block-end: 8px; inset-inline-start: 8px;';
  });

const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatCannedReplies, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const toggle = (el: XmppChatCannedReplies) => $<HTMLButtonElement>(el, '[part~="toggle-button"]');
const search = (el: XmppChatCannedReplies) => $<HTMLInputElement>(el, '[part="search"]');
const options = (el: XmppChatCannedReplies) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const titles = (el: XmppChatCannedReplies) => options(el).map((o) => o.querySelector('.title')!.textContent);
const active = (el: XmppChatCannedReplies) => el.shadowRoot!.getElementById(search(el).getAttribute('aria-activedescendant')!);

async function open(el: XmppChatCannedReplies): Promise<void> {
  toggle(el).click();
  await el.updateComplete;
  await el.updateComplete;
}

async function type(el: XmppChatCannedReplies, input: HTMLInputElement, text: string): Promise<void> {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await el.updateComplete;
}

describe('xmpp-chat-canned-replies', () => {
  it('opens a panel from its button and focuses the search', async () => {
    const el = await mount();
    expect(toggle(el).textContent.trim()).to.equal('Replies');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part="panel"]').hidden).to.equal(true);
    await open(el);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect($(el, '[part="panel"]').hidden).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(search(el));
    await open(el);
    expect($(el, '[part="panel"]').hidden).to.equal(true);
  });

  it('shows titles and one-line previews as text, hostile ones too', async () => {
    const el = await mount();
    await open(el);
    expect(titles(el)).to.deep.equal(['Greeting', 'Rückerstattung', HOSTILE]);
    expect(options(el)[0].querySelector('.preview')!.textContent).to.equal('Hello! How can I help you today?');
    expect(options(el)[2].querySelector('.preview')!.textContent).to.equal(`<b>${HOSTILE}</b>`);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
    const deleteNames = [...el.shadowRoot!.querySelectorAll('[part="delete-button"]')].map((b) => b.textContent.trim());
    expect(deleteNames).to.deep.equal(['Delete “Greeting”', 'Delete “Rückerstattung”', `Delete “${HOSTILE}”`]);
  });

  it('filters by title and text, ignoring case and accents', async () => {
    const el = await mount();
    await open(el);
    await type(el, search(el), 'RUCK');
    expect(titles(el)).to.deep.equal(['Rückerstattung']);
    await type(el, search(el), 'help you');
    expect(titles(el)).to.deep.equal(['Greeting']);
    await type(el, search(el), 'nothing like it');
    expect(titles(el)).to.deep.equal([]);
    expect($(el, '.empty').textContent).to.equal('No reply matches “nothing like it”.');
    expect(search(el).hasAttribute('aria-activedescendant')).to.equal(false);
    el.replies = [];
    await type(el, search(el), '');
    expect($(el, '.empty').textContent).to.equal('No saved replies yet.');
  });

  it('moves with the arrows, inserts with Enter and gives the focus back to the button', async () => {
    const el = await mount();
    const inserts = record(el, 'xmpp-chat-insert-reply');
    await open(el);
    expect(active(el)!.textContent).to.contain('Greeting');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active(el)!.querySelector('.title')!.textContent).to.equal(HOSTILE);
    expect(active(el)!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(active(el)!.querySelector('.title')!.textContent).to.equal('Rückerstattung');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(inserts).to.deep.equal([{ text: 'Refunds take five days.' }]);
    expect($(el, '[part="panel"]').hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(toggle(el));
  });

  it('inserts a reply that is clicked', async () => {
    const el = await mount();
    const inserts = record(el, 'xmpp-chat-insert-reply');
    await open(el);
    options(el)[2].click();
    expect(inserts).to.deep.equal([{ text: `<b>${HOSTILE}</b>` }]);
  });

  it('closes on Escape without closing the chat around it, and when the page is clicked', async () => {
    const el = await mount();
    let outside = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') outside++;
    };
    document.addEventListener('keydown', onKey);
    try {
      await open(el);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '[part="panel"]').hidden).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(toggle(el));
      expect(outside).to.equal(0);
      await sendKeys({ press: 'Escape' });
      expect(outside, 'a closed panel leaves Escape to the page').to.equal(1);
    } finally {
      document.removeEventListener('keydown', onKey);
    }
    await open(el);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, '[part="panel"]').hidden).to.equal(true);
  });

  it('asks to delete a reply, and keeps the focus in the list when it goes', async () => {
    const el = await mount();
    const deletes = record(el, 'xmpp-chat-delete-reply');
    await open(el);
    const last = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="delete-button"]')][2];
    last.focus();
    last.click();
    expect(deletes).to.deep.equal([{ id: 'h' }]);
    el.replies = REPLIES.slice(0, 2);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelectorAll('[part="delete-button"]')[1]);
  });

  it('saves the draft with a title from its first words, or the one typed', async () => {
    const el = await mount({ draft: '' });
    const saves = record(el, 'xmpp-chat-save-reply');
    await open(el);
    const title = $<HTMLInputElement>(el, '[part="title-input"]');
    const button = $<HTMLButtonElement>(el, '[part="save-button"]');
    expect(button.disabled && title.disabled).to.equal(true);
    expect($(el, '#save-hint').textContent).to.equal('Write a message first, then save it here.');
    expect(button.getAttribute('aria-describedby')).to.equal('save-hint');
    el.draft = '  Thanks for waiting, I am checking your order right now.  ';
    await el.updateComplete;
    expect(button.disabled).to.equal(false);
    expect(title.value).to.equal('Thanks for waiting, I am checking');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(saves).to.deep.equal([
      { title: 'Thanks for waiting, I am checking', text: 'Thanks for waiting, I am checking your order right now.' },
    ]);
    await type(el, title, '  Order\tstatus ');
    el.draft = 'Your order has shipped.';
    await el.updateComplete;
    expect(title.value, 'what was typed stays').to.equal('  Order\tstatus ');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(saves[1]).to.deep.equal({ title: 'Order status', text: 'Your order has shipped.' });
    el.draft = 'x'.repeat(4001);
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect($(el, '#save-hint').textContent).to.contain('4000');
  });

  it('suggests short titles', () => {
    expect(suggestTitle('  Hello   there,\nfriend ')).to.equal('Hello there, friend');
    expect(suggestTitle('one two three four five six seven')).to.equal('one two three four five six');
    expect(suggestTitle('x'.repeat(150))).to.have.length(100);
  });

  it('speaks German and Arabic', async () => {
    const de = await mount({ lang: 'de' });
    expect(toggle(de).textContent.trim()).to.equal('Vorlagen');
    expect($(de, '[part="save-button"]').textContent.trim()).to.equal('Aktuellen Text als Antwort speichern');
    const ar = await mount({ lang: 'ar', replies: [] });
    expect(toggle(ar).textContent.trim()).to.equal('الردود');
    expect($(ar, '.empty').textContent).to.equal('لا توجد ردود محفوظة بعد.');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount({ draft: 'Hello there' });
    await open(el);
    await sendKeys({ press: 'ArrowDown' });
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
    const empty = await mount({ replies: [] });
    await open(empty);
    expect((await axe.run(empty)).violations.map((v) => v.id)).to.deep.equal([]);
  });
});
