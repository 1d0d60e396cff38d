import { expect } from '@esm-bundle/chai';
import type { ConversationSummary } from '../../src/index.ts';
import { FakeDesk } from './desk-session.fixtures.ts';
import { DeskSession, type DeskHost } from './desk-session.ts';

const summary = (peer: string, lastTime: number, lastBody = 'hello'): ConversationSummary => ({
  peer,
  lastTime,
  unread: 0,
  lastBody,
  lastDirection: 'in',
  count: 1,
});

/** The chat session as the desk sees it. */
class FakeHost implements DeskHost {
  conversations: ConversationSummary[] = [];
  contacts: { jid: string }[] = [];
  conversation: { peer?: string } = {};
  failures: Error[] = [];
  changes = 0;
  #listeners = new Set<() => void>();
  changed(): void {
    this.changes++;
  }
  fail(error: Error): void {
    this.failures.push(error);
  }
  on(_type: 'change', listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  open(peer: string | undefined): void {
    this.conversation.peer = peer;
    for (const listener of this.#listeners) listener();
  }
}

function setup() {
  const desk = new FakeDesk('Ann');
  const host = new FakeHost();
  host.conversations = [summary('v1@anon.localhost', 300), summary('v2@anon.localhost', 200), summary('bob@localhost', 500)];
  host.contacts = [{ jid: 'bob@localhost' }];
  const session = new DeskSession({ desk, host, name: (peer) => peer.split('@')[0] });
  return { desk, host, session };
}

const peers = (session: DeskSession, view: Parameters<DeskSession['shown']>[0]) => session.shown(view).map((row) => row.peer);

describe('DeskSession', () => {
  it('lists the visitors’ conversations in views, newest activity first, with counts', async () => {
    const { desk, session } = setup();
    expect(peers(session, 'open')).to.deep.equal(['v1@anon.localhost', 'v2@anon.localhost']);
    desk.remote('v3@anon.localhost', { assignee: 'Ben' }, 'Ben'); // no message here yet: the desk knows it
    await session.claim('v2@anon.localhost');
    await session.setStatus('v1@anon.localhost', 'resolved');
    expect(peers(session, 'mine')).to.deep.equal(['v2@anon.localhost']);
    expect(peers(session, 'unassigned')).to.deep.equal([]);
    expect(peers(session, 'open')).to.deep.equal(['v2@anon.localhost', 'v3@anon.localhost']);
    expect(peers(session, 'resolved')).to.deep.equal(['v1@anon.localhost']);
    expect(session.counts()).to.deep.equal({ mine: 1, unassigned: 0, open: 2, resolved: 1 });
    expect(peers(session, 'contacts')).to.deep.equal([]);
  });

  it('makes a new row only for the conversation that changed', async () => {
    const { desk, host, session } = setup();
    const before = session.rows;
    const row = (rows: typeof before, peer: string) => rows.find((r) => r.peer === peer);
    host.conversations = [summary('v2@anon.localhost', 400, 'later'), host.conversations[0], host.conversations[2]];
    host.open(undefined); // the host's change
    const after = session.rows;
    expect(after.map((r) => r.peer)).to.deep.equal(['v2@anon.localhost', 'v1@anon.localhost']);
    expect(row(after, 'v1@anon.localhost')).to.equal(row(before, 'v1@anon.localhost'));
    expect(row(after, 'v2@anon.localhost')).to.include({ preview: 'later', lastTime: 400 });
    await session.claim('v1@anon.localhost');
    expect(row(session.rows, 'v1@anon.localhost')).to.include({ assignee: 'Ann' });
    expect(row(session.rows, 'v2@anon.localhost')).to.equal(row(after, 'v2@anon.localhost'));
    desk.remote('v2@anon.localhost', { labels: ['billing'] }, 'Ben');
    expect(row(session.rows, 'v2@anon.localhost')?.labels).to.deep.equal(['billing']);
  });

  it('tells the agent plainly when another agent’s claim wins', async () => {
    const { desk, host, session } = setup();
    desk.raceClaims = 'Ben';
    await session.claim('v1@anon.localhost');
    expect(session.state('v1@anon.localhost').assignee).to.equal('Ben');
    expect(session.notice('v1@anon.localhost')).to.deep.equal({ key: 'desk.claim-lost', params: { name: 'Ben' } });
    expect(host.failures).to.deep.equal([]);
    session.dismissNotice('v1@anon.localhost');
    expect(session.notice('v1@anon.localhost')).to.equal(undefined);
  });

  it('tells the agent when a conversation they had goes to someone else, not when they give it away', async () => {
    const { desk, session } = setup();
    await session.claim('v1@anon.localhost');
    await session.claim('v2@anon.localhost');
    desk.remote('v1@anon.localhost', { assignee: 'Ben' }, 'Ben');
    expect(session.notice('v1@anon.localhost')).to.deep.equal({ key: 'desk.taken-over', params: { name: 'Ben' } });
    desk.remote('v2@anon.localhost', { assignee: 'Cem' }, 'Ben');
    expect(session.notice('v2@anon.localhost')).to.deep.equal({ key: 'desk.taken', params: { name: 'Cem', by: 'Ben' } });
    await session.claim('v1@anon.localhost');
    await session.assign('v1@anon.localhost', 'Cem', ' Over to you ');
    expect(session.notice('v1@anon.localhost')).to.equal(undefined);
    expect(desk.notes('v1@anon.localhost').map((n) => [n.kind, n.text])).to.deep.equal([['transfer', 'Over to you']]);
  });

  it('tells teammates which conversation the agent has open, once per change, and typing no more when they leave it', () => {
    const { desk, host, session } = setup();
    host.open('v1@anon.localhost');
    host.open('v1@anon.localhost');
    session.typing('v1@anon.localhost', true);
    host.open('v2@anon.localhost');
    session.typing('v2@anon.localhost', true);
    session.typing('v2@anon.localhost', false);
    host.open('v1@anon.localhost');
    expect(desk.told).to.deep.equal([
      { viewing: 'v1@anon.localhost' },
      { typing: ['v1@anon.localhost', true] },
      { typing: ['v1@anon.localhost', false] },
      { viewing: 'v2@anon.localhost' },
      { typing: ['v2@anon.localhost', true] },
      { typing: ['v2@anon.localhost', false] },
      { viewing: 'v1@anon.localhost' },
    ]);
  });

  it('says who else is on a conversation, and whom it may go to', async () => {
    const { desk, session } = setup();
    desk.setTeammates([
      { resource: 'r1', name: 'Ben', viewing: 'v1@anon.localhost' },
      { resource: 'r2', name: 'Cem', viewing: 'v1@anon.localhost', typingTo: 'v1@anon.localhost' },
    ]);
    desk.remote('v2@anon.localhost', { assignee: 'Dee' }, 'Dee');
    await session.claim('v1@anon.localhost');
    expect(session.teammatesOn('v1@anon.localhost')).to.deep.equal({ viewing: ['Ben'], typing: ['Cem'] });
    expect(session.assignees()).to.deep.equal(['Ben', 'Cem', 'Dee']);
  });

  it('moves through the current view and to the next unassigned conversation', async () => {
    const { desk, host, session } = setup();
    host.conversations = [...host.conversations, summary('v3@anon.localhost', 100)];
    host.open(undefined);
    desk.remote('v2@anon.localhost', { assignee: 'Ben' }, 'Ben');
    // v2's change is newer than any message: it comes first
    expect(peers(session, 'open')).to.deep.equal(['v2@anon.localhost', 'v1@anon.localhost', 'v3@anon.localhost']);
    expect(session.neighbour(undefined, 1)).to.equal('v2@anon.localhost');
    expect(session.neighbour('v2@anon.localhost', 1)).to.equal('v1@anon.localhost');
    expect(session.neighbour('v2@anon.localhost', -1)).to.equal('v3@anon.localhost');
    expect(session.nextUnassigned('v1@anon.localhost')).to.equal('v3@anon.localhost');
    expect(session.nextUnassigned('v3@anon.localhost')).to.equal('v1@anon.localhost');
    expect(session.nextUnassigned(undefined)).to.equal('v1@anon.localhost');
  });

  it('gives what fails to the chat session, and lets go of the desk when closed', async () => {
    const { desk, host, session } = setup();
    desk.failNext = new Error('no');
    await session.addNote('v1@anon.localhost', 'x');
    expect(host.failures.map((e) => e.message)).to.deep.equal(['no']);
    session.close();
    expect(desk.closed).to.equal(true);
  });
});
