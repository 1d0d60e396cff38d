import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { Contact, ConversationSummary, Presence, Show } from '../../src/index.ts';
import './contact-list.ts';
import type { XmppChatContactList } from './contact-list.ts';
import { loadLanguage } from '../i18n/i18n.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

// German and Arabic strings load on demand, as in a page that asks for them.
before(() => Promise.all([loadLanguage('de'), loadLanguage('ar')]));

const available = (show?: Show): Presence => (show ? { type: 'available', priority: 0, show } : { type: 'available', priority: 0 });

function contact(jid: string, name?: string, presences: Presence[] = [], ask?: 'subscribe'): Contact {
  const presence = new Map(presences.map((p, i) => [`r${i}`, p]));
  return { jid, subscription: 'both', groups: [], presence, ...(name ? { name } : {}), ...(ask ? { ask } : {}) };
}

const summary = (peer: string, lastTime: number, unread = 0): ConversationSummary => ({
  peer,
  lastTime,
  unread,
  lastBody: 'hi',
  lastDirection: 'in',
  count: 1,
});

const many = (n: number) => Array.from({ length: n }, (_, i) => contact(`c${i}@example.org`, `Contact ${String(i).padStart(4, '0')}`));

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

async function mount(props: Partial<XmppChatContactList>): Promise<XmppChatContactList> {
  const el = await mountElement<XmppChatContactList>('xmpp-chat-contact-list', props, document.body, (list) => {
    list.style.height = '400px';
  });
  await frame(); // lets the ResizeObserver measure the viewport
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: XmppChatContactList, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector)!;
const rows = (el: XmppChatContactList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="contact"]')];
const names = (el: XmppChatContactList) => rows(el).map((row) => row.querySelector('.name')!.textContent);

async function search(el: XmppChatContactList, text: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '[part="search"]');
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await el.updateComplete;
}

afterEach(unmountAll);

describe('xmpp-chat-contact-list', () => {
  it('renders a hostile name as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const el = await mount({ contacts: [contact('evil@example.org', hostile)], requests: [`${hostile}@example.org`] });
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(names(el)).to.deep.equal([hostile]);
    expect($(el, '[part="requests"]').textContent).to.contain(hostile);
  });

  it('shows the best presence across resources, in words for screen readers', async () => {
    const el = await mount({
      contacts: [
        contact('a@x.org', 'A', [available(), available('away')]),
        contact('b@x.org', 'B', [available('dnd'), available('xa')]),
        contact('c@x.org', 'C', [available('xa')]),
        contact('d@x.org', 'D'),
        contact('e@x.org', 'E', [{ type: 'unavailable', priority: 0 }]),
      ],
    });
    const dots = rows(el).map((row) => row.querySelector('[part="presence"]')!.getAttribute('data-presence'));
    expect(dots).to.deep.equal(['online', 'dnd', 'xa', 'offline', 'offline']);
    expect(rows(el).map((row) => row.querySelector('.sr-only')!.textContent)).to.deep.equal([
      'Online',
      'Busy',
      'Away for a while',
      'Offline',
      'Offline',
    ]);
  });

  it('puts recent conversations first, newest first, then sorts by name', async () => {
    const el = await mount({
      contacts: [contact('zed@x.org', 'Zed'), contact('amy@x.org', 'amy'), contact('bob@x.org', 'Bob'), contact('carl@x.org')],
      conversations: [summary('zed@x.org', 200), summary('bob@x.org', 300)],
    });
    expect(names(el)).to.deep.equal(['Bob', 'Zed', 'amy', 'carl@x.org']);
  });

  it('shows unread counts with accessible text, and pending requests', async () => {
    const el = await mount({
      contacts: [contact('bob@x.org', 'Bob'), contact('amy@x.org', 'Amy', [], 'subscribe')],
      conversations: [summary('bob@x.org', 10, 3)],
    });
    const [bob, amy] = rows(el);
    expect(bob.querySelector('[part="unread-count"]')!.textContent).to.contain('3 unread');
    expect(amy.querySelector('[part="unread-count"]')).to.equal(null);
    expect(amy.textContent).to.contain('Waiting for approval');
    expect(bob.textContent).not.to.contain('Waiting for approval');
  });

  it('previews the latest message of each conversation on one line, as text', async () => {
    const el = await mount({
      contacts: [contact('bob@x.org', 'Bob'), contact('amy@x.org', 'Amy'), contact('eve@x.org', 'Eve')],
      conversations: [
        { ...summary('bob@x.org', 30), lastBody: 'Where is\n my <b>order</b>?' },
        { ...summary('amy@x.org', 20), lastBody: 'x'.repeat(200), lastDirection: 'out' },
      ],
    });
    const [bob, amy, eve] = rows(el).map((row) => row.querySelector('.preview')?.textContent);
    expect(bob).to.equal('Where is my <b>order</b>?');
    expect(amy).to.equal(`You: ${'x'.repeat(80)}…`);
    expect(eve).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('.preview b')).to.equal(null);
  });

  it('marks the selected contact and fires xmpp-chat-select on click', async () => {
    const el = await mount({ contacts: [contact('amy@x.org', 'Amy'), contact('bob@x.org', 'Bob')], selected: 'bob@x.org' });
    const selects = record(el, 'xmpp-chat-select');
    expect(rows(el).map((row) => row.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    expect(rows(el)[1].getAttribute('part')).to.contain('contact-selected');
    rows(el)[0].click();
    expect(selects).to.deep.equal([{ jid: 'amy@x.org' }]);
  });

  it('is usable by keyboard: Down from the search, arrows, End and Enter', async () => {
    const el = await mount({ contacts: many(300) });
    const selects = record(el, 'xmpp-chat-select');
    $(el, '[part="search"]').focus();
    await sendKeys({ press: 'ArrowDown' });
    const list = $(el, '[part="contact-list"]');
    expect(el.shadowRoot!.activeElement).to.equal(list);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect($(el, `#${list.getAttribute('aria-activedescendant')}`).textContent).to.contain('Contact 0001');
    await sendKeys({ press: 'Enter' });
    expect(selects).to.deep.equal([{ jid: 'c1@example.org' }]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    const active = $(el, `#${list.getAttribute('aria-activedescendant')}`);
    expect(active.textContent).to.contain('Contact 0299');
    expect(list.scrollTop).to.be.greaterThan(0);
    await sendKeys({ press: 'Space' });
    expect(selects.at(-1)).to.deep.equal({ jid: 'c299@example.org' });
  });

  it('filters by name or address, ignoring case, and says when nothing matches', async () => {
    const el = await mount({ contacts: [contact('amy@x.org', 'Amy Pond'), contact('rory@tardis.org', 'Rory')] });
    await search(el, 'POND');
    expect(names(el)).to.deep.equal(['Amy Pond']);
    await search(el, 'TARDIS');
    expect(names(el)).to.deep.equal(['Rory']);
    await search(el, 'zzz');
    expect(rows(el)).to.have.length(0);
    expect($(el, '[role="status"]').textContent).to.equal('No contact matches “zzz”.');
    await search(el, '');
    expect(rows(el)).to.have.length(2);
  });

  it('says when there are no contacts', async () => {
    const el = await mount({ contacts: [] });
    expect($(el, '[role="status"]').textContent).to.equal('No contacts yet.');
  });

  it('filters 2,000 contacts in under 50 ms', async () => {
    const el = await mount({ contacts: many(2000) });
    const started = performance.now();
    await search(el, 'contact 19');
    const elapsed = performance.now() - started;
    expect(names(el)[0]).to.equal('Contact 1900');
    expect($(el, '.spacer').style.blockSize).to.equal(`${100 * 48}px`);
    expect(elapsed).to.be.lessThan(50);
  });

  it('keeps only the visible rows of 2,000 contacts in the DOM and renders later ones on scroll', async () => {
    const el = await mount({ contacts: many(2000) });
    expect(rows(el).length).to.be.greaterThan(5).and.lessThan(60);
    const list = $(el, '[part="contact-list"]');
    list.scrollTop = 1500 * 48;
    await new Promise((resolve) => list.addEventListener('scroll', resolve, { once: true }));
    await el.updateComplete;
    expect(names(el)).to.include('Contact 1500');
    expect(names(el)).not.to.include('Contact 0000');
    expect(rows(el).length).to.be.lessThan(60);
  });

  it('answers subscription requests', async () => {
    const el = await mount({ requests: ['eve@x.org'] });
    const answers = record(el, 'xmpp-chat-answer-request');
    const section = $(el, '[part="requests"]');
    expect(section.textContent).to.contain('eve@x.org wants to see when you are online.');
    const [accept, deny] = section.querySelectorAll('button');
    accept.click();
    deny.click();
    expect(answers).to.deep.equal([
      { jid: 'eve@x.org', accept: true },
      { jid: 'eve@x.org', accept: false },
    ]);
    el.requests = [];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="requests"]')).to.equal(null);
  });

  it('keeps only the visible rows of 10,000 subscription requests in the DOM, and answers one scrolled to', async () => {
    const requests = Array.from({ length: 10_000 }, (_, i) => `spam${i}@evil.example`);
    const el = await mount({ requests, contacts: many(5) });
    const section = $(el, '[part="requests"]');
    const shown = () => [...section.querySelectorAll('[role="listitem"]')];
    expect(shown().length).to.be.greaterThan(2).and.lessThan(20);
    expect(section.getBoundingClientRect().height).to.be.lessThan(400);
    expect(rows(el)).to.have.length(5); // the contacts still have room
    const viewport = $(el, '.requests');
    viewport.scrollTop = 5000 * 72;
    await new Promise((resolve) => viewport.addEventListener('scroll', resolve, { once: true }));
    await el.updateComplete;
    const row = shown().find((r) => r.textContent.includes('spam5000@evil.example'))!;
    expect(row.getAttribute('aria-posinset')).to.equal('5001');
    expect(row.getAttribute('aria-setsize')).to.equal('10000');
    expect(shown().length).to.be.lessThan(20);
    const answers = record(el, 'xmpp-chat-answer-request');
    row.querySelector('button')!.click();
    expect(answers).to.deep.equal([{ jid: 'spam5000@evil.example', accept: true }]);
  });

  it('adds a contact after checking the address', async () => {
    const el = await mount({});
    const adds = record(el, 'xmpp-chat-add-contact');
    const toggle = $(el, '[part="add-button"]');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const form = $<HTMLFormElement>(el, '[part="add-form"]');
    const jid = $<HTMLInputElement>(el, '#add-jid');
    expect(el.shadowRoot!.activeElement).to.equal(jid);
    for (const bad of ['bob', 'bob smith@example.org', '@example.org']) {
      jid.value = bad;
      form.requestSubmit();
      await el.updateComplete;
      expect(jid.getAttribute('aria-invalid'), bad).to.equal('true');
      expect($(el, '#add-error').textContent).to.equal('Enter an address like name@example.org.');
    }
    expect(adds).to.have.length(0);
    jid.value = ' Bob@Example.org ';
    $<HTMLInputElement>(el, '#add-name').value = ' Bob ';
    form.requestSubmit();
    await el.updateComplete;
    expect(adds).to.deep.equal([{ jid: 'bob@example.org', name: 'Bob' }]);
    expect(el.shadowRoot!.querySelector('[part="add-form"]')).to.equal(null);
    toggle.click();
    await el.updateComplete;
    $<HTMLInputElement>(el, '#add-jid').value = 'amy@example.org';
    $<HTMLFormElement>(el, '[part="add-form"]').requestSubmit();
    expect(adds[1]).to.deep.equal({ jid: 'amy@example.org' });
  });

  it('closes the add form on Escape and returns focus to its button', async () => {
    const el = await mount({});
    const toggle = $(el, '[part="add-button"]');
    toggle.click();
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="add-form"]')).to.equal(null);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });

  it('speaks the language it is given', async () => {
    const el = await mount({ lang: 'de', contacts: [contact('a@x.org', 'A')] });
    expect($<HTMLInputElement>(el, '[part="search"]').placeholder).to.equal('Kontakte durchsuchen');
    expect($(el, '[part="contact-list"]').getAttribute('aria-label')).to.equal('Kontakte');
  });

  it('has no accessibility violations found by axe', async () => {
    const el = await mount({
      contacts: [contact('bob@x.org', 'Bob', [available()]), contact('amy@x.org', 'Amy', [], 'subscribe')],
      conversations: [summary('bob@x.org', 10, 3)],
      requests: ['eve@x.org'],
      selected: 'bob@x.org',
    });
    $(el, '[part="add-button"]').click();
    await el.updateComplete;
    const { violations } = await axe.run(el);
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).to.deep.equal([]);
  });
});
