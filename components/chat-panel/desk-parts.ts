/**
 * The parts of the team desk's elements, which `<xmpp-chat>` passes on to the page in full mode.
 * Kept apart from parts.ts, which a visitor's first script carries: full mode adds these to the
 * panel's `exportparts` when it makes the desk (see full-desk.ts).
 */
import { passOnParts } from '../pass-on-parts.ts';

export const DESK_PARTS = {
  deskInbox: ['inbox', 'inbox-filter', 'average-rating', 'keys-button', 'inbox-list', 'inbox-row', 'inbox-row-selected', 'inbox-label'],
  deskBar: [
    'desk-bar',
    'conversation-status',
    'assignee',
    'conversation-rating',
    'teammates',
    'desk-notice',
    'assign-button',
    'transfer-button',
    'transfer-form',
    'pending-button',
    'resolve-button',
    'reopen-button',
    'transcript-button',
  ],
  deskNotes: ['notes', 'note', 'note-button', 'note-input', 'note-save-button', 'label', 'label-remove-button', 'label-input'],
  keyboardHelp: ['keyboard-help', 'shortcut-key'],
} as const satisfies Record<string, readonly string[]>;

/** Every desk part, by the name the page sees. */
export const DESK_PANEL_PARTS: readonly string[] = Object.values(DESK_PARTS).flat();

/** Adds the desk's parts to what `panel` passes on, once; a panel not inside `<xmpp-chat>` passes on nothing. */
export function passOnDeskParts(panel: Element): void {
  passOnParts(panel, DESK_PANEL_PARTS);
}
