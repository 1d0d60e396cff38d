import { expect } from '@esm-bundle/chai';
import type { Client, ClientEvents } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { childOf, xml, type XmlElement } from '../stanza/element.ts';
import { CannedReplyError, createCannedReplies } from './canned-replies.ts';

const NS_PRIVATE = 'jabber:iq:private';

/** A client whose server keeps one private-storage document, answering each iq after a tick. */
function setup() {
  const events = new Emitter<ClientEvents>();
  let stored: XmlElement | undefined;
  const log: string[] = [];
  let fail: StanzaError | undefined;
  const client = {
    on: events.on.bind(events),
    async iq(iq: XmlElement) {
      const query = childOf(iq, 'query', NS_PRIVATE)!;
      log.push(`${iq.attrs.type} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${iq.attrs.type} end`);
      if (fail) throw fail;
      if (iq.attrs.type === 'set') stored = childOf(query);
      const payload = iq.attrs.type === 'get' ? (stored ?? childOf(query)) : undefined;
      return xml('iq', { type: 'result', id: iq.attrs.id }, payload && xml('query', { xmlns: NS_PRIVATE }, payload));
    },
  } as unknown as Client;
  const online = (resumed: boolean) => events.emit('online', { jid: 'agent@example.org/desk', resumed } as ClientEvents['online']);
  return {
    client,
    log,
    online,
    failWith: (error?: StanzaError) => {
      fail = error;
    },
  };
}

describe('canned replies', () => {
  it('fetches once per session, and again after a new one (not a resumed one)', async () => {
    const { client, log, online } = setup();
    const replies = createCannedReplies({ client });
    online(false);
    expect(log, 'nothing fetched before anyone asks').to.deep.equal([]);
    const [a, b] = await Promise.all([replies.list(), replies.list()]);
    expect(a).to.deep.equal([]);
    expect(b).to.deep.equal([]);
    await replies.list();
    expect(log).to.deep.equal(['get start', 'get end']);
    online(true);
    expect(log).to.have.length(2);
    online(false);
    await replies.list();
    expect(log).to.have.length(4);
  });

  it('runs saves and removals one at a time, each on the list the previous one left', async () => {
    const { client, log } = setup();
    const replies = createCannedReplies({ client });
    const changes: number[] = [];
    replies.on('changed', (list) => changes.push(list.length));
    const [one, two] = await Promise.all([
      replies.save({ title: ' One\nline ', text: ' first\r\ntext ' }),
      replies.save({ title: 'Two', text: 'second' }),
      replies.remove('nothing-there'),
    ]);
    expect(one).to.deep.include({ title: 'One line', text: 'first\ntext' });
    expect(replies.replies).to.deep.equal([one, two]);
    expect(log.join(',')).to.equal(['get', 'set', 'get', 'set', 'get'].map((type) => `${type} start,${type} end`).join(','));
    expect(changes).to.deep.equal([1, 2]);
    const replaced = await replies.save({ id: one.id, title: 'Uno', text: 'primero' });
    await replies.remove(two.id);
    expect(await replies.list()).to.deep.equal([replaced]);
  });

  it('rejects with the server error and goes on with the next save', async () => {
    const { client, failWith } = setup();
    const replies = createCannedReplies({ client });
    failWith(new StanzaError('service-unavailable', 'The chat server does not offer this.'));
    const error = await replies.save({ title: 'A', text: 'a' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StanzaError).with.property('condition', 'service-unavailable');
    failWith(undefined);
    expect((await replies.save({ title: 'B', text: 'b' })).title).to.equal('B');
    expect(replies.replies.map((r) => r.title)).to.deep.equal(['B']);
  });

  it('refuses replies it cannot store before sending anything', async () => {
    const { client, log } = setup();
    const replies = createCannedReplies({ client });
    const bad = [
      { title: '', text: 'x' },
      { title: 'x', text: '' },
      { title: 'x'.repeat(101), text: 'x' },
      { title: 'x', text: '😀'.repeat(4001) },
    ];
    for (const reply of bad) {
      const error = await replies.save(reply).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(CannedReplyError).with.property('condition', 'invalid-reply');
    }
    expect(await replies.save({ title: 'x'.repeat(100), text: '😀'.repeat(4000) })).to.have.property('id');
    expect(log.filter((l) => l.endsWith('start'))).to.deep.equal(['get start', 'set start']);
  });

  it('refuses a list the server could not take', async () => {
    const { client } = setup();
    const replies = createCannedReplies({ client });
    const big = '漢'.repeat(4000);
    let error: unknown;
    for (let n = 0; n < 30 && !error; n++)
      await replies.save({ title: `${n}`, text: big }).catch((e: unknown) => {
        error = e;
      });
    expect(error).to.be.instanceOf(CannedReplyError).with.property('condition', 'too-large');
    expect(replies.replies.length).to.be.within(10, 20);
  });
});
