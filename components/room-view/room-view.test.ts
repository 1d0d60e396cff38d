import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './room-view.ts';
import type { XmppChatRoomView } from './room-view.ts';
import { ROOM_NICK_KEY as NICK_KEY } from './room-nick.ts';
import { FakeRoom } from './room-view.fixtures.ts';
import type { Occupant } from '../../src/index.ts';
import { mount as mountElement, rendered, unmountAll } from '../test-fixtures.ts';

afterEach(() => {
  unmountAll();
  localStorage.removeItem(NICK_KEY);
  localStorage.removeItem('xmpp-chat:draft:lobby@conference.example.org');
});

async function mount(room: FakeRoom, props: Partial<XmppChatRoomView> = {}): Promise<XmppChatRoomView> {
  const el = await mountElement<XmppChatRoomView>('xmpp-chat-room-view', { room, online: true, ...props }, document.body, (view) => {
    view.style.cssText = 'display: flex; inline-size: 640px; block-size: 480px;';
  });
  await settle(el);
  return el;
}

/** Lets joins, pages and coalesced occupant updates go through, and the view and its children render. */
async function settle(el: XmppChatRoomView): Promise<void> {
  // Occupant changes render once per 100 ms at most (room-view.ts): past one such window, then until the view is still.
  await new Promise((resolve) => setTimeout(resolve, 120));
  await rendered(el);
}

const part = (el: XmppChatRoomView, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const inList = (el: XmppChatRoomView, selector: string) => [
  ...el.shadowRoot!.querySelector('xmpp-chat-message-list')!.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const occupantRows = (el: XmppChatRoomView) => [
  ...el.shadowRoot!.querySelector('xmpp-chat-occupant-list')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~="occupant"]'),
];

async function answer(el: XmppChatRoomView, value: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('.join input')!;
  input.value = value;
  el.shadowRoot!.querySelector<HTMLFormElement>('.join')!.requestSubmit();
  await settle(el);
}

/** axe's findings, each with where and why, so a failure says what to fix. */
async function violations(el: HTMLElement): Promise<string[]> {
  const { violations } = await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`);
}

const occupant = (nick: string, more: Partial<Occupant> = {}): Occupant => ({
  nick,
  role: 'participant',
  affiliation: 'none',
  self: false,
  ...more,
});

describe('xmpp-chat-room-view', () => {
  it('joins under the site’s nickname and shows the subject, and each sender’s nickname with their messages', async () => {
    const room = new FakeRoom();
    room.subject = 'Welcome to the lobby';
    room.add(room.message('ada', 'Hello all'), room.message('grace', 'Hi Ada'));
    const el = await mount(room, { nick: 'alan' });
    expect(room.joins).to.deep.equal([{ nick: 'alan', options: undefined }]);
    expect(part(el, 'room-name')!.textContent).to.equal('lobby');
    expect(part(el, 'room-subject')!.textContent).to.equal('Welcome to the lobby');
    expect(inList(el, '[part~="message-sender"]').map((n) => n.textContent)).to.deep.equal(['ada', 'grace']);
    expect(localStorage.getItem(NICK_KEY), 'the site’s nickname is not stored').to.equal(null);

    room.add(room.message('ada', 'Welcome, Alan'));
    room.subjectIs('Release day');
    await settle(el);
    expect(part(el, 'room-subject')!.textContent).to.equal('Release day');
    expect(inList(el, '[part~="message-body"]').map((n) => n.textContent)).to.include('Welcome, Alan');

    const composer = el.shadowRoot!.querySelector('xmpp-chat-composer')!;
    expect(composer.disabled).to.equal(false);
    composer.dispatchEvent(new CustomEvent('xmpp-chat-send', { detail: { body: 'Hi everyone' }, bubbles: true, composed: true }));
    await settle(el);
    expect(room.sent).to.deep.equal(['Hi everyone']);
    const mine = inList(el, '[part~="message-out"]');
    expect(mine).to.have.length(1);
    expect(mine[0].querySelector('[part~="message-sender"]')!.textContent).to.equal('alan');
  });

  it('waits to be online before joining', async () => {
    const room = new FakeRoom();
    const el = await mount(room, { nick: 'alan', online: false });
    expect(room.joins).to.have.length(0);
    expect(el.shadowRoot!.querySelector('xmpp-chat-composer')!.disabled).to.equal(true);
    el.online = true;
    await settle(el);
    expect(room.joins.map((j) => j.nick)).to.deep.equal(['alan']);
  });

  it('lists a thousand occupants with only the visible rows in the page, moderators first with a label', async () => {
    const room = new FakeRoom();
    const el = await mount(room, { nick: 'alan' });
    room.setOccupants(Array.from({ length: 999 }, (_, i) => occupant(`guest-${String(i).padStart(3, '0')}`)));
    room.setOccupants([occupant('zoe', { role: 'moderator', affiliation: 'owner' }), occupant('mod', { role: 'moderator' })]);
    room.setOccupants([occupant('quiet', { role: 'visitor' })]);
    await settle(el);
    expect(part(el, 'occupants-button')!.textContent.trim()).to.equal('People (1003)');
    part(el, 'occupants-button')!.click();
    await settle(el);
    const rows = occupantRows(el);
    expect(rows.length).to.be.greaterThan(5).and.below(40);
    expect(
      rows.slice(0, 2).map((row) => [row.querySelector('.nick')!.textContent, row.querySelector('[part~="occupant-role"]')!.textContent]),
    ).to.deep.equal([
      ['zoe', 'Owner'],
      ['mod', 'Moderator'],
    ]);
    expect(rows[0].getAttribute('aria-setsize')).to.equal('1003');
    const list = el
      .shadowRoot!.querySelector('xmpp-chat-occupant-list')!
      .shadowRoot!.querySelector<HTMLElement>('[part~="occupant-list"]')!;
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await settle(el);
    const last = occupantRows(el).at(-1)!;
    expect(last.querySelector('.nick')!.textContent).to.equal('quiet');
    expect(last.querySelector('[part~="occupant-role"]')!.textContent).to.equal('Can only read');
    expect(occupantRows(el).length).to.be.below(40);
  });

  it('asks for a nickname once, and remembers it for the site', async () => {
    const room = new FakeRoom();
    const el = await mount(room);
    expect(room.joins).to.have.length(0);
    expect(part(el, 'nick-input')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('xmpp-chat-composer')).to.equal(null);
    await answer(el, '   ');
    expect(el.shadowRoot!.querySelector('.problem')!.textContent).to.equal('Enter a nickname.');
    expect(room.joins).to.have.length(0);
    await answer(el, ' Ada ');
    expect(room.joins.map((j) => j.nick)).to.deep.equal(['Ada']);
    expect(part(el, 'nick-input')).to.equal(null);
    expect(localStorage.getItem(NICK_KEY)).to.equal('Ada');

    unmountAll();
    const next = new FakeRoom('other@conference.example.org');
    const again = await mount(next);
    expect(part(again, 'nick-input')).to.equal(null);
    expect(next.joins.map((j) => j.nick)).to.deep.equal(['Ada']);
  });

  it('asks again for a nickname the room says is taken, prefilled', async () => {
    const room = new FakeRoom();
    room.refusals = ['conflict'];
    const el = await mount(room, { nick: 'ada' });
    expect(part(el, 'room-error')!.textContent).to.contain('The room said conflict.').and.contain('Choose another nickname.');
    const input = part(el, 'nick-input') as HTMLInputElement;
    expect(input.value).to.equal('ada');
    await answer(el, 'ada2');
    expect(room.joins.map((j) => j.nick)).to.deep.equal(['ada', 'ada2']);
    expect(part(el, 'room-error')).to.equal(null);
    expect(localStorage.getItem(NICK_KEY)).to.equal('ada2');
  });

  it('asks for the room’s password, and joins with it', async () => {
    const room = new FakeRoom();
    room.refusals = ['not-authorized', 'not-authorized'];
    const el = await mount(room, { nick: 'ada' });
    expect(part(el, 'room-error')!.textContent).to.contain('Enter the room’s password.');
    expect((part(el, 'room-password-input') as HTMLInputElement).type).to.equal('password');
    await answer(el, 'wrong');
    expect(part(el, 'room-password-input')).to.not.equal(null);
    await answer(el, 's3cret');
    expect(room.joins.map((j) => [j.nick, j.options?.password])).to.deep.equal([
      ['ada', undefined],
      ['ada', 'wrong'],
      ['ada', 's3cret'],
    ]);
    expect(part(el, 'room-password-input')).to.equal(null);
    expect(JSON.stringify({ ...localStorage })).to.not.contain('s3cret');
  });

  for (const [condition, words] of [
    ['registration-required', 'Only members may join this room'],
    ['forbidden', 'You cannot join this room any more.'],
    ['banned', 'You cannot join this room any more.'],
    ['item-not-found', 'Check the room’s address'],
    ['destroyed', 'This room has been closed.'],
  ]) {
    it(`says a refusal for ${condition} in words, and does not try again`, async () => {
      const room = new FakeRoom();
      room.refusals = [condition];
      const el = await mount(room, { nick: 'ada' });
      expect(part(el, 'room-error')!.textContent).to.contain(`The room said ${condition}.`).and.contain(words);
      expect(part(el, 'join-button')).to.equal(null);
      expect(part(el, 'nick-input')).to.equal(null);
      expect(room.joins).to.have.length(1);
    });
  }

  for (const [condition, button] of [
    ['service-unavailable', 'Try again'],
    ['timeout', 'Try again'],
    ['kicked', 'Join again'],
  ]) {
    it(`offers to try again after ${condition}`, async () => {
      const room = new FakeRoom();
      room.refusals = [condition];
      const el = await mount(room, { nick: 'ada' });
      expect(part(el, 'room-error')!.textContent).to.contain(`The room said ${condition}.`);
      expect(room.joins).to.have.length(1);
      expect(part(el, 'join-button')!.textContent.trim()).to.equal(button);
      part(el, 'join-button')!.click();
      await settle(el);
      expect(room.joins).to.have.length(2);
      expect(part(el, 'room-error')).to.equal(null);
    });
  }

  it('says a ban while in the room, and offers no way back in', async () => {
    const room = new FakeRoom();
    const el = await mount(room, { nick: 'ada' });
    room.refuse('banned');
    await settle(el);
    expect(part(el, 'room-error')!.textContent).to.contain('You cannot join this room any more.');
    expect(el.shadowRoot!.querySelector('xmpp-chat-composer')!.disabled).to.equal(true);
    expect(part(el, 'join-button')).to.equal(null);
  });

  it('shows a quiet notice while rejoining', async () => {
    const room = new FakeRoom();
    const el = await mount(room, { nick: 'ada' });
    room.set('rejoining');
    await settle(el);
    const notice = part(el, 'room-notice')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.equal('Back in a moment: joining the room again…');
    room.set('joined');
    await settle(el);
    expect(part(el, 'room-notice')).to.equal(null);
  });

  it('keeps hostile nicknames, subjects and bodies as text', async () => {
    const room = new FakeRoom();
    const attack = '<img src=x onerror="window.roomHacked=1"><b>bold</b>';
    room.subject = attack;
    room.add(room.message(attack, attack));
    room.setOccupants([occupant(attack, { role: 'moderator' })]);
    const el = await mount(room, { nick: 'ada', heading: attack });
    part(el, 'occupants-button')!.click();
    await settle(el);
    expect(part(el, 'room-subject')!.textContent).to.equal(attack);
    expect(part(el, 'room-name')!.textContent).to.equal(attack);
    expect(inList(el, '[part~="message-sender"]')[0].textContent).to.equal(attack);
    expect(inList(el, '[part~="message-body"]')[0].textContent).to.equal(attack);
    expect(occupantRows(el)[0].querySelector('.nick')!.textContent).to.equal(attack);
    const roots = [
      el.shadowRoot!,
      el.shadowRoot!.querySelector('xmpp-chat-message-list')!.shadowRoot!,
      el.shadowRoot!.querySelector('xmpp-chat-occupant-list')!.shadowRoot!,
    ];
    expect(roots.flatMap((root) => [...root.querySelectorAll('img, b')])).to.have.length(0);
    expect((window as { roomHacked?: number }).roomHacked).to.equal(undefined);
  });

  it('tells its host when the newest message is on screen: at first, and as each new one arrives', async () => {
    const room = new FakeRoom();
    room.add(room.message('ada', 'Hello'));
    const seen: EventTarget[] = [];
    const listener = (event: Event) => seen.push(event.target!);
    document.body.addEventListener('xmpp-chat-seen', listener);
    try {
      const el = await mount(room, { nick: 'alan' });
      expect(seen, 'the first message on screen').to.have.length.greaterThan(0);
      expect(seen.every((target) => target === el)).to.equal(true);
      const first = seen.length;
      room.add(room.message('grace', 'Hi Alan'));
      await settle(el);
      expect(seen.length, 'a new message on screen').to.be.greaterThan(first);
    } finally {
      document.body.removeEventListener('xmpp-chat-seen', listener);
    }
  });

  it('has no accessibility violations: joined with the people shown, asking for a nickname, refused', async () => {
    const room = new FakeRoom();
    room.subject = 'Welcome';
    room.add(room.message('ada', 'Hello'));
    room.setOccupants([occupant('ada', { role: 'moderator' }), occupant('bob')]);
    const el = await mount(room, { nick: 'alan' });
    part(el, 'occupants-button')!.click();
    await settle(el);
    expect(await violations(el)).to.deep.equal([]);
    unmountAll();
    const asking = await mount(new FakeRoom());
    expect(await violations(asking)).to.deep.equal([]);
    unmountAll();
    const refused = new FakeRoom();
    refused.refusals = ['not-authorized'];
    const passwordForm = await mount(refused, { nick: 'ada' });
    expect(await violations(passwordForm)).to.deep.equal([]);
  });
});
