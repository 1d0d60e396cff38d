/**
 * The agent saves a conversation, as this device keeps it, as a text file or a web page: every
 * stored message, oldest first, each under the name of the agent who wrote it (XEP-0172 nick).
 */
import type { Chat, StoredMessage } from '../../src/index.ts';
import '../i18n/catalog-full.ts';
import { t } from '../i18n/i18n.ts';
import { downloadTranscript, transcriptFilename, transcriptHtml, transcriptText } from '../transcript/transcript.ts';

/** Messages per page read from the history. */
const PAGE = 200;

/** Every stored message of the conversation with `peer`, oldest first. */
export async function wholeConversation(chat: Pick<Chat, 'newestPage' | 'olderPage'>, peer: string): Promise<StoredMessage[]> {
  let page = await chat.newestPage(peer, PAGE);
  const pages = [page.messages];
  while (page.cursor) {
    page = await chat.olderPage(peer, page.cursor, PAGE);
    pages.unshift(page.messages);
  }
  return pages.flat();
}

export interface AgentTranscript {
  chat: Pick<Chat, 'newestPage' | 'olderPage'>;
  peer: string;
  /** The visitor's name. */
  visitor: string;
  /** This agent's name, for our messages that carry none. */
  agent: string;
  lang: string;
  format: 'txt' | 'html';
  /** Hands the file to the browser (a download by default). */
  save?: (filename: string, text: string, type: string) => void;
}

/** Saves the conversation as `<visitor>-<date>.txt` or `.html`. */
export async function saveAgentTranscript({
  chat,
  peer,
  visitor,
  agent,
  lang,
  format,
  save = downloadTranscript,
}: AgentTranscript): Promise<void> {
  const messages = await wholeConversation(chat, peer);
  const names = {
    in: visitor,
    out: agent,
    title: t(lang, 'desk.transcript-title', { name: visitor }),
    edited: ` (${t(lang, 'messages.corrected')})`,
    unsent: ` (${t(lang, 'desk.transcript-unsent')})`,
  };
  const filename = transcriptFilename(Date.now(), format, visitor);
  if (format === 'html') save(filename, transcriptHtml(messages, names, lang), 'text/html');
  else save(filename, transcriptText(messages, names), 'text/plain');
}
