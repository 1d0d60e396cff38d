import { expect } from '@esm-bundle/chai';
import type { Page, StoredMessage } from '../../src/index.ts';
import { saveAgentTranscript } from './desk-transcript.ts';

const message = (n: number, direction: 'in' | 'out', body: string, nick?: string): StoredMessage =>
  ({
    key: `k${n}`,
    peer: 'amber@anon.localhost',
    direction,
    body,
    time: Date.UTC(2026, 11, 2, 9, n),
    state: 'read',
    ...(nick ? { nick } : {}),
  }) as StoredMessage;

/** A history of 450 messages, read newest page first. */
function history() {
  const all = Array.from({ length: 450 }, (_, i) => message(i, i % 2 ? 'out' : 'in', `m${i}`, i === 1 ? 'Ben' : undefined));
  const pageOf = (end: number, limit: number): Page => ({
    messages: all.slice(Math.max(0, end - limit), end),
    ...(end - limit > 0 ? { cursor: String(end - limit) } : {}),
  });
  return {
    newestPage: async (_peer: string, limit = 50) => pageOf(all.length, limit),
    olderPage: async (_peer: string, cursor: string, limit = 50) => pageOf(Number(cursor), limit),
  };
}

describe('the agent’s transcript', () => {
  it('holds every stored message, oldest first, under each agent’s name, as text or a web page', async () => {
    const saved: { filename: string; text: string; type: string }[] = [];
    const save = (filename: string, text: string, type: string) => saved.push({ filename, text, type });
    const options = { chat: history(), peer: 'amber@anon.localhost', visitor: 'Amber <b>Otter</b>', agent: 'Ann', lang: 'en', save };
    await saveAgentTranscript({ ...options, format: 'txt' });
    await saveAgentTranscript({ ...options, format: 'html' });
    const [text, page] = saved;
    expect(text.type).to.equal('text/plain');
    expect(text.filename).to.match(/^Amber-b-Otter-b-\d{4}-\d\d-\d\d\.txt$/);
    const lines = text.text.trim().split('\n');
    expect(lines[0]).to.equal('Conversation with Amber <b>Otter</b>');
    expect(lines).to.have.length(452);
    expect(lines[2]).to.match(/\] Amber <b>Otter<\/b>: m0$/);
    expect(lines[3]).to.match(/\] Ben: m1$/);
    expect(lines[4]).to.match(/\] Amber <b>Otter<\/b>: m2$/);
    expect(lines[5]).to.match(/\] Ann: m3$/);
    expect(lines.at(-1)).to.match(/\] Ann: m449$/);
    expect(page.type).to.equal('text/html');
    expect(page.filename).to.match(/\.html$/);
    expect(page.text).to.include('<title>Conversation with Amber &lt;b&gt;Otter&lt;/b&gt;</title>');
    expect(page.text).not.to.include('<b>Otter');
  });
});
