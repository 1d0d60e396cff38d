import { expect } from '@esm-bundle/chai';
import { xml } from '../stanza/element.ts';
import { StreamMirror } from './stream-mirror.ts';

const message = (id: string) => xml('message', { id, to: 'a@example.org' }, xml('body', {}, id));
const announced = { id: 'stream-1', jid: 'me@example.org/tab', handled: 4, confirmed: 2, unconfirmed: [message('m1')] };

describe('the stream a following tab keeps for resuming', () => {
  it('follows the count of handled stanzas, and what is queued and confirmed, in order', () => {
    const mirror = new StreamMirror();
    mirror.reset(announced);
    mirror.handled(5);
    mirror.handled(undefined); // a stanza from a stream without stream management counts nothing
    mirror.queued(message('m2'));
    mirror.queued(message('m3'));
    mirror.confirmed();
    const state = mirror.take()!;
    expect([state.id, state.jid, state.handled, state.confirmed]).to.deep.equal(['stream-1', 'me@example.org/tab', 5, 3]);
    expect(state.unconfirmed.map((s) => s.attrs.id)).to.deep.equal(['m2', 'm3']);
    expect(announced.unconfirmed, 'the announcement is left as it was').to.have.length(1);
  });

  it('is given once, and forgets a stream that dropped', () => {
    const mirror = new StreamMirror();
    mirror.reset(announced);
    expect(mirror.take()).to.not.equal(undefined);
    expect(mirror.take()).to.equal(undefined);
    mirror.reset(announced);
    mirror.reset(undefined);
    mirror.queued(message('m4'));
    mirror.confirmed();
    expect(mirror.take()).to.equal(undefined);
  });
});
