import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './room-list.ts';
import type { XmppChatRoomList } from './room-list.ts';
import { roomRows } from './room-rows.ts';
import { FakeRoom } from '../room-view/room-view.fixtures.ts';
import { mount, record, unmountAll } from '../test-fixtures.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
afterEach(unmountAll);

const part = (el: XmppChatRoomList, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

describe('room rows', () => {
  it('list bookmarked and opened rooms by name, with unread counts, mentions only while unread, and state', () => {
    const joining = new FakeRoom('dev@conference.example.org');
    joining.state = 'joining';
    const left = new FakeRoom('old@conference.example.org');
    const rows = roomRows({
      bookmarks: [
        { jid: 'lobby@conference.example.org', name: 'The lobby', autojoin: true },
        { jid: 'quiet@conference.example.org', autojoin: false },
      ],
      rooms: [joining, left],
      conversations: [
        { peer: 'lobby@conference.example.org', unread: 3 } as never,
        { peer: 'quiet@conference.example.org', unread: 0 } as never,
      ],
      mentions: new Set(['lobby@conference.example.org', 'quiet@conference.example.org']),
      lang: 'en',
    });
    expect(rows.map((r) => [r.label, r.unread, r.mention, r.state])).to.deep.equal([
      ['dev', 0, false, 'joining'],
      ['quiet', 0, false, undefined],
      ['The lobby', 3, true, undefined],
    ]);
  });
});

describe('xmpp-chat-room-list', () => {
  it('shows rooms with unread, @ and state, and chooses one with the keyboard', async () => {
    const el = await mount<XmppChatRoomList>('xmpp-chat-room-list', {
      rooms: [
        { jid: 'a@c.org', label: 'Alpha', unread: 2, mention: true },
        { jid: 'b@c.org', label: 'Beta', unread: 0, mention: false, state: 'failed' },
        { jid: 'c@c.org', label: 'Gamma', unread: 0, mention: false, state: 'joining' },
      ],
      selected: 'a@c.org',
    });
    const rows = part(el, 'room-row');
    expect(rows.map((r) => r.textContent.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '# Alpha @Mentions you 22 unread',
      '# Beta Not joined',
      '# Gamma Joining…',
    ]);
    expect(part(el, 'room-row-selected')).to.deep.equal([rows[0]]);
    expect(rows[0].getAttribute('aria-current')).to.equal('true');
    const chosen = record(el, 'xmpp-chat-select');
    rows[1].focus();
    rows[1].click(); // a button: Enter and Space press it
    expect(chosen).to.deep.equal([{ jid: 'b@c.org' }]);
    const opened = record(el, 'xmpp-chat-join-room-open');
    part(el, 'join-room-button')[0].click();
    expect(opened.length).to.equal(1);
    expect((await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] })).violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('shows invitations as text, with accept and decline', async () => {
    const invitation = { room: 'lobby@c.org', from: 'ada@example.org', reason: HOSTILE, password: 'pw' };
    const el = await mount<XmppChatRoomList>('xmpp-chat-room-list', {
      rooms: [{ jid: `${HOSTILE}@c.org`, label: HOSTILE, unread: 0, mention: false }],
      invitations: [invitation],
    });
    expect(part(el, 'invitation')[0].textContent).to.contain('ada@example.org invites you to lobby').and.contain(HOSTILE);
    expect(part(el, 'room-row')[0].textContent).to.contain(HOSTILE);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const answers = record(el, 'xmpp-chat-invitation-answer');
    part(el, 'invitation-accept')[0].click();
    part(el, 'invitation-decline')[0].click();
    expect(answers).to.deep.equal([
      { invitation, accept: true },
      { invitation, accept: false },
    ]);
    el.dir = 'rtl';
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'rooms')[0]).direction).to.equal('rtl');
    expect((await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] })).violations.map((v) => v.id)).to.deep.equal([]);
  });
});
