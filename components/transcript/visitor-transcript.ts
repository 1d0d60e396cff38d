/**
 * Visitor mode: saves the conversation, as this device keeps it, as a text file. Loaded when the
 * visitor first asks for it, with the strings it needs.
 */
import type { Chat } from '../../src/index.ts';
import '../i18n/catalog-rating.ts';
import { t } from '../i18n/i18n.ts';
import { downloadTranscript, storedConversation, transcriptFilename, transcriptText } from './transcript.ts';

/** Downloads the conversation with `peer` as `conversation-<date>.txt`; `site` names the other side. */
export async function saveConversation(chat: Chat, peer: string, site: string, lang: string): Promise<void> {
  const messages = await storedConversation(chat, peer);
  const text = transcriptText(messages, {
    in: site,
    out: t(lang, 'messages.you'),
    title: t(lang, 'transcript.title', { name: site }),
    edited: ` (${t(lang, 'messages.corrected')})`,
    unsent: ` (${t(lang, 'transcript.unsent')})`,
  });
  downloadTranscript(transcriptFilename(Date.now(), 'txt'), text);
}
