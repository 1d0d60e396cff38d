import { expect } from '@esm-bundle/chai';
import { xml, type XmlElement } from '../stanza/element.ts';
import { createPingAcks } from './ack-by-ping.ts';

const message = (id: string) => xml('message', { id, to: 'support@example.org' }, xml('body', {}, id));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('acknowledgements by ping (streams without stream management)', () => {
  function setup() {
    const pings: XmlElement[] = [];
    const acked: string[] = [];
    const acks = createPingAcks({ domain: 'example.org', send: (iq) => pings.push(iq), acknowledged: (s) => acked.push(s.attrs.id ?? '') });
    const answer = (type = 'result') => acks.receive(xml('iq', { type, id: pings.at(-1)?.attrs.id, from: 'example.org' }));
    return { pings, acked, acks, answer };
  }

  it('confirms a burst of messages with one ping, only once the server answers it', async () => {
    const { pings, acked, acks, answer } = setup();
    acks.sent(message('a'));
    acks.sent(message('b'));
    expect(acked, 'handing over to the socket proves nothing').to.deep.equal([]);
    await wait(150);
    expect(pings).to.have.length(1);
    expect(pings[0].children[0]).to.include({ name: 'ping' });
    expect(answer(), 'the answer is consumed').to.equal(true);
    expect(acked).to.deep.equal(['a', 'b']);
  });

  it('takes an error answer as proof too, and ignores answers to pings it did not send', async () => {
    const { acked, acks, answer } = setup();
    expect(acks.receive(xml('iq', { type: 'result', id: 'someone-elses' }))).to.equal(false);
    acks.sent(message('c'));
    await wait(150);
    expect(answer('error')).to.equal(true);
    expect(acked).to.deep.equal(['c']);
  });

  it('confirms nothing sent on a stream that was lost before the answer', async () => {
    const { pings, acked, acks, answer } = setup();
    acks.sent(message('d'));
    await wait(150);
    acks.reset();
    expect(answer()).to.equal(false);
    acks.sent(message('e'));
    acks.reset();
    await wait(150);
    expect(pings).to.have.length(1);
    expect(acked).to.deep.equal([]);
  });
});
