import { expect } from '@esm-bundle/chai';
import { countReactions, ourReactions, toggled } from './message-reactions.ts';
import { message } from './test-list.ts';

describe('reaction counts', () => {
  const reacted = message('m', {
    reactions: { 'ada@example.org': ['🎉', '👍'], 'Me@Example.org': ['👍'], 'bob@example.org': ['👍', '👍'] },
  });

  it('counts each reactor once per emoji, in order of first use, ours marked (bare JIDs match case-blind)', () => {
    expect(countReactions(reacted, 'me@example.org')).to.deep.equal([
      { emoji: '🎉', count: 1, ours: false },
      { emoji: '👍', count: 3, ours: true },
    ]);
    expect(ourReactions(reacted, 'me@example.org')).to.deep.equal(['👍']);
    expect(ourReactions(reacted, ''), 'no account, nothing is ours').to.deep.equal([]);
    expect(countReactions(message('n'), 'me@example.org')).to.deep.equal([]);
  });

  it('adds an emoji to our set, or takes it out', () => {
    expect(toggled(['👍'], '🎉')).to.deep.equal(['👍', '🎉']);
    expect(toggled(['👍', '🎉'], '👍')).to.deep.equal(['🎉']);
  });
});
