/**
 * Transcripts of a conversation, as plain text or as a web page, and a helper that hands a
 * transcript to the browser as a download. The builders are pure: the same messages give the same
 * file. Message bodies are text; in the web page every character that could be markup is escaped.
 */
import type { Chat, StoredMessage } from '../../src/index.ts';

/** Who wrote what, when a message carries no name of its own (XEP-0172 nick, an agent's). */
export interface TranscriptNames {
  /** The other party: a visitor (for the desk), or the site's heading (for a visitor). */
  in: string;
  /** Us: "You", or an agent's name. */
  out: string;
  /** The transcript's title, e.g. "Conversation with Tea & Co.". */
  title?: string;
  /** After a corrected message: " (edited)" by default. */
  edited?: string;
  /** After one of ours that failed (the server refused it, or it bounced): " (not sent)" by default. */
  unsent?: string;
}

/** The messages a transcript holds: the text as it was written and the minimum to place it. */
export type TranscriptMessage = Pick<StoredMessage, 'direction' | 'body' | 'time'> &
  Partial<Pick<StoredMessage, 'nick' | 'corrected' | 'state'>>;

/** Every stored message of the conversation with `peer`, oldest first: what this device keeps of it. */
export async function storedConversation(chat: Pick<Chat, 'newestPage' | 'olderPage'>, peer: string): Promise<StoredMessage[]> {
  let page = await chat.newestPage(peer, 200);
  const pages = [page.messages];
  while (page.cursor) {
    page = await chat.olderPage(peer, page.cursor, 200);
    pages.unshift(page.messages);
  }
  return pages.flat();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-02 14:05` in the reader's time zone: a file is read later, maybe elsewhere, so the date is always there. */
export function transcriptTime(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const sender = (message: TranscriptMessage, names: TranscriptNames) => message.nick || names[message.direction];
/**
 * Our messages that failed are marked: the other party never saw them. One still pending is not:
 * its acknowledgement may only be late (a page closed just after sending), and the outbox sends it.
 */
const unsent = (message: TranscriptMessage) => message.direction === 'out' && message.state === 'failed';

const marksOf = (message: TranscriptMessage, { edited = ' (edited)', unsent: notSent = ' (not sent)' }: TranscriptNames) =>
  (message.corrected ? edited : '') + (unsent(message) ? notSent : '');

/**
 * One line per message, `[2026-12-02 14:05] Ann: Hello`, continuation lines indented so each
 * message stays recognisable; corrected messages say so.
 */
export function transcriptText(messages: readonly TranscriptMessage[], names: TranscriptNames): string {
  const lines = names.title ? [names.title, ''] : [];
  for (const message of messages) {
    const marks = marksOf(message, names);
    const body = message.body.replace(/\r\n?/g, '\n').replace(/\n/g, '\n    ');
    lines.push(`[${transcriptTime(message.time)}] ${sender(message, names)}${marks}: ${body}`);
  }
  return `${lines.join('\n')}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A standalone web page: no scripts, no external resources, every text escaped. */
export function transcriptHtml(messages: readonly TranscriptMessage[], names: TranscriptNames, lang = 'en'): string {
  const title = escapeHtml(names.title ?? '');
  const items = messages.map((message) => {
    const marks = marksOf(message, names);
    return (
      `<li class="${message.direction}"><p class="meta"><b>${escapeHtml(sender(message, names))}</b> ` +
      `<time datetime="${new Date(message.time).toISOString()}">${transcriptTime(message.time)}</time>${escapeHtml(marks)}</p>` +
      `<p class="body" dir="auto">${escapeHtml(message.body)}</p></li>`
    );
  });
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#0f172a}
ol{list-style:none;padding:0}li{margin:0 0 1em}.meta{margin:0;color:#475569;font-size:13px}
.body{margin:.2em 0 0;white-space:pre-wrap;overflow-wrap:anywhere}.out .body{padding-inline-start:1em;border-inline-start:3px solid #2563eb}</style>
</head><body>${title ? `<h1>${title}</h1>` : ''}<ol>${items.join('\n')}</ol></body></html>
`;
}

/** `conversation-2026-12-02.txt`: a name that sorts by date and is safe on every file system. */
export function transcriptFilename(time: number, extension: 'txt' | 'html', prefix = 'conversation'): string {
  const safe = prefix.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'conversation';
  return `${safe}-${transcriptTime(time).slice(0, 10)}.${extension}`;
}

/**
 * Hands `text` to the browser as a file download: a Blob behind an object URL, clicked through a
 * temporary `<a download>`. The URL is let go a while later, not at once: some browsers read the
 * Blob only after the click has returned, and a URL revoked by then downloads nothing.
 */
export function downloadTranscript(filename: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
