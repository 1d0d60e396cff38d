/** What the room view shows about joining: the form that asks for a nickname or the room's password, and the notice. */
import { html, nothing } from 'lit';
import type { Room } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';
import { refusalOf } from './refusals.ts';
import type { RoomJoin } from './room-join.ts';

export interface JoinFormState {
  lang: string;
  ask: 'nick' | 'password';
  /** The nickname to prefill (the one the room refused, or the remembered one). */
  nick: string;
  /** "Enter a nickname." after an empty answer. */
  invalid: boolean;
  busy: boolean;
}

/** Calls `submit` with the trimmed answer (a nickname or a password). */
export function joinForm({ lang, ask, nick, invalid, busy }: JoinFormState, submit: (value: string) => void) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('input')!;
    submit(ask === 'nick' ? input.value.trim() : input.value);
  };
  const nickField = ask === 'nick';
  return html`<form class="join" part="join-form" @submit=${onSubmit} novalidate>
    <p class="intro">${t(lang, nickField ? 'room.nick-intro' : 'room.password-intro')}</p>
    <label for="join-field">${t(lang, nickField ? 'room.nick' : 'room.password')}</label>
    ${
      nickField
        ? html`<input id="join-field" part="nick-input" name="nick" autocomplete="nickname" maxlength="64" dir="auto" .value=${nick}
            aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'join-problem' : nothing} ?disabled=${busy} />`
        : html`<input id="join-field" part="room-password-input" name="password" type="password" autocomplete="current-password"
            ?disabled=${busy} />`
    }
    ${invalid ? html`<p id="join-problem" class="problem" role="alert">${t(lang, 'room.nick-required')}</p>` : nothing}
    <button part="join-button" type="submit" ?disabled=${busy}>${t(lang, 'room.join')}</button>
  </form>`;
}

/** Joining (a rejoin after a lost connection quietly), or why we are not in the room and what to do. */
export function roomNotice(room: Room, lang: string, join: RoomJoin) {
  if (room.state === 'joining' || room.state === 'rejoining')
    return html`<p part="room-notice" class="notice" role="status">${t(lang, room.state === 'joining' ? 'room.joining' : 'room.rejoining')}</p>`;
  if (room.state !== 'failed') return html`<p class="notice" role="status"></p>`;
  const { way, hint } = refusalOf(room.error?.condition);
  return html`<div part="room-error" class="error" role="alert">
    <p><span dir="auto">${room.error?.message ?? t(lang, 'room.refused')}</span> ${hint ? t(lang, hint) : nothing}</p>
    ${
      (way === 'retry' || way === 'rejoin') && join.tried
        ? html`<button part="join-button" type="button" ?disabled=${join.busy} @click=${join.retry}>
            ${t(lang, way === 'retry' ? 'room.try-again' : 'room.join-again')}</button>`
        : nothing
    }
  </div>`;
}
