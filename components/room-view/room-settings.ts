/** The owner's settings of a room (muc#roomconfig): name, kept when empty, members only, listed, password. */
import { html, type TemplateResult } from 'lit';
import type { Room, RoomConfig } from '../../src/index.ts';
import type { RoomManage } from './room-manage.ts';

export function roomSettings(manage: RoomManage, room: Room): TemplateResult {
  const info = room.info;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = (e.target as HTMLFormElement).elements;
    const checked = (name: string) => (form.namedItem(name) as HTMLInputElement).checked;
    const password = (form.namedItem('password') as HTMLInputElement).value;
    const config: RoomConfig = {
      name: (form.namedItem('name') as HTMLInputElement).value.trim(),
      persistent: checked('persistent'),
      membersOnly: checked('membersOnly'),
      public: checked('public'),
    };
    // A new password replaces the old; "no password" removes it; otherwise the room keeps its own.
    if (!checked('protected')) {
      if (info?.passwordProtected) config.password = '';
    } else if (password) config.password = password;
    manage.configure(room, config);
  };
  const box = (name: string, label: string, value: boolean | undefined) =>
    html`<label class="check"><input type="checkbox" name=${name} .checked=${!!value} ?disabled=${manage.busy} /> ${label}</label>`;
  return html`<form class="panel" part="room-settings" aria-labelledby="settings-title" @submit=${submit}
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && manage.open(undefined)}>
    <p id="settings-title" class="menu-title">${manage.t('room.settings')}</p>
    <label for="settings-name">${manage.t('room.settings-name')}</label>
    <input id="settings-name" name="name" dir="auto" maxlength="200" .value=${info?.name ?? ''} ?disabled=${manage.busy} />
    ${box('persistent', manage.t('room.settings-persistent'), info?.persistent)}
    ${box('membersOnly', manage.t('room.settings-members-only'), info?.membersOnly)}
    ${box('public', manage.t('room.settings-public'), info?.public)}
    ${box('protected', manage.t('room.settings-protected'), info?.passwordProtected)}
    <label for="settings-password">${manage.t('room.settings-password')}</label>
    <input id="settings-password" name="password" type="password" autocomplete="new-password" ?disabled=${manage.busy} />
    <div class="buttons">
      <button type="submit" class="primary" ?disabled=${manage.busy}>${manage.t('room.save')}</button>
      <button type="button" @click=${() => manage.open(undefined)}>${manage.t('room.cancel')}</button>
    </div>
  </form>`;
}
