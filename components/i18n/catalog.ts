/**
 * The catalog of every string the widget shows: English here, each other language in its own
 * catalog-<lang>.ts, loaded only by pages that use it. Keys are grouped by view; `{name}`
 * placeholders are filled by `t()`. A language missing a key falls back to English.
 */
export const en = {
  // launcher and panel
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': '{count} unread',
  'panel.title': 'Chat',
  'panel.close': 'Close',
  'panel.back': 'Back to contacts',
  'panel.logout': 'Log out',
  // connection status
  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Connection lost. Reconnecting…',
  'status.reconnecting-in': 'Connection lost. Reconnecting in {seconds} s…',
  'status.offline': 'Offline. Messages you write are sent when the connection is back.',
  'status.connected': 'Connected',
  'status.retry': 'Reconnect now',
  // presence
  'presence.online': 'Online',
  'presence.away': 'Away',
  'presence.xa': 'Away for a while',
  'presence.dnd': 'Busy',
  'presence.chat': 'Free to chat',
  'presence.offline': 'Offline',
  'availability.greeting': 'We’re here. Ask us anything!',
  'availability.away': 'We’re away right now. Leave a message and we’ll answer as soon as we can.',
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
  // contact list
  'contacts.label': 'Contacts',
  'contacts.search': 'Search contacts',
  'contacts.none': 'No contacts yet.',
  'contacts.choose': 'Choose a contact to start chatting.',
  'contacts.no-match': 'No contact matches “{query}”.',
  'contacts.add': 'Add contact',
  'contacts.add-jid': 'Address (name@example.org)',
  'contacts.add-name': 'Name (optional)',
  'contacts.add-submit': 'Add',
  'contacts.add-cancel': 'Cancel',
  'contacts.add-invalid': 'Enter an address like name@example.org.',
  'contacts.unread': '{count} unread',
  'contacts.requests': 'Contact requests',
  'contacts.request': '{jid} wants to see when you are online.',
  'contacts.accept': 'Accept',
  'contacts.deny': 'Deny',
  'contacts.pending': 'Waiting for approval',
  // login form
  'login.title': 'Sign in',
  'login.jid': 'Address',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.required': 'Enter your address and password.',
  'login.invalid-jid': 'Enter an address like name@example.org.',
  // errors (by error condition or code)
  'error.not-authorized': 'The address or password is wrong.',
  'error.auth': 'Signing in failed: {message}',
  'error.connection': 'Cannot reach the chat server: {message}',
  'error.config': 'The chat is not set up correctly: {message}',
  'error.storage': 'History cannot be saved on this device; it is kept until the page is closed.',
  'error.generic': 'Something went wrong: {message}',
  'error.dismiss': 'Dismiss',
};

export type MessageKey = keyof typeof en;
export type Catalog = Partial<Record<MessageKey, string>>;
