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
