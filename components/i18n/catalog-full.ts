/**
 * The English strings only full mode shows (contacts, login, the agent's tools): loaded with the
 * elements that use them, so a visitor's first script does not carry them. Each of those elements
 * imports this module, which adds the strings to the catalog.
 */
import { addStrings } from './i18n.ts';

export const enFull = {
  'visitor.name': 'Name',
  'visitor.email': 'Email',
  'visitor.page': 'Page',
  'visitor.referrer': 'Came from',
  'visitor.language': 'Language',
  'visitor.time': 'Local time',
  'visitor.browser': 'Browser',
  'visitor.none': 'This visitor has not told us anything yet.',
  'contacts.label': 'Contacts',
  'contacts.search': 'Search contacts',
  'contacts.none': 'No contacts yet.',
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
  'login.title': 'Sign in',
  'login.jid': 'Address',
  'login.password': 'Password',
  'panel.forget': 'Log out and forget this device',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.required': 'Enter your address and password.',
  'login.invalid-jid': 'Enter an address like name@example.org.',
  'replies.open': 'Replies',
  'replies.label': 'Saved replies',
  'replies.search': 'Search replies',
  'replies.none': 'No saved replies yet.',
  'replies.no-match': 'No reply matches “{query}”.',
  'replies.delete': 'Delete “{title}”',
  'replies.title': 'Title',
  'replies.save': 'Save current text as a reply',
  'replies.save-hint': 'Write a message first, then save it here.',
  'replies.too-long': 'This text is too long to save as a reply (at most {max} characters).',
};

addStrings(enFull);
