/**
 * Full mode's hold on a room, loaded only when the room view is given `manage`: the subject, the
 * invitation form, the owner's settings, and what we may do with each person (private message,
 * kick, voice, moderator, ban), offered as far as our role and affiliation allow; each refusal of
 * the room said in words. Kicking and banning ask for a reason and a confirmation first.
 */
import { nothing, type TemplateResult } from 'lit';
import type { Room, RoomConfig, StoredMessage } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-rooms-full.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { occupantMenu } from './occupant-menu.ts';
import { actionsOn, roomActions, type RoomActions } from './room-permissions.ts';
import { roomSettings } from './room-settings.ts';
import { roomTools, subjectLine } from './room-tools.ts';

/** The room view, as far as its tools need it. */
export interface ManageHost extends HTMLElement {
  readonly lang: string;
  readonly bookmarked: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

export type Panel = 'invite' | 'settings' | 'menu';

export class RoomManage {
  editingSubject = false;
  /** What is open below the header. */
  panel?: Panel;
  /** The occupant whose menu is open, and what we are about to do to them. */
  menuNick?: string;
  confirming?: 'kick' | 'ban';
  busy = false;
  /** The room's refusal of what we asked, in words. */
  problem?: string;
  /** What was done, in words (an invitation sent, the settings saved). */
  done?: string;
  /** Where the focus goes back to when a panel closes. */
  #opener?: string;

  constructor(readonly view: ManageHost) {}

  /** Another room is shown: nothing stays open. */
  reset(): void {
    this.editingSubject = this.busy = false;
    this.panel = this.menuNick = this.confirming = this.problem = this.done = undefined;
  }

  actions(room: Room): RoomActions {
    return roomActions(room.self, room.info);
  }

  subject(room: Room): TemplateResult | typeof nothing {
    return subjectLine(this, room);
  }

  tools(room: Room): TemplateResult {
    const panel =
      this.panel === 'settings'
        ? roomSettings(this, room)
        : this.panel === 'menu'
          ? occupantMenu(this, room, this.menuOccupant(room))
          : nothing;
    return roomTools(this, room, panel);
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return t(this.view.lang, key, params);
  }

  menuOccupant(room: Room) {
    const occupant = this.menuNick === undefined ? undefined : room.occupants.get(this.menuNick);
    return occupant && { occupant, may: actionsOn(room.self, occupant) };
  }

  /** Opens or closes a panel below the header; the focus goes to its first field, and back to `opener` when it closes. */
  open(panel: Panel | undefined, opener?: string): void {
    if (panel && this.panel === panel && panel !== 'menu') panel = undefined;
    const back = panel ? undefined : this.#opener;
    this.panel = panel;
    this.confirming = undefined;
    this.problem = this.done = undefined;
    if (opener) this.#opener = opener;
    this.#render(panel ? '.panel input, .panel button' : back);
  }

  openMenu(nick: string): void {
    this.menuNick = nick;
    this.open('menu', '[part~="occupants-button"]');
  }

  editSubject(editing: boolean): void {
    this.editingSubject = editing;
    this.problem = undefined;
    this.#render(editing ? '[part~="subject-input"]' : '[part~="subject-edit-button"]');
  }

  confirm(what: 'kick' | 'ban' | undefined): void {
    this.confirming = what;
    this.#render(what ? '.panel input' : '.panel button');
  }

  setSubject(room: Room, subject: string): void {
    this.#run(
      () => room.setSubject(subject),
      undefined,
      () => this.editSubject(false),
    );
  }

  invite(room: Room, jid: string, reason?: string): void {
    this.#run(
      () => room.invite(jid, reason),
      this.t('room.invited', { jid }),
      () => this.#render('[part~="invite-input"]'),
    );
  }

  configure(room: Room, config: RoomConfig): void {
    this.#run(() => room.configure(config), this.t('room.settings-saved'));
  }

  /** One of the occupant menu's actions; the menu closes once the room agreed. */
  onOccupant(work: () => Promise<void>): void {
    this.#run(work, undefined, () => this.open(undefined));
  }

  privateMessage(room: Room, nick: string): void {
    this.open(undefined);
    emit(this.view, 'xmpp-chat-private-message', { room: room.jid, nick });
  }

  moderate(room: Room, messages: StoredMessage[], key: string): void {
    const message = messages.find((m) => m.key === key);
    if (message) this.#run(() => room.moderate(message));
  }

  dismiss(): void {
    this.problem = this.done = undefined;
    this.#render();
  }

  #run(work: () => Promise<void>, done?: string, after?: () => void): void {
    this.busy = true;
    this.problem = this.done = undefined;
    this.view.requestUpdate();
    work().then(
      () => {
        this.busy = false;
        this.done = done;
        after?.();
        this.view.requestUpdate();
      },
      (error: Error) => {
        this.busy = false;
        // The room's own words (a RoomError's message says what to do).
        this.problem = error.message;
        this.view.requestUpdate();
      },
    );
  }

  /** Renders again, then focuses the first element matching `focus`. */
  #render(focus?: string): void {
    this.view.requestUpdate();
    if (focus) void this.view.updateComplete.then(() => this.view.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }
}
