import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';
import './join-room-form.ts';
import type { XmppChatJoinRoomForm } from './join-room-form.ts';
import { mount, record, unmountAll } from '../test-fixtures.ts';

afterEach(unmountAll);

const field = (el: XmppChatJoinRoomForm, part: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[part~="${part}"]`)!;
const submit = async (el: XmppChatJoinRoomForm) => {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await el.updateComplete;
};

describe('xmpp-chat-join-room-form', () => {
  it('joins a room by address or by name on the service, with the remembered nickname, bookmark and autojoin', async () => {
    const el = await mount<XmppChatJoinRoomForm>('xmpp-chat-join-room-form', { nick: 'ada', service: 'conference.example.org' });
    const joins = record(el, 'xmpp-chat-join-room');
    expect(field(el, 'nick-input').value).to.equal('ada');
    field(el, 'room-address-input').value = 'Release Team';
    field(el, 'autojoin-input').checked = true;
    await submit(el);
    field(el, 'room-address-input').value = 'Dev@Conference.example.org';
    field(el, 'bookmark-input').checked = false;
    await submit(el);
    expect(joins).to.deep.equal([
      { room: 'release-team@conference.example.org', nick: 'ada', bookmark: true, autojoin: true },
      { room: 'dev@conference.example.org', nick: 'ada', bookmark: false, autojoin: true },
    ]);
  });

  it('says what is missing and focuses the field to fix', async () => {
    const el = await mount<XmppChatJoinRoomForm>('xmpp-chat-join-room-form', {});
    const joins = record(el, 'xmpp-chat-join-room');
    field(el, 'room-address-input').value = 'no-service';
    await submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Enter the room’s address');
    expect(field(el, 'room-address-input').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'room-address-input'));
    field(el, 'room-address-input').value = 'lobby@conference.example.org';
    await submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Enter a nickname.');
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'nick-input'));
    expect(joins).to.deep.equal([]);
  });

  it('asks for the password when the room wants one, says refusals in words (as text), and cancels on Escape', async () => {
    const el = await mount<XmppChatJoinRoomForm>('xmpp-chat-join-room-form', { nick: 'ada', room: 'vault@conference.example.org' });
    el.error = { condition: 'not-authorized', message: '<b>Wrong password</b>' };
    await el.updateComplete;
    await el.updateComplete;
    expect(field(el, 'join-room-error').textContent).to.contain('<b>Wrong password</b>').and.contain('Enter the room’s password.');
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'room-password-input'));
    const joins = record(el, 'xmpp-chat-join-room');
    field(el, 'room-password-input').value = 'open sesame';
    await submit(el);
    expect(joins[0]).to.deep.include({ room: 'vault@conference.example.org', password: 'open sesame' });
    el.error = { condition: 'registration-required', message: 'Members only.' };
    await el.updateComplete;
    expect(field(el, 'join-room-error').textContent).to.contain('ask its owner to add you');
    expect(field(el, 'room-password-input')).to.equal(null);
    expect((await axe.run(el, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] })).violations.map((v) => v.id)).to.deep.equal([]);
    const cancels = record(el, 'xmpp-chat-join-room-cancel');
    field(el, 'nick-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(cancels.length).to.equal(1);
  });
});
