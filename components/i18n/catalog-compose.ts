/**
 * The English strings of what the composer loads when used — the bar of a reply or a correction —
 * and of uploads (the tray and its errors), loaded with that code, so a visitor's first script
 * does not carry them.
 */
import { addStrings } from './i18n.ts';

export const enCompose = {
  'composer.replying': 'Replying to {name}',
  'composer.cancel-reply': 'Cancel reply',
  'composer.editing': 'Editing your message',
  'composer.cancel-edit': 'Cancel editing',
  'upload.label': 'Files being sent',
  'upload.progress': 'Sending {name}',
  'upload.cancel': 'Cancel',
  'upload.retry': 'Retry',
  'upload.dismiss': 'Dismiss',
  'upload.no-service': '{name} was not sent: this chat server does not take files.',
  'upload.too-large': '{name} was not sent: it is {size}, and the server takes files up to {limit}.',
  'upload.failed': '{name} was not sent: {message}',
};

addStrings(enCompose);
