import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './room-view.ts';
import type { XmppChatRoomView } from './room-view.ts';
import { FakeRoom } from './room-view.fixtures.ts';
import type { Occupant, RoomInfo } from '../../src/index.ts';
import { mount as mountElement, record, rendered, unmountAll } from '../test-fixtures.ts';
import { actionsOn } from './room-permissions.ts';
import { loadLanguage } from '../i18n/i18n.ts';

const INFO: RoomInfo = {
  moderation: true,
  occupantId: false,
  membersOnly: false,
  passwordProtected: false,
  nonAnonymous: false,
  persistent: true,
  public: true,
};
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

afterEach(() => {
  unmountAll();
  localStorage.removeItem('xmpp-chat:draft:lobby@conference.example.org');
});

const occupant = (nick: string, more: Partial<Occupant> = {}): Occupant => ({
  nick,
  role: 'participant',
  affiliation: 'none',
  self: false,
  ...more,
});

/** A joined room where we are `self` (a moderator and owner unless told otherwise), with Ada and Bob. */
async function mount(self: Partial<Occupant> = { role: 'moderator', affiliation: 'owner' }, props: Partial<XmppChatRoomView> = {}) {
  // The element loads its managing half and the list its message actions on demand; loaded here first, so a
  // busy machine cannot outlast `settle`.
  await Promise.all([import('./room-manage.ts'), import('../message-list/message-extras.ts')]);
  const room = new FakeRoom();
  room.info = { ...INFO };
  room.setOccupants([occupant('ada', { jid: 'ada@example.org' }), occupant('bob', { role: 'visitor' })]);
  const el = await mountElement<XmppChatRoomView>(
    'xmpp-chat-room-view',
    { room, online: true, manage: true, nick: 'me', ...props },
    document.body,
    (v) => {
      v.style.cssText = 'display: flex; inline-size: 640px; block-size: 560px;';
    },
  );
  await settle(el);
  room.setOccupants([{ ...occupant('me'), ...self, self: true }]);
  el.shadowRoot!.querySelector<HTMLElement>('[part~="occupants-button"]')!.click();
  await settle(el);
  return { room, el };
}

/** Lets joins, pages and coalesced occupant updates go through, and the view and its children render. */
async function settle(el: XmppChatRoomView): Promise<void> {
  // Occupant changes render once per 100 ms at most (room-view.ts): past one such window, then until the view is still.
  await new Promise((resolve) => setTimeout(resolve, 120));
  await rendered(el);
}

const part = (el: XmppChatRoomView, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const occupantList = (el: XmppChatRoomView) => el.shadowRoot!.querySelector('xmpp-chat-occupant-list')!.shadowRoot!;
const list = (el: XmppChatRoomView) => el.shadowRoot!.querySelector('xmpp-chat-message-list')!.shadowRoot!;
const menuButtons = (el: XmppChatRoomView) => [...part(el, 'occupant-menu')!.querySelectorAll('button')].map((b) => b.textContent.trim());
const press = (el: XmppChatRoomView, root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === text)!.click();

async function openMenu(el: XmppChatRoomView, nick: string): Promise<void> {
  [...occupantList(el).querySelectorAll<HTMLElement>('[part~="occupant-menu-button"]')]
    .find((b) => b.getAttribute('aria-label') === `Actions for ${nick}`)!
    .click();
  await settle(el);
}

async function violations(el: HTMLElement): Promise<string[]> {
  const { violations } = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

describe('room permissions (XEP-0045)', () => {
  const me = (role: Occupant['role'], affiliation: Occupant['affiliation']) => occupant('me', { role, affiliation, self: true });
  it('let moderators kick and give voice, admins grant moderation and ban those below them', () => {
    const visitor = occupant('v', { role: 'visitor', jid: 'v@x.org' });
    expect(actionsOn(me('participant', 'none'), visitor)).to.deep.equal({
      private: true,
      kick: false,
      ban: false,
      voice: undefined,
      moderator: undefined,
    });
    expect(actionsOn(me('moderator', 'none'), visitor)).to.include({ kick: true, voice: 'on', ban: false });
    expect(actionsOn(me('moderator', 'admin'), visitor)).to.include({ kick: true, moderator: 'grant', ban: true });
    const owner = occupant('o', { role: 'moderator', affiliation: 'owner', jid: 'o@x.org' });
    expect(actionsOn(me('moderator', 'admin'), owner)).to.include({ kick: false, moderator: undefined, ban: false, voice: undefined });
    expect(actionsOn(me('moderator', 'owner'), occupant('a', { affiliation: 'admin', jid: 'a@x.org' }))).to.include({
      ban: true,
      kick: false,
    });
    expect(actionsOn(me('moderator', 'owner'), occupant('n'))).to.include({ ban: false }); // no real JID shown
    expect(actionsOn(me('moderator', 'owner'), me('moderator', 'owner')).private).to.equal(false);
  });
});

describe('xmpp-chat-room-view with manage (full mode)', () => {
  it('lets a moderator change the subject, and says the room’s refusal in words', async () => {
    const { room, el } = await mount();
    part(el, 'subject-edit-button')!.click();
    await settle(el);
    const input = part(el, 'subject-input') as HTMLInputElement;
    expect(el.shadowRoot!.activeElement).to.equal(input);
    input.value = 'Release day';
    input.form!.requestSubmit();
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'setSubject', args: ['Release day'] });
    expect(part(el, 'room-subject')!.textContent).to.equal('Release day');
    part(el, 'subject-edit-button')!.click();
    await settle(el);
    room.refuseNext = 'forbidden';
    (part(el, 'subject-input') as HTMLInputElement).form!.requestSubmit();
    await settle(el);
    expect(part(el, 'room-action-error')!.textContent).to.contain('The room said forbidden.');
  });

  it('offers no subject change, settings or moderation to a plain participant', async () => {
    const { el } = await mount({ role: 'participant', affiliation: 'none' });
    expect(part(el, 'subject-edit-button')).to.equal(null);
    expect(part(el, 'room-settings-button')).to.equal(null);
    expect(part(el, 'invite-button')).to.not.equal(null);
    await openMenu(el, 'ada');
    expect(menuButtons(el)).to.deep.equal(['Private message', 'Close']);
  });

  it('invites an address, refusing one that is not', async () => {
    const { room, el } = await mount();
    part(el, 'invite-button')!.click();
    await settle(el);
    const input = part(el, 'invite-input') as HTMLInputElement;
    expect(el.shadowRoot!.activeElement).to.equal(input);
    input.value = 'not an address';
    input.form!.requestSubmit();
    await settle(el);
    expect(part(el, 'room-action-error')!.textContent).to.contain('Enter an address');
    input.value = 'grace@example.org';
    input.form!.requestSubmit();
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'invite', args: ['grace@example.org', undefined] });
    expect(el.shadowRoot!.querySelector('[role="status"].notice')!.textContent).to.contain('Invitation sent to grace@example.org.');
  });

  it('shows roles, and offers an owner private message, voice, moderator, kick and ban with a reason and a confirmation', async () => {
    const { room, el } = await mount();
    const roles = [...occupantList(el).querySelectorAll('[part~="occupant"]')].map((r) => r.textContent.replace(/\s+/g, ' ').trim());
    expect(roles[0]).to.contain('me').and.contain('Owner');
    expect(roles.at(-1)).to.contain('bob').and.contain('Can only read');
    await openMenu(el, 'bob');
    expect(menuButtons(el)).to.deep.equal(['Private message', 'Let them write', 'Make moderator', 'Remove from the room', 'Close']);
    press(el, part(el, 'occupant-menu')!, 'Let them write');
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'setRole', args: ['bob', 'participant', undefined] });
    expect(part(el, 'occupant-menu')).to.equal(null);

    await openMenu(el, 'ada');
    expect(menuButtons(el)).to.include('Ban');
    press(el, part(el, 'occupant-menu')!, 'Ban');
    await settle(el);
    expect(part(el, 'occupant-menu')!.textContent).to.contain('Ban ada from the room for good?');
    expect(room.calls.at(-1)!.method).to.equal('setRole'); // nothing yet
    const reason = part(el, 'occupant-menu')!.querySelector('input')!;
    expect(el.shadowRoot!.activeElement).to.equal(reason);
    reason.value = 'Spam';
    reason.form!.requestSubmit();
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'ban', args: ['ada@example.org', 'Spam'] });

    await openMenu(el, 'ada');
    press(el, part(el, 'occupant-menu')!, 'Remove from the room');
    await settle(el);
    reason.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle(el);
    expect(menuButtons(el), 'Escape steps back from the question').to.include('Remove from the room');
    press(el, part(el, 'occupant-menu')!, 'Remove from the room');
    await settle(el);
    press(el, part(el, 'occupant-menu')!, 'Remove from the room');
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'kick', args: ['ada', undefined] });
  });

  it('opens a private message, toggles the bookmark and leaves through events', async () => {
    const { el } = await mount();
    const privately = record(el, 'xmpp-chat-private-message');
    const bookmarks = record(el, 'xmpp-chat-room-bookmark');
    const leaves = record(el, 'xmpp-chat-room-leave');
    await openMenu(el, 'ada');
    press(el, part(el, 'occupant-menu')!, 'Private message');
    part(el, 'bookmark-button')!.click();
    part(el, 'leave-button')!.click();
    expect(privately).to.deep.equal([{ room: 'lobby@conference.example.org', nick: 'ada' }]);
    expect(bookmarks).to.deep.equal([{ room: 'lobby@conference.example.org', bookmarked: true }]);
    expect(leaves).to.deep.equal([{ room: 'lobby@conference.example.org' }]);
    expect(part(el, 'bookmark-button')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('lets the owner change the settings', async () => {
    const { room, el } = await mount();
    part(el, 'room-settings-button')!.click();
    await settle(el);
    const form = part(el, 'room-settings') as HTMLFormElement;
    (form.elements.namedItem('name') as HTMLInputElement).value = 'The lobby';
    (form.elements.namedItem('membersOnly') as HTMLInputElement).checked = true;
    (form.elements.namedItem('protected') as HTMLInputElement).checked = true;
    (form.elements.namedItem('password') as HTMLInputElement).value = 's3cret';
    form.requestSubmit();
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({
      method: 'configure',
      args: [{ name: 'The lobby', persistent: true, membersOnly: true, public: true, password: 's3cret' }],
    });
  });

  it('lets a moderator remove a message for everyone, highlights mentions and says who removed one', async () => {
    const { room, el } = await mount();
    const spam = room.message('bob', 'spam');
    room.add(room.message('ada', 'hi @me', 'in'), spam);
    room.messages[0].mentionsMe = true;
    room.emit('messages', { peer: room.jid, added: [], updated: [room.messages[0]], origin: 'local' });
    await settle(el);
    list(el).querySelector('.scroller')!.dispatchEvent(new Event('pointerenter'));
    await settle(el);
    expect(list(el).querySelectorAll('[part~="mention"]').length).to.equal(1);
    const row = () => list(el).querySelector(`.row[data-key="${spam.key}"]`)!;
    press(el, row(), 'Remove for everyone');
    await settle(el);
    expect(row().textContent).to.contain('Remove this message for everyone in the room?');
    press(el, row(), 'Remove for everyone');
    await settle(el);
    expect(room.calls.at(-1)).to.deep.equal({ method: 'moderate', args: [spam.key, undefined] });
    room.emit('messages', {
      peer: room.jid,
      added: [],
      updated: [{ ...spam, body: '', retracted: true, moderatedBy: 'me' }],
      origin: 'local',
    });
    await settle(el);
    expect(list(el).querySelector(`.row[data-key="${spam.key}"]`)!.textContent).to.contain('Removed by me');
  });

  it('offers a participant no message actions', async () => {
    const { room, el } = await mount({ role: 'participant', affiliation: 'member' });
    room.add(room.message('bob', 'hello'));
    await settle(el);
    list(el).querySelector('.scroller')!.dispatchEvent(new Event('pointerenter'));
    await settle(el);
    expect(list(el).querySelector('[part~="message-actions"]')).to.equal(null);
  });

  it('shows hostile nicknames, subjects and reasons as text, and is axe-clean with its panels open', async () => {
    const { room, el } = await mount();
    room.subjectIs(HOSTILE);
    room.setOccupants([occupant(HOSTILE, { jid: 'h@example.org' })]);
    await settle(el);
    expect(part(el, 'room-subject')!.textContent).to.equal(HOSTILE);
    await openMenu(el, HOSTILE);
    expect(part(el, 'occupant-menu')!.textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(await violations(el)).to.deep.equal([]);
    part(el, 'room-settings-button')!.click();
    await settle(el);
    expect(await violations(el)).to.deep.equal([]);
    part(el, 'invite-button')!.click();
    await settle(el);
    expect(await violations(el)).to.deep.equal([]);
    await loadLanguage('ar');
    el.dir = 'rtl';
    el.lang = 'ar';
    await settle(el);
    expect(part(el, 'invite-button')!.textContent).to.equal('دعوة');
    expect(getComputedStyle(part(el, 'room-tools')!).direction).to.equal('rtl');
  });
});
