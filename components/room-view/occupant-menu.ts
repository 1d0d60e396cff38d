/**
 * What we may do with one person in the room (see room-permissions.ts): a private message, and for
 * those allowed kick, voice, moderator and ban. Kick and ban ask for a reason and a confirmation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Occupant, Room } from '../../src/index.ts';
import type { OccupantActions } from './room-permissions.ts';
import type { RoomManage } from './room-manage.ts';
import { occupantRows } from './occupant-rows.ts';

export function occupantMenu(manage: RoomManage, room: Room, of: { occupant: Occupant; may: OccupantActions } | undefined): TemplateResult {
  const close = () => manage.open(undefined);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (manage.confirming) manage.confirm(undefined);
    else close();
  };
  // The person left meanwhile: say so, rather than act on someone who is gone.
  if (!of)
    return html`<div class="panel" part="occupant-menu" role="group" aria-label=${manage.t('room.gone')} @keydown=${onKey}>
      <p>${manage.t('room.gone')}</p><div class="buttons"><button type="button" @click=${close}>${manage.t('room.close-menu')}</button></div></div>`;
  const { occupant, may } = of;
  const { nick } = occupant;
  const label = occupantRows([occupant], manage.view.lang)[0].label;
  const busy = manage.busy;
  const button = (text: string, action: () => void, danger = false) =>
    html`<button type="button" class=${danger ? 'danger' : ''} ?disabled=${busy} @click=${action}>${text}</button>`;
  const body = manage.confirming
    ? confirmStep(manage, room, occupant)
    : html`<div class="buttons">
        ${may.private ? button(manage.t('room.private'), () => manage.privateMessage(room, nick)) : nothing}
        ${may.voice ? button(manage.t(may.voice === 'on' ? 'room.voice-on' : 'room.voice-off'), () => manage.onOccupant(() => room.setRole(nick, may.voice === 'on' ? 'participant' : 'visitor'))) : nothing}
        ${
          may.moderator
            ? button(manage.t(may.moderator === 'grant' ? 'room.make-moderator' : 'room.remove-moderator'), () =>
                manage.onOccupant(() => room.setRole(nick, may.moderator === 'grant' ? 'moderator' : 'participant')),
              )
            : nothing
        }
        ${may.kick ? button(manage.t('room.kick'), () => manage.confirm('kick'), true) : nothing}
        ${may.ban ? button(manage.t('room.ban'), () => manage.confirm('ban'), true) : nothing}
        ${button(manage.t('room.close-menu'), close)}
      </div>`;
  return html`<div class="panel" part="occupant-menu" role="group" aria-labelledby="menu-title" @keydown=${onKey}>
    <p id="menu-title" class="menu-title"><span dir="auto">${nick}</span>${label ? html` · ${manage.t(label)}` : nothing}${
      occupant.jid ? html` <span class="muted" dir="ltr">${occupant.jid}</span>` : nothing
    }</p>
    ${body}
  </div>`;
}

/** Kick or ban: the question, a reason to give, and the confirmation. */
function confirmStep(manage: RoomManage, room: Room, occupant: Occupant): TemplateResult {
  const kick = manage.confirming === 'kick';
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const reason = (e.target as HTMLFormElement).querySelector('input')!.value.trim() || undefined;
    manage.onOccupant(() => (kick ? room.kick(occupant.nick, reason) : room.ban(occupant.jid!, reason)));
  };
  return html`<form @submit=${submit}>
    <p id="confirm-question"><strong>${manage.t(kick ? 'room.confirm-kick' : 'room.confirm-ban', { nick: occupant.nick })}</strong></p>
    <label for="reason">${manage.t('room.reason')}</label>
    <input id="reason" name="reason" dir="auto" maxlength="500" ?disabled=${manage.busy} />
    <div class="buttons">
      <button type="submit" class="danger" ?disabled=${manage.busy}>${manage.t(kick ? 'room.kick' : 'room.ban')}</button>
      <button type="button" @click=${() => manage.confirm(undefined)}>${manage.t('room.cancel')}</button>
    </div>
  </form>`;
}
