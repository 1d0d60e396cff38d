/**
 * The room view's own parts, which `<xmpp-chat>` passes on to the page in room mode. Kept apart
 * from parts.ts, which every visitor's first script carries: room mode adds them to the panel's
 * `exportparts` when its code loads (see chat-panel/room-mode.ts).
 */
export const ROOM_PARTS = [
  'room-header',
  'room-name',
  'room-subject',
  'occupants-button',
  'occupant-list',
  'occupant',
  'occupant-role',
  'room-notice',
  'room-error',
  'join-form',
  'nick-input',
  'room-password-input',
  'join-button',
] as const;

/** Full mode's room parts: the room list, the join form and the room view's tools; passed on when full mode's rooms load. */
export const FULL_ROOM_PARTS = [
  'mention',
  'subject-form',
  'subject-edit-button',
  'subject-input',
  'room-tools',
  'invite-button',
  'invite-form',
  'invite-input',
  'bookmark-button',
  'leave-button',
  'room-settings-button',
  'room-settings',
  'occupant-menu-button',
  'occupant-menu',
  'room-action-error',
  'rooms',
  'rooms-heading',
  'room-row',
  'room-row-selected',
  'room-state',
  'join-room-button',
  'invitation',
  'invitation-accept',
  'invitation-decline',
  'join-room-form',
  'room-address-input',
  'bookmark-input',
  'autojoin-input',
  'cancel-button',
  'join-room-error',
] as const;
