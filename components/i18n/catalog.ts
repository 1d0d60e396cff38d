/**
 * The catalog of every string the widget shows: English here, each other language in its own
 * catalog-<lang>.ts, loaded only by pages that use it. Keys are grouped by view; `{name}`
 * placeholders are filled by `t()`. A language missing a key falls back to English.
 */
import type { enFull } from './catalog-full.ts';
import type { enFirstScreen } from './catalog-first-screen.ts';
import type { enRating } from './catalog-rating.ts';
import type { enMessageExtras } from './catalog-message-extras.ts';
import type { enEmoji } from './catalog-emoji.ts';
import type { enCompose } from './catalog-compose.ts';
import type { enRoom } from './catalog-room.ts';
import type { enEncryption } from './catalog-encryption.ts';
import type { enRoomsFull } from './catalog-rooms-full.ts';

export const en = {
  // launcher and panel
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': '{count} unread',
  'panel.title': 'Chat',
  'panel.close': 'Close',
  'panel.back': 'Back to contacts',
  'panel.logout': 'Log out',
  'panel.transcript': 'Download the conversation',
  // connection status
  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Connection lost. Reconnecting…',
  'status.reconnecting-in': 'Connection lost. Reconnecting in {seconds} s…',
  'status.offline': 'Offline. Messages you write are sent when the connection is back.',
  'status.retry': 'Reconnect now',
  // presence
  'presence.online': 'Online',
  'presence.away': 'Away',
  'presence.xa': 'Away for a while',
  'presence.dnd': 'Busy',
  'presence.chat': 'Free to chat',
  'presence.offline': 'Offline',
  'availability.welcome': 'Hi! How can we help you today?',
  'availability.later': 'Nobody is here right now: your message waits for us, and we’ll answer here as soon as we can.',
  // pre-chat form
  'prechat.intro': 'Before we start, tell us who you are.',
  'prechat.name': 'Your name',
  'prechat.email': 'Your email',
  'prechat.optional': '(optional)',
  'prechat.required': 'Please fill in this field.',
  'prechat.invalid-email': 'Enter an email address like name@example.org.',
  'prechat.submit': 'Start chat',
  'visitor.details': 'Visitor details',
  // message list
  'messages.label': 'Messages',
  'messages.today': 'Today',
  'messages.yesterday': 'Yesterday',
  'messages.loading-older': 'Loading older messages…',
  'messages.start': 'This is the start of the conversation.',
  'messages.empty': 'No messages yet. Say hello!',
  'messages.jump': 'New messages',
  'messages.typing': '{name} is typing…',
  'messages.you': 'You',
  'messages.corrected': 'edited',
  'state.pending': 'Sending…',
  'state.sent': 'Sent',
  'state.delivered': 'Delivered',
  'state.read': 'Read',
  'state.failed': 'Not sent',
  'messages.retry': 'Retry',
  // composer
  'composer.label': 'Write a message',
  'composer.placeholder': 'Write a message…',
  'composer.send': 'Send',
  'composer.attach': 'Attach a file',
  'composer.emoji': 'Emoji',
  'contacts.choose': 'Choose a contact to start chatting.',
  // errors (by error condition or code)
  'error.not-authorized': 'The address or password is wrong.',
  'error.auth': 'Signing in failed: {message}',
  'error.connection': 'Cannot reach the chat server: {message}',
  'error.config': 'The chat is not set up correctly: {message}',
  'error.storage': 'History cannot be saved on this device; it is kept until the page is closed.',
  'error.generic': 'Something went wrong: {message}',
  'error.dismiss': 'Dismiss',
  // desktop notifications
  'notifications.title': 'New message from {name}',
};

export type MessageKey =
  | keyof typeof en
  | keyof typeof enFull
  | keyof typeof enFirstScreen
  | keyof typeof enRating
  | keyof typeof enEmoji
  | keyof typeof enMessageExtras
  | keyof typeof enCompose
  | keyof typeof enRoom
  | keyof typeof enRoomsFull
  | keyof typeof enEncryption;
export type Catalog = Partial<Record<MessageKey, string>>;
