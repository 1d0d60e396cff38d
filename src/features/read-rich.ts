/**
 * What a message carries beyond text, read by code that loads only when a message has it: a
 * shared file (XEP-0066, XEP-0447, or an encrypted one's `aesgcm://` link as the body, XEP-0454), a reply (XEP-0461), reactions (XEP-0444), a retraction
 * (XEP-0424). Pure.
 */
import type { XmlElement } from '../stanza/element.ts';
import { fileInBody, parseSharedFile } from '../stanza/file-share.ts';
import { parseReactions } from '../stanza/reactions.ts';
import { parseReply } from '../stanza/reply.ts';
import { parseRetraction } from '../stanza/retraction.ts';
import type { ReadMessage } from './read-message.ts';

/** `read` (from readMessage) with what `el` carries beyond text. */
export function readRich(read: ReadMessage, el: XmlElement): ReadMessage {
  const retraction = parseRetraction(el);
  const reactions = parseReactions(el);
  // A retraction's or reaction's body is a fallback for other clients: it is not a message.
  if (retraction || reactions) {
    const { chat: _fallback, ...rest } = read;
    return { ...rest, ...(retraction ? { retraction } : {}), ...(reactions ? { reactions } : {}) };
  }
  const { chat } = read;
  if (!chat) return read;
  // A body that is just an encrypted file's link is that file; in an encrypted message it is the only
  // part the sender sealed, so it wins over any file element beside it (those travel in the clear).
  const file = fileInBody(chat.body) ?? parseSharedFile(el);
  const reply = parseReply(el, chat.body);
  return {
    ...read,
    chat: {
      ...chat,
      ...(file ? { file } : {}),
      ...(reply ? { replyTo: reply.replyTo, body: reply.body } : {}),
    },
  };
}
