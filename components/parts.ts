/**
 * The parts each inner element shows to the page, written once. Shadow DOM hides an inner
 * element's parts from the page unless every shadow root on the way passes them on with
 * `exportparts`: the panel passes on those of the elements it renders, and `<xmpp-chat>` all of
 * the panel's. `inner: outer` renames a part on the way (the canned replies' generic names).
 */
export const PARTS = {
  panel: ['header', 'status', 'welcome', 'forget-button', 'transcript-button', 'avatar', 'avatar-editor', 'avatar-button'],
  uploadTray: ['upload-tray', 'upload', 'upload-failed', 'upload-progress', 'upload-error', 'upload-button'],
  firstScreen: ['team', 'availability', 'office-hours', 'offline-form', 'offline-input', 'offline-submit', 'offline-confirmation'],
  officeHoursEditor: ['office-hours-editor', 'hours-save-button'],
  contactList: ['contact-list', 'contact', 'contact-selected', 'presence', 'unread-count', 'search', 'requests', 'add-button', 'add-form'],
  messageList: [
    'message-list',
    'message',
    'message-in',
    'message-out',
    'message-body',
    'message-meta',
    'message-error',
    'message-note',
    'message-encryption',
    'message-unencrypted',
    'retry-button',
    'day-separator',
    'loading-row',
    'history-start',
    'empty',
    'typing',
    'jump-button',
    'message-sender',
    'rating-prompt',
    'message-image',
    'message-file',
    'image-viewer',
    'reply-quote',
    'reaction',
    'message-actions',
    'emoji-picker',
    'emoji-search',
    'emoji-tab',
    'emoji-option',
  ],
  composer: [
    'composer',
    'input',
    'send-button',
    'attach-button',
    'file-input',
    'emoji-button',
    'emoji-picker',
    'emoji-search',
    'emoji-tab',
    'emoji-option',
    'reply-preview',
    'edit-preview',
    'preview-cancel',
  ],
  loginForm: ['login-form', 'jid-input', 'password-input', 'name-input', 'remember-input', 'submit-button'],
  prechatForm: ['prechat-form', 'prechat-input', 'prechat-submit'],
  visitorDetails: [
    'visitor-details',
    'verified',
    'forged',
    'unverified',
    'verified-field',
    'desk-settings',
    'secret-input',
    'secret-save-button',
    'secret-remove-button',
  ],
  cannedReplies: [
    'toggle-button: replies-button',
    'panel: replies-panel',
    'search: replies-search',
    'list: replies-list',
    'reply',
    'reply-active',
    'delete-button: reply-delete-button',
    'save-form: reply-save-form',
    'title-input: reply-title-input',
    'save-button: reply-save-button',
  ],
} as const satisfies Record<string, readonly string[]>;

// The team desk's parts are in chat-panel/desk-parts.ts: loaded with full mode, they stay out of a visitor's first script.

/** The `exportparts` value that passes on `parts`. */
export function exportparts(parts: readonly string[]): string {
  return parts.join(', ');
}

/** What `<xmpp-chat>` passes on from the panel: every part above, by the name the page sees. */
export const PANEL_PARTS = exportparts([
  // Once each: the visitor's header and the desk's bar both have a transcript button.
  ...new Set(
    Object.values(PARTS)
      .flat()
      .map((part) => part.split(':').at(-1)!.trim()),
  ),
]);
