/** Full mode's room tools: the subject (and its editor), the toolbar below the header, the invitation form, and what the room answered. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Room } from '../../src/index.ts';
import { emit } from '../events.ts';
import type { RoomManage } from './room-manage.ts';

/** A bare address such as ada@example.org (no resource, no spaces). */
const BARE_JID = /^[^\s@/]+@[^\s@/]+\.?[^\s@/]*$/;

/** The subject as text, with the button that changes it for those allowed; or the editor. */
export function subjectLine(manage: RoomManage, room: Room): TemplateResult | typeof nothing {
  const allowed = manage.actions(room).subject;
  if (manage.editingSubject && allowed) {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      manage.setSubject(room, (e.target as HTMLFormElement).querySelector('input')!.value.trim());
    };
    return html`<form class="subject-form" part="subject-form" @submit=${submit}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && manage.editSubject(false)}>
      <label class="sr-only" for="subject-input">${manage.t('room.subject-label')}</label>
      <input id="subject-input" part="subject-input" dir="auto" maxlength="500" .value=${room.subject ?? ''} ?disabled=${manage.busy} />
      <button type="submit" ?disabled=${manage.busy}>${manage.t('room.save')}</button>
      <button type="button" @click=${() => manage.editSubject(false)}>${manage.t('room.cancel')}</button>
    </form>`;
  }
  return html`<p class="subject-line">
    ${room.subject ? html`<span part="room-subject" class="subject" dir="auto">${room.subject}</span>` : nothing}
    ${
      allowed
        ? html`<button part="subject-edit-button" class="link" type="button" @click=${() => manage.editSubject(true)}>
            ${manage.t('room.subject-edit')}</button>`
        : nothing
    }
  </p>`;
}

/** The toolbar (invite, bookmark, settings for owners, leave), the panel open below it, and the room's answer. */
export function roomTools(manage: RoomManage, room: Room, panel: TemplateResult | typeof nothing): TemplateResult {
  const may = manage.actions(room);
  const joined = room.state === 'joined' || room.state === 'rejoining';
  const { bookmarked } = manage.view;
  const toggle = (name: 'invite' | 'settings', part: string) => () => manage.open(name, `[part~="${part}"]`);
  return html`<div part="room-tools" class="tools" role="toolbar" aria-label=${manage.t('room.tools')}>
      ${
        joined && may.invite
          ? html`<button part="invite-button" type="button" aria-expanded=${String(manage.panel === 'invite')}
              @click=${toggle('invite', 'invite-button')}>${manage.t('room.invite')}</button>`
          : nothing
      }
      <button part="bookmark-button" type="button" aria-pressed=${String(bookmarked)}
        @click=${() => emit(manage.view, 'xmpp-chat-room-bookmark', { room: room.jid, bookmarked: !bookmarked })}>${manage.t('room.bookmark')}</button>
      ${
        joined && may.configure
          ? html`<button part="room-settings-button" type="button" aria-expanded=${String(manage.panel === 'settings')}
              @click=${toggle('settings', 'room-settings-button')}>${manage.t('room.settings')}</button>`
          : nothing
      }
      ${
        room.state !== 'idle'
          ? html`<button part="leave-button" type="button" @click=${() => emit(manage.view, 'xmpp-chat-room-leave', { room: room.jid })}>
              ${manage.t('room.leave')}</button>`
          : nothing
      }
    </div>
    ${manage.panel === 'invite' ? inviteForm(manage, room) : panel}
    ${
      manage.problem
        ? html`<div part="room-action-error" class="error" role="alert"><p dir="auto">${manage.problem}</p>
            <button type="button" @click=${() => manage.dismiss()}>${manage.t('room.dismiss')}</button></div>`
        : nothing
    }
    <p class="notice" role="status">${manage.done ?? ''}</p>`;
}

function inviteForm(manage: RoomManage, room: Room): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const jid = (form.elements.namedItem('jid') as HTMLInputElement).value.trim();
    const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
    if (!BARE_JID.test(jid)) {
      manage.problem = manage.t('room.invite-invalid');
      manage.view.requestUpdate();
      return;
    }
    form.reset();
    manage.invite(room, jid, reason || undefined);
  };
  return html`<form class="panel" part="invite-form" @submit=${submit} novalidate
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && manage.open(undefined)}>
    <label for="invite-jid">${manage.t('room.invite-address')}</label>
    <input id="invite-jid" part="invite-input" name="jid" type="email" autocomplete="off" spellcheck="false" dir="ltr"
      placeholder="ada@example.org" ?disabled=${manage.busy} />
    <label for="invite-reason">${manage.t('room.invite-reason')}</label>
    <input id="invite-reason" name="reason" dir="auto" maxlength="500" ?disabled=${manage.busy} />
    <div class="buttons">
      <button type="submit" class="primary" ?disabled=${manage.busy}>${manage.t('room.invite-send')}</button>
      <button type="button" @click=${() => manage.open(undefined)}>${manage.t('room.cancel')}</button>
    </div>
  </form>`;
}
