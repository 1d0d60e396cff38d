import { expect } from '@esm-bundle/chai';
import type { ConversationSummary } from '../../src/index.ts';
import { withSummary } from './conversation-list.ts';

const summary = (peer: string, lastTime: number, unread = 0): ConversationSummary => ({
  peer,
  lastTime,
  lastBody: `${peer} at ${lastTime}`,
  lastDirection: 'in',
  unread,
  count: 1,
});

describe('withSummary', () => {
  const list = [summary('c', 30), summary('b', 20), summary('a', 10)];

  it('moves a conversation with a new message to its place, keeping the other summaries as they were', () => {
    const next = withSummary(list, summary('a', 25, 1));
    expect(next.map((c) => c.peer)).to.deep.equal(['c', 'a', 'b']);
    expect(next[0]).to.equal(list[0]);
    expect(next[2]).to.equal(list[1]);
    expect(list.map((c) => c.peer)).to.deep.equal(['c', 'b', 'a']);
  });

  it('adds a new conversation, and puts one changed at an equal time first', () => {
    expect(withSummary(list, summary('d', 40)).map((c) => c.peer)).to.deep.equal(['d', 'c', 'b', 'a']);
    expect(withSummary(list, summary('d', 20)).map((c) => c.peer)).to.deep.equal(['c', 'd', 'b', 'a']);
    expect(withSummary([], summary('d', 20)).map((c) => c.peer)).to.deep.equal(['d']);
  });

  it('keeps the place of a conversation whose summary changed without a newer message (read)', () => {
    const next = withSummary(list, { ...list[1], unread: 0 });
    expect(next.map((c) => c.peer)).to.deep.equal(['c', 'b', 'a']);
  });
});
