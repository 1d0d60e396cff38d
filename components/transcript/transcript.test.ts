import { expect } from '@esm-bundle/chai';
import {
  downloadTranscript,
  storedConversation,
  escapeHtml,
  transcriptFilename,
  transcriptHtml,
  transcriptText,
  transcriptTime,
  type TranscriptMessage,
} from './transcript.ts';

const T0 = new Date(2026, 11, 2, 14, 5).getTime();
const names = { in: 'Tea & Co.', out: 'You', title: 'Conversation with Tea & Co.' };
const messages: TranscriptMessage[] = [
  { direction: 'out', body: 'Hello, is my order on its way?', time: T0, state: 'read' },
  { direction: 'in', body: 'Let me look.\nOne moment…', time: T0 + 60_000, nick: 'Ann' },
  { direction: 'in', body: 'It left today.', time: T0 + 120_000, nick: 'Bo', corrected: true },
  { direction: 'in', body: 'Anything else?', time: T0 + 180_000 },
  { direction: 'out', body: 'No, thanks', time: T0 + 240_000, state: 'failed' },
  { direction: 'out', body: 'Bye', time: T0 + 300_000, state: 'pending' },
];

describe('transcripts', () => {
  it('writes one line per message with the time, the name each message carries, and marks', () => {
    expect(transcriptText(messages, names)).to.equal(
      [
        'Conversation with Tea & Co.',
        '',
        '[2026-12-02 14:05] You: Hello, is my order on its way?',
        '[2026-12-02 14:06] Ann: Let me look.',
        '    One moment…',
        '[2026-12-02 14:07] Bo (edited): It left today.',
        '[2026-12-02 14:08] Tea & Co.: Anything else?',
        '[2026-12-02 14:09] You (not sent): No, thanks',
        '[2026-12-02 14:10] You: Bye',
        '',
      ].join('\n'),
    );
  });

  it('takes the words for its marks, and leaves out a missing title', () => {
    const text = transcriptText(messages.slice(2, 3), { in: 'Team', out: 'Du', edited: ' (bearbeitet)' });
    expect(text).to.equal('[2026-12-02 14:07] Bo (bearbeitet): It left today.\n');
    expect(transcriptText([], { in: 'a', out: 'b' })).to.equal('\n');
  });

  it('escapes every body, name and title in the web page, so nothing in them is markup', () => {
    const hostile: TranscriptMessage[] = [
      { direction: 'in', body: '<script>alert(1)</script>', time: T0, nick: '<img src=x onerror=alert(2)>' },
      { direction: 'out', body: `"quotes" & 'apostrophes' </li></ol><a href="javascript:x">`, time: T0 },
    ];
    const page = transcriptHtml(hostile, { in: 'x', out: 'You', title: '</title><script>alert(3)</script>' }, 'en"><script>');
    expect(page).to.not.include('<script');
    expect(page).to.not.include('<img');
    expect(page).to.not.include('<a ');
    expect(page).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).to.include('&quot;quotes&quot; &amp; &#39;apostrophes&#39; &lt;/li&gt;&lt;/ol&gt;');
    // Parsed as a browser would: the texts come back exactly, and nothing runs or loads.
    const doc = new DOMParser().parseFromString(page, 'text/html');
    expect(doc.querySelectorAll('script, img, a, iframe')).to.have.length(0);
    expect([...doc.querySelectorAll('.body')].map((p) => p.textContent)).to.deep.equal(hostile.map((m) => m.body));
    expect(doc.querySelector('b')?.textContent).to.equal('<img src=x onerror=alert(2)>');
    expect(doc.title).to.equal('</title><script>alert(3)</script>');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).to.include("default-src 'none'");
  });

  it('names the web page’s parts and keeps line breaks as text', () => {
    const doc = new DOMParser().parseFromString(transcriptHtml(messages, names, 'de'), 'text/html');
    expect(doc.documentElement.lang).to.equal('de');
    expect(doc.querySelector('h1')?.textContent).to.equal('Conversation with Tea & Co.');
    const items = [...doc.querySelectorAll('li')];
    expect(items.map((li) => li.className)).to.deep.equal(['out', 'in', 'in', 'in', 'out', 'out']);
    expect(items[1].querySelector('.body')?.textContent).to.equal('Let me look.\nOne moment…');
    expect(items[2].querySelector('.meta')?.textContent).to.equal('Bo 2026-12-02 14:07 (edited)');
    expect(items[0].querySelector('time')?.getAttribute('datetime')).to.equal(new Date(T0).toISOString());
  });

  it('formats times and file names', () => {
    expect(transcriptTime(T0)).to.equal('2026-12-02 14:05');
    expect(transcriptFilename(T0, 'txt')).to.equal('conversation-2026-12-02.txt');
    expect(transcriptFilename(T0, 'html', 'Tea & Co. / visitor:1')).to.equal('Tea-Co-visitor-1-2026-12-02.html');
    expect(transcriptFilename(T0, 'txt', '../../')).to.equal('conversation-2026-12-02.txt');
    expect(escapeHtml(`<&>"'`)).to.equal('&lt;&amp;&gt;&quot;&#39;');
  });

  it('reads every stored message of a conversation, oldest first, page by page', async () => {
    const stored = Array.from({ length: 450 }, (_, i) => ({ key: `k${i}`, direction: 'in' as const, body: `m${i}`, time: T0 + i }));
    const asked: string[] = [];
    // Pages of up to `limit` messages, newest first, as the history store gives them.
    const page = (end: number, limit: number) => {
      const start = Math.max(0, end - limit);
      return { messages: stored.slice(start, end) as never[], ...(start > 0 ? { cursor: String(start) } : {}) };
    };
    const chat = {
      newestPage: (peer: string, limit = 50) => (asked.push(`newest ${peer} ${limit}`), Promise.resolve(page(stored.length, limit))),
      olderPage: (peer: string, cursor: string, limit = 50) => (
        asked.push(`older ${cursor}`),
        Promise.resolve(page(Number(cursor), limit))
      ),
    };
    const all = await storedConversation(chat, 'ada@example.org');
    expect(all.map((m) => m.body)).to.deep.equal(stored.map((m) => m.body));
    expect(asked).to.deep.equal(['newest ada@example.org 200', 'older 250', 'older 50']);
  });

  it('hands the text to the browser as a download through a temporary link', async () => {
    let clicked: HTMLAnchorElement | undefined;
    const onClick = (event: Event) => {
      clicked = event.target as HTMLAnchorElement;
      event.preventDefault(); // no real download in the test browser
    };
    document.addEventListener('click', onClick, true);
    try {
      downloadTranscript('chat.txt', 'Grüße <b>\n', 'text/plain');
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    expect(clicked?.download).to.equal('chat.txt');
    expect(clicked?.href).to.match(/^blob:/);
    expect(clicked?.isConnected).to.equal(false);
    const response = await fetch(clicked!.href);
    expect(response.headers.get('content-type')).to.equal('text/plain;charset=utf-8');
    expect(await response.text()).to.equal('Grüße <b>\n');
  });
});
