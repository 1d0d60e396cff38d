import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './rating-prompt.ts';
import type { XmppChatRatingPrompt } from './rating-prompt.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('ar'));
afterEach(unmountAll);

const mount = (props: Partial<XmppChatRatingPrompt> = {}) => mountElement<XmppChatRatingPrompt>('xmpp-chat-rating-prompt', props);
const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatRatingPrompt, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const radios = (el: XmppChatRatingPrompt) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];

describe('xmpp-chat-rating-prompt', () => {
  it('offers five scores as one labelled group of radio buttons, and a comment field', async () => {
    const el = await mount();
    expect($(el, 'legend').textContent).to.equal('How did we do?');
    expect($(el, 'fieldset').getAttribute('aria-describedby')!.trim()).to.equal('hint');
    expect(radios(el).map((r) => [r.name, r.value])).to.deep.equal([1, 2, 3, 4, 5].map((s) => ['score', String(s)]));
    const label = $(el, 'label[for="score-4"]');
    expect(label.textContent.replace(/\s+/g, '')).to.equal('44of5');
    expect(label.querySelector('.sr-only')!.textContent).to.equal('4 of 5');
    expect($(el, 'label[for="comment"]').textContent).to.equal('Anything you want to add? (optional)');
    expect($<HTMLTextAreaElement>(el, 'textarea').maxLength).to.equal(1000);
  });

  it('asks for a score before sending, and moves focus to the scores', async () => {
    const el = await mount();
    const rates = record(el, 'xmpp-chat-rate');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '#problem').textContent).to.equal('Choose a score from 1 to 5.');
    expect($(el, 'fieldset').getAttribute('aria-describedby')).to.equal('hint problem');
    expect(el.shadowRoot!.activeElement).to.equal(radios(el)[0]);
    expect(rates).to.have.length(0);
  });

  it('is used with the keyboard: arrows choose, Enter sends; without a comment there is none', async () => {
    const el = await mount();
    const rates = record(el, 'xmpp-chat-rate');
    radios(el)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(radios(el)[2].checked).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rates).to.deep.equal([{ score: 3, body: 'Rating: 3/5' }]);
    expect($(el, '[part="thanks"]').getAttribute('role')).to.equal('status');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('sends the comment trimmed, once', async () => {
    const el = await mount();
    const rates = record(el, 'xmpp-chat-rate');
    radios(el)[4].click();
    $<HTMLTextAreaElement>(el, 'textarea').value = '  Quick & kind\nthanks  ';
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    expect(rates).to.deep.equal([{ score: 5, comment: 'Quick & kind\nthanks', body: 'Rating: 5/5 — Quick & kind\nthanks' }]);
    expect(el.answered).to.equal(true);
  });

  it('shows only the thanks once answered, and speaks the language it is given', async () => {
    const el = await mount({ answered: true, lang: 'ar' });
    expect($(el, '[part="thanks"]').textContent).to.equal('شكرًا على تقييمك!');
    el.answered = false;
    await el.updateComplete;
    expect($(el, 'legend').textContent).to.equal('كيف كانت خدمتنا؟');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount();
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
