import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { DeskConversation } from '../../src/desk.ts';
import './desk-conversation-bar.ts';
import type { XmppChatDeskConversationBar } from './desk-conversation-bar.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));
afterEach(unmountAll);

const HOSTILE = '<img src=x onerror=alert(1)>';
const conversation = (change: Partial<DeskConversation> = {}): DeskConversation => ({
  peer: 'amber@anon.localhost',
  status: 'open',
  labels: [],
  updated: 1,
  ...change,
});

const mount = (props: Partial<XmppChatDeskConversationBar> = {}) =>
  mountElement<XmppChatDeskConversationBar>('xmpp-chat-desk-conversation-bar', {
    conversation: conversation(),
    agent: 'Ann',
    assignees: ['Ben', 'Cem'],
    ...props,
  });
const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatDeskConversationBar, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const text = (el: XmppChatDeskConversationBar, selector: string) => $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim();
const buttons = (el: XmppChatDeskConversationBar) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.actions > button')].map((b) => b.getAttribute('part'));

describe('xmpp-chat-desk-conversation-bar', () => {
  it('says status and owner in words, and offers what fits the status', async () => {
    const el = await mount();
    expect(text(el, '[part~="conversation-status"]')).to.equal('Open');
    expect(text(el, '[part~="assignee"]')).to.equal('Unassigned');
    expect(buttons(el)).to.deep.equal(['assign-button', 'transfer-button', 'pending-button', 'resolve-button']);
    el.conversation = conversation({ status: 'pending', assignee: 'Ann' });
    await el.updateComplete;
    expect(text(el, '[part~="conversation-status"]')).to.equal('Pending');
    expect(text(el, '[part~="assignee"]')).to.equal('Ann');
    expect(buttons(el)).to.deep.equal(['transfer-button', 'resolve-button', 'reopen-button']);
    el.conversation = conversation({ status: 'resolved', assignee: 'Ben' });
    el.transcripts = true;
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal(['assign-button', 'transfer-button', 'reopen-button', 'transcript-button', 'transcript-button']);
  });

  it('asks to claim, to change the status and for a transcript', async () => {
    const el = await mount({ transcripts: true });
    const claims = record(el, 'xmpp-chat-desk-claim');
    const statuses = record(el, 'xmpp-chat-desk-status');
    const transcripts = record(el, 'xmpp-chat-transcript');
    $(el, '[part~="assign-button"]')!.click();
    $(el, '[part~="pending-button"]')!.click();
    $(el, '[part~="resolve-button"]')!.click();
    for (const button of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="transcript-button"]')) button.click();
    expect(claims).to.have.length(1);
    expect(statuses).to.deep.equal([{ status: 'pending' }, { status: 'resolved' }]);
    expect(transcripts).to.deep.equal([{ format: 'txt' }, { format: 'html' }]);
  });

  it('assigns to a teammate with a note, or to nobody, from its form; Escape closes it', async () => {
    const el = await mount({ conversation: conversation({ assignee: 'Ann' }) });
    const assigned = record(el, 'xmpp-chat-desk-assign');
    const toggle = $(el, '[part~="transfer-button"]')!;
    toggle.click();
    await el.updateComplete;
    await el.updateComplete;
    const select = $<HTMLSelectElement>(el, '#transfer-to')!;
    expect(el.shadowRoot!.activeElement).to.equal(select);
    expect([...select.options].map((o) => o.text)).to.deep.equal(['Ann', 'Ben', 'Cem', 'Nobody (unassigned)']);
    expect(select.value).to.equal('Ann');
    select.value = 'Cem';
    $<HTMLTextAreaElement>(el, '#transfer-note')!.value = '  Wants a refund  ';
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    toggle.click();
    await el.updateComplete;
    $<HTMLSelectElement>(el, '#transfer-to')!.value = '';
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    expect(assigned).to.deep.equal([{ agent: 'Cem', note: 'Wants a refund' }, {}]);
    toggle.click();
    await el.updateComplete;
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });

  it('shows the rating, teammates on it and what another agent did, in words', async () => {
    const el = await mount({
      conversation: conversation({ status: 'resolved', rating: { score: 4, comment: HOSTILE, at: 1 } }),
      viewing: ['Ben', 'Cem'],
      typing: ['Dee'],
      notice: 'Ben claimed this conversation first.',
    });
    expect(text(el, '[part~="conversation-rating"]')).to.equal(`★★★★☆ Rated 4 of 5: ${HOSTILE}`);
    expect($(el, '.stars')!.getAttribute('aria-hidden')).to.equal('true');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(el, '[part~="teammates"]')).to.equal('Dee is typing. Ben and Cem are viewing.');
    expect($(el, '[part~="desk-notice"]')!.getAttribute('role')).to.equal('alert');
    const dismissed = record(el, 'xmpp-chat-desk-dismiss');
    $(el, '[part~="desk-notice"] button')!.click();
    expect(dismissed).to.have.length(1);
    el.conversation = conversation({ rating: { score: 2, at: 1 } });
    el.viewing = ['Ben'];
    el.typing = [];
    await el.updateComplete;
    expect(text(el, '[part~="conversation-rating"]')).to.equal('★★☆☆☆ Rated 2 of 5');
    expect(text(el, '[part~="teammates"]')).to.equal('Ben is viewing.');
  });

  it('speaks German and Arabic, and has no accessibility violations', async () => {
    const el = await mount({
      lang: 'de',
      viewing: ['Ben'],
      notice: 'x',
      transcripts: true,
      conversation: conversation({ rating: { score: 5, at: 1 } }),
    });
    expect(text(el, '[part~="assign-button"]')).to.equal('Mir zuweisen');
    expect((await axe.run(el)).violations.map((v) => v.id)).to.deep.equal([]);
    $(el, '[part~="transfer-button"]')!.click();
    el.lang = 'ar';
    await el.updateComplete;
    expect(text(el, '[part~="resolve-button"]')).to.equal('تم الحل');
    expect((await axe.run(el)).violations.map((v) => v.id)).to.deep.equal([]);
  });
});
