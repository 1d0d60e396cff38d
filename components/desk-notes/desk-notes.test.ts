import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import type { DeskNote } from '../../src/desk.ts';
import './desk-notes.ts';
import type { XmppChatDeskNotes } from './desk-notes.ts';
import { mount as mountElement, record, unmountAll } from '../test-fixtures.ts';

afterEach(unmountAll);

const HOSTILE = '<img src=x onerror=alert(1)>';
const NOTES: DeskNote[] = [
  { id: 'n1', peer: 'amber@anon.localhost', author: 'Ann', text: 'Asked about\nrefunds', at: Date.UTC(2026, 0, 2, 9), kind: 'note' },
  { id: 'n2', peer: 'amber@anon.localhost', author: HOSTILE, text: HOSTILE, at: Date.UTC(2026, 0, 2, 10), kind: 'transfer' },
];

const mount = (props: Partial<XmppChatDeskNotes> = {}) =>
  mountElement<XmppChatDeskNotes>('xmpp-chat-desk-notes', {
    notes: NOTES,
    labels: ['billing', 'vip'],
    suggestions: ['billing', 'urgent'],
    ...props,
  });
const $ = <T extends HTMLElement = HTMLElement>(el: XmppChatDeskNotes, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const $$ = (el: XmppChatDeskNotes, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

describe('xmpp-chat-desk-notes', () => {
  it('lists the notes oldest first as text, a transfer’s marked, and says they are private', async () => {
    const el = await mount();
    const notes = $$(el, '[part~="note"]');
    expect(notes.map((n) => n.dataset.kind)).to.deep.equal(['note', 'transfer']);
    expect(notes[0].querySelector('.text')!.textContent).to.equal('Asked about\nrefunds');
    expect(notes[1].querySelector('.text')!.textContent).to.equal(HOSTILE);
    expect(notes[1].querySelector('.meta')!.textContent).to.contain('on handing over');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect($(el, '.hint').textContent).to.contain('the visitor never does');
  });

  it('asks to add a note, trimmed, and clears its field; an empty one is not asked for', async () => {
    const el = await mount({ notes: [] });
    const added = record(el, 'xmpp-chat-desk-note');
    expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
    $(el, '[part~="note-button"]').click();
    await el.updateComplete;
    await el.updateComplete;
    const input = $<HTMLTextAreaElement>(el, '[part~="note-input"]');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    input.value = '   ';
    $<HTMLFormElement>(el, '.add-note').requestSubmit();
    input.value = '  Called back  ';
    $<HTMLFormElement>(el, '.add-note').requestSubmit();
    expect(added).to.deep.equal([{ text: 'Called back' }]);
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="note-button"]'));
    expect($$(el, '.hint')[1].textContent).to.equal('No notes yet.');
  });

  it('adds and removes labels, suggesting those in use and not already on it', async () => {
    const el = await mount();
    const labels = record(el, 'xmpp-chat-desk-labels');
    expect($$(el, '[part~="label"] span').map((s) => s.textContent)).to.deep.equal(['billing', 'vip']);
    expect($$(el, 'datalist option').map((o) => o.getAttribute('value'))).to.deep.equal(['urgent']);
    const input = $<HTMLInputElement>(el, '[part~="label-input"]');
    input.value = '  needs   callback ';
    $<HTMLFormElement>(el, '.add-label').requestSubmit();
    input.value = 'vip';
    $<HTMLFormElement>(el, '.add-label').requestSubmit();
    const remove = $$(el, '[part~="label-remove-button"]')[0];
    expect(remove.getAttribute('aria-label')).to.equal('Remove label “billing”');
    remove.click();
    expect(labels).to.deep.equal([{ labels: ['billing', 'vip', 'needs callback'] }, { labels: ['vip'] }]);
  });

  it('has no accessibility violations', async () => {
    const el = await mount();
    expect((await axe.run(el)).violations.map((v) => v.id)).to.deep.equal([]);
    $(el, '[part~="note-button"]').click();
    await el.updateComplete;
    expect((await axe.run(el)).violations.map((v) => v.id)).to.deep.equal([]);
    const empty = await mount({ notes: [], labels: [] });
    expect((await axe.run(empty)).violations.map((v) => v.id)).to.deep.equal([]);
  });
});
