/**
 * Sending what goes beyond text: a shared file (XEP-0066 with XEP-0447 metadata), a reply with a
 * quote (XEP-0461, XEP-0428 fallback), reactions (XEP-0444), a retraction (XEP-0424). Loaded
 * when first used; everything goes through the outbox, so it reaches the server exactly once.
 */
import { newStanzaId } from '../stanza/message.ts';
import { buildSharedFile } from '../stanza/file-share.ts';
import { buildReactions } from '../stanza/reactions.ts';
import { buildReply, cleanQuote } from '../stanza/reply.ts';
import { buildRetraction } from '../stanza/retraction.ts';
import type { MessageStore, SharedFile, StoredMessage } from '../storage/index.ts';
import type { Messaging, SendOptions } from './messaging.ts';

export interface RichSendDeps {
  messaging: Messaging;
  store: MessageStore;
  /** Our bare JID. */
  account: () => string;
}

/** What a message is named by in reactions, replies and retractions. */
export const referenceId = (message: StoredMessage): string => message.sid ?? message.key;

export function createRichSend({ messaging, store, account }: RichSendDeps) {
  return {
    /**
     * Sends the link to an uploaded file, with what is known of it. An encrypted file's `aesgcm://` link
     * (an encrypting chat's uploads) is the body alone: no file element carries it, since the seal covers the body only.
     */
    sendFile: (peer: string, file: SharedFile, options: SendOptions = {}) =>
      messaging.send(peer, file.url, { ...options, file, payload: [...(options.payload ?? []), ...buildSharedFile(file)] }),

    /** Answers `to` with `body`, quoting its start. */
    reply(peer: string, to: StoredMessage, body: string, options: SendOptions = {}) {
      const id = referenceId(to);
      const author = to.direction === 'out' ? account() : peer;
      const quote = quoteOf(to);
      const built = buildReply({ id, to: author }, quote, body);
      const fallback = built.body.slice(0, built.body.length - body.length);
      return messaging.send(peer, body, {
        ...options,
        replyTo: { id, to: author, quote, ...(fallback ? { fallback } : {}) },
        payload: [...(options.payload ?? []), ...built.elements],
      });
    },

    /** Replaces our reactions to the message `key` with `emojis` (none removes them). */
    async react(peer: string, key: string, emojis: string[]) {
      const message = await store.get(peer, key);
      if (!message || message.retracted) return;
      const messageId = newStanzaId();
      await messaging.notice(peer, key, buildReactions({ to: peer, id: referenceId(message), emojis, messageId }));
    },

    /** Retracts one of our messages: it disappears here and in clients that know retractions. */
    async retract(peer: string, key: string) {
      const message = await store.get(peer, key);
      if (!message || message.direction !== 'out' || message.retracted) return;
      const messageId = newStanzaId();
      await messaging.notice(peer, key, buildRetraction({ to: peer, id: referenceId(message), messageId }));
    },
  };
}
export type RichSend = ReturnType<typeof createRichSend>;

/** The start of the answered message, cleaned and cut as the reply's fallback quotes it (stanza/reply.ts). */
const quoteOf = (message: StoredMessage): string =>
  // An encrypted file's link holds its key: never quoted.
  cleanQuote(message.file ? (message.file.name ?? (message.file.url.startsWith('aesgcm:') ? 'file' : message.file.url)) : message.body);
