import { expect } from '@esm-bundle/chai';
import { ConnectionError, StanzaError } from './errors.ts';
import { IqRouter } from './iq.ts';
import { childOf, xml, type XmlElement } from './stanza/element.ts';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

function router(timeoutMs = 1000) {
  const sent: XmlElement[] = [];
  const failures: unknown[] = [];
  const iqs = new IqRouter(
    (s) => sent.push(s),
    timeoutMs,
    (e) => failures.push(e),
  );
  return { iqs, sent, failures };
}

describe('IqRouter', () => {
  it('matches a result to its request by id', async () => {
    const { iqs, sent } = router();
    const pending = iqs.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:version' })));
    const id = sent[0].attrs.id;
    expect(id).to.be.a('string').with.length.greaterThan(10);
    expect(iqs.receive(xml('iq', { type: 'result', id: 'other' }))).to.equal(false);
    expect(iqs.receive(xml('iq', { type: 'result', id }, xml('query', { xmlns: 'jabber:iq:version' })))).to.equal(true);
    expect(childOf(await pending, 'query')).to.exist;
  });

  it('rejects with a StanzaError carrying the condition', async () => {
    const { iqs, sent } = router();
    const pending = iqs.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'x' })));
    iqs.receive(
      xml('iq', { type: 'error', id: sent[0].attrs.id }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS_STANZAS }))),
    );
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StanzaError);
    expect((error as StanzaError).condition).to.equal('item-not-found');
  });

  it('times out with a ConnectionError', async () => {
    const { iqs } = router(30);
    const error = await iqs.request(xml('iq', { type: 'get' }, xml('q', { xmlns: 'x' }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ConnectionError);
    expect((error as ConnectionError).condition).to.equal('timeout');
  });

  it('answers pings, refuses unknown requests, rejects malformed ones', async () => {
    const { iqs, sent } = router();
    iqs.handle('ping', 'urn:xmpp:ping', () => undefined);
    iqs.receive(xml('iq', { type: 'get', id: 'p1', from: 'example.org' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    iqs.receive(xml('iq', { type: 'set', id: 'u1', from: 'example.org' }, xml('unknown', { xmlns: 'urn:x' })));
    iqs.receive(xml('iq', { type: 'get', id: 'm1', from: 'example.org' }));
    await new Promise((r) => setTimeout(r, 0));
    // Replies to different requests may go out in any order (a handler can be asynchronous).
    const byId = (id: string) => sent.find((s) => s.attrs.id === id)!;
    expect(sent.map((s) => [s.attrs.id, s.attrs.type, s.attrs.to]).sort()).to.deep.equal([
      ['m1', 'error', 'example.org'],
      ['p1', 'result', 'example.org'],
      ['u1', 'error', 'example.org'],
    ]);
    expect(childOf(childOf(byId('u1'), 'error')!, 'service-unavailable')).to.exist;
    expect(childOf(childOf(byId('m1'), 'error')!, 'bad-request')).to.exist;
  });

  it('answers with the condition of a StanzaError a handler throws, without reporting a failure', async () => {
    const { iqs, sent, failures } = router();
    iqs.handle('query', 'jabber:iq:roster', () => {
      throw new StanzaError('service-unavailable', 'Refused.', 'cancel');
    });
    iqs.handle('block', 'urn:xmpp:blocking', () => {
      throw new StanzaError('bad-request', 'Unreadable.', 'modify');
    });
    iqs.receive(xml('iq', { type: 'set', id: 'r1', from: 'mallory@evil.example' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    iqs.receive(xml('iq', { type: 'set', id: 'b1' }, xml('block', { xmlns: 'urn:xmpp:blocking' })));
    await new Promise((r) => setTimeout(r, 0));
    const byId = (id: string) => sent.find((s) => s.attrs.id === id)!;
    expect(byId('r1').attrs).to.include({ type: 'error', to: 'mallory@evil.example' });
    expect(childOf(byId('r1'), 'error')!.attrs.type).to.equal('cancel');
    expect(childOf(childOf(byId('r1'), 'error')!, 'service-unavailable', NS_STANZAS)).to.exist;
    expect(childOf(byId('b1'), 'error')!.attrs.type).to.equal('modify');
    expect(childOf(childOf(byId('b1'), 'error')!, 'bad-request', NS_STANZAS)).to.exist;
    expect(failures).to.deep.equal([]);
  });

  it('answers internal-server-error when a handler throws, and reports it', async () => {
    const { iqs, sent, failures } = router();
    iqs.handle('query', 'jabber:iq:roster', () => {
      throw new Error('boom');
    });
    iqs.receive(xml('iq', { type: 'set', id: 'r1' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await new Promise((r) => setTimeout(r, 0));
    expect(childOf(childOf(sent[0], 'error')!, 'internal-server-error')).to.exist;
    expect(failures).to.have.length(1);
  });

  it('lets requests of a lost link wait, and rejects them when a new session starts', async () => {
    const { iqs, sent } = router(30);
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'answered',
        (e: ConnectionError) => e.condition,
      );
    const old = outcome(iqs.request(xml('iq', { type: 'get' }, xml('q', { xmlns: 'x' }))));
    iqs.linkLost();
    await new Promise((r) => setTimeout(r, 60));
    expect(await Promise.race([old, Promise.resolve('waiting')]), 'past its deadline while the link is down').to.equal('waiting');
    const queued = iqs.request(xml('iq', { type: 'get' }, xml('q', { xmlns: 'x' }))); // goes out in the next session
    iqs.sessionOpened(false);
    expect(await old).to.equal('closed');
    iqs.receive(xml('iq', { type: 'result', id: sent[1].attrs.id }));
    expect((await queued).attrs.type).to.equal('result');
  });

  it('gives requests a new deadline when the session resumes', async () => {
    const { iqs, sent } = router(30);
    const pending = iqs.request(xml('iq', { type: 'get' }, xml('q', { xmlns: 'x' })));
    iqs.linkLost();
    iqs.sessionOpened(true);
    iqs.receive(xml('iq', { type: 'result', id: sent[0].attrs.id }));
    expect((await pending).attrs.type, 'answered after the resumption').to.equal('result');
    const silent = iqs.request(xml('iq', { type: 'get' }, xml('q', { xmlns: 'x' })));
    iqs.linkLost();
    iqs.sessionOpened(true);
    const error = await silent.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ConnectionError).condition).to.equal('timeout');
  });
});
