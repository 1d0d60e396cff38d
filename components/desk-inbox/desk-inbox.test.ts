import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import './desk-inbox.ts';
import type { XmppChatDeskInbox } from './desk-inbox.ts';
import type { InboxRow } from './inbox-rows.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

before(() => loadLanguage('de'));
afterEach(unmountAll);

const HOSTILE = '<img src=x onerror=alert(1)>';
const row = (peer: string, status: InboxRow['status'], assignee?: string, extra: Partial<InboxRow> = {}): InboxRow => ({
  peer,
  name: peer.split('@')[0],
  status,
  ...(assignee ? { assignee } : {}),
  labels: [],
  preview: 'hello',
  unread: 0,
  lastTime: 0,
  ...extra,
});
const ROWS: InboxRow[] = [
  row('amber@anon.localhost', 'open', 'Ann', { unread: 2, labels: ['billing'] }),
  row('brave@anon.localhost', 'open'),
  row('calm@anon.localhost', 'pending', 'Ben'),
  row('dapper@anon.localhost', 'resolved', 'Ann'),
  row('eager@anon.localhost', 'open', undefined, { name: HOSTILE, preview: HOSTILE }),
];

const mount = (props: Partial<XmppChatDeskInbox> = {}) =>
  mountElement<XmppChatDeskInbox>('xmpp-chat-desk-inbox', { rows: ROWS, agent: 'Ann', ...props }, document.body, (el) => {
    el.style.height = '500px';
  });
const $$ = (el: XmppChatDeskInbox, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const filters = (el: XmppChatDeskInbox) =>
  $$(el, '[part~="inbox-filter"]').map((b) => [b.textContent.replace(/\s+/g, ' ').trim(), b.getAttribute('aria-pressed')]);
const names = (el: XmppChatDeskInbox) => $$(el, '[part~="inbox-row"] .name').map((n) => n.textContent);

describe('xmpp-chat-desk-inbox', () => {
  it('shows each view with its count, and the rows of the current one in the order given', async () => {
    const el = await mount();
    expect(filters(el)).to.deep.equal([
      ['Mine 1', 'false'],
      ['Unassigned 2', 'false'],
      ['All open 4', 'true'],
      ['Resolved 1', 'false'],
      ['Contacts', 'false'],
    ]);
    expect(names(el)).to.deep.equal(['amber', 'brave', 'calm', HOSTILE]);
    el.view = 'mine';
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['amber']);
    el.rows = [...ROWS, row('fresh@anon.localhost', 'open', 'Ann')];
    await el.updateComplete;
    expect(filters(el)[0]).to.deep.equal(['Mine 2', 'true']);
  });

  it('says status and owner in words, and renders hostile names as text', async () => {
    const el = await mount();
    const first = $$(el, '[part~="inbox-row"]')[0];
    expect(first.querySelector('.meta')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Open · Ann (you) billing');
    expect(first.querySelector('.badge')!.textContent).to.contain('2 unread');
    expect($$(el, '[part~="inbox-row"]')[1].querySelector('.owner')!.textContent).to.contain('Unassigned');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('asks for another view, and opens a conversation by click or keyboard', async () => {
    const el = await mount({ selected: 'brave@anon.localhost' });
    const views = record(el, 'xmpp-chat-inbox-view');
    const selects = record(el, 'xmpp-chat-select');
    $$(el, '[part~="inbox-filter"]')[1].click();
    expect(views).to.deep.equal([{ view: 'unassigned' }]);
    $$(el, '[part~="inbox-row"]')[2].click();
    const list = $$(el, '[part~="inbox-list"]')[0];
    list.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('row-3');
    await sendKeys({ press: 'Enter' });
    expect(selects).to.deep.equal([{ jid: 'calm@anon.localhost' }, { jid: 'eager@anon.localhost' }]);
  });

  it('shows its contacts in the Contacts view, the average rating, and focuses a search put in its slot', async () => {
    const el = await mount({ view: 'contacts', average: { average: 4.25, count: 8 } });
    const contacts = document.createElement('p');
    contacts.textContent = 'the contact list';
    const search = document.createElement('input');
    search.slot = 'search';
    search.setAttribute('aria-label', 'Search');
    el.append(contacts, search);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLSlotElement>('slot:not([name])')!.assignedElements()).to.deep.equal([contacts]);
    expect($$(el, '[part~="inbox-list"]')).to.have.length(0);
    expect($$(el, '[part~="average-rating"]')[0].textContent).to.equal('Average rating 4.3 of 5 (8)');
    expect(el.focusSearch()).to.equal(true);
    expect(document.activeElement).to.equal(search);
    const help = record(el, 'xmpp-chat-keyboard-help');
    $$(el, '[part~="keys-button"]')[0].click();
    expect(help).to.have.length(1);
  });

  it('lists thousands of conversations with only those in view in the DOM', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(`v${i}@anon.localhost`, 'open'));
    const el = await mount({ rows: many });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    expect($$(el, '[part~="inbox-row"]').length).to.be.within(5, 30);
    expect(filters(el)[2]).to.deep.equal(['All open 5000', 'true']);
  });

  it('scrolls through 5,000 conversations, and a new message rewrites only its own row', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(`v${i}@anon.localhost`, 'open', undefined, { preview: `message ${i}` }));
    const el = await mount({ rows: many });
    const list = $$(el, '[part~="inbox-list"]')[0];
    const changed = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        changed.add(node?.closest('[part~="inbox-row"] ')?.querySelector('.name')?.textContent ?? 'outside the rows');
      }
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    el.rows = many.map((r, i) => (i === 2 ? { ...r, preview: 'new', unread: 1 } : r));
    await el.updateComplete;
    observer.disconnect();
    expect([...changed]).to.deep.equal(['v2']);
    list.scrollTop = 4990 * 72;
    await new Promise((resolve) => list.addEventListener('scroll', resolve, { once: true }));
    await el.updateComplete;
    expect(names(el)).to.include('v4999');
    expect($$(el, '[part~="inbox-row"]').length).to.be.within(5, 30);
  });

  it('speaks German, and has no accessibility violations', async () => {
    const el = await mount({ lang: 'de', selected: 'amber@anon.localhost', average: { average: 3, count: 1 } });
    expect(filters(el)[1][0]).to.equal('Nicht zugewiesen 2');
    const results = await axe.run(el);
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);
  });
});
