import { expect } from '@esm-bundle/chai';
import type { ConversationSummary } from '../../src/index.ts';
import type { DeskConversation } from '../../src/desk.ts';
import { buildInboxRows, type InboxSource, type MadeRow } from './inbox-rows.ts';

const summary = (peer: string, lastTime: number, lastBody = 'hi'): ConversationSummary =>
  ({ peer, lastTime, lastBody, lastDirection: 'in', unread: 1 }) as ConversationSummary;
const open: DeskConversation = { status: 'open', labels: [], updated: 0 } as unknown as DeskConversation;

function source(conversations: ConversationSummary[], desk = new Map<string, DeskConversation>()): InboxSource {
  return { conversations, desk, state: () => open, isContact: (peer) => peer.startsWith('friend'), name: (peer) => peer.split('@')[0] };
}

describe('the inbox rows', () => {
  it('keep the rows of unchanged conversations, make the changed one anew, and forget those gone', () => {
    const made = new Map<string, MadeRow>();
    const a = summary('a@anon.localhost', 1);
    const b = summary('b@anon.localhost', 2);
    const first = buildInboxRows(source([b, a, summary('friend@example.org', 3)]), made);
    expect(first.map((r) => r.peer)).to.deep.equal(['b@anon.localhost', 'a@anon.localhost']);

    const a2 = summary('a@anon.localhost', 4, 'again');
    const second = buildInboxRows(source([a2, b]), made);
    expect(second.map((r) => r.preview)).to.deep.equal(['again', 'hi']);
    expect(second[1]).to.equal(first[0]); // b's row: the same object
    expect(second[0]).to.not.equal(first[1]);

    const third = buildInboxRows(source([a2], new Map([['c@anon.localhost', { ...open, updated: 9 }]])), made);
    expect(third.map((r) => r.peer)).to.deep.equal(['c@anon.localhost', 'a@anon.localhost']);
    expect([...made.keys()].sort()).to.deep.equal(['a@anon.localhost', 'c@anon.localhost']);
  });
});
