/**
 * The English strings of what a message may carry besides text — files, images, replies,
 * reactions, retractions — and of its actions, loaded with the message list's code for them
 * (message-list/message-extras.ts), so a visitor's first script does not carry them.
 */
import { addStrings } from './i18n.ts';

export const enMessageExtras = {
  'messages.deleted': 'This message was deleted',
  'messages.removed-by': 'Removed by {name}',
  'file.show-image': 'Show image ({size})',
  'file.download': 'Download',
  'file.download-name': 'Download {name}',
  'file.decrypting': 'Decrypting…',
  'file.encrypted-gone': 'This encrypted file is no longer on the server.',
  'file.encrypted-broken': 'This encrypted file could not be decrypted: it was changed, or its key is wrong.',
  'file.encrypted-unreachable': 'This encrypted file could not be fetched.',
  'image.untitled': 'Image',
  'image.open': 'Open full size: {name}',
  'image.close': 'Close',
  'reply.to': 'In reply to {name}',
  'reply.earlier': 'An earlier message',
  'reactions.label': 'Reactions',
  'reactions.count': '{emoji} {count}',
  'reactions.yours': '{emoji} {count}, you reacted',
  'actions.label': 'Message actions',
  'actions.react': 'React',
  'actions.react-with': 'React with {emoji}',
  'actions.more': 'More emoji',
  'actions.reply': 'Reply',
  'actions.edit': 'Edit',
  'actions.delete': 'Delete',
  'actions.confirm': 'Delete this message for everyone?',
  'actions.cancel': 'Cancel',
  'actions.remove': 'Remove for everyone',
  'actions.confirm-remove': 'Remove this message for everyone in the room?',
};

addStrings(enMessageExtras);
