import { expect } from '@esm-bundle/chai';
import { ConfigError } from './errors.ts';
import { resolveOptions, serviceList, type ClientOptions } from './options.ts';

const conditionOf = (options: ClientOptions) => {
  try {
    resolveOptions(options);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).message).to.be.a('string').and.not.be.empty;
    return (error as ConfigError).condition;
  }
  return 'accepted';
};

describe('resolveOptions', () => {
  const keys = { salt: 'c2FsdA==', iterations: 4096, clientKey: 'Y2s=', serverKey: 'c2s=' };

  it('logs in with SCRAM keys instead of a password, through their mechanisms only', () => {
    const resolved = resolveOptions({ service: 'wss://x.example/ws', jid: 'a@b', scramKeys: { 'SCRAM-SHA-1': keys } });
    expect(resolved.password).to.equal(undefined);
    expect(resolved.mechanisms).to.deep.equal(['SCRAM-SHA-1']);
    expect(conditionOf({ service: 'wss://x.example/ws', jid: 'a@b', scramKeys: {} })).to.equal('missing-password');
    expect(conditionOf({ service: 'wss://x.example/ws', jid: 'a@b', scramKeys: { 'SCRAM-SHA-1': keys }, mechanisms: ['PLAIN'] })).to.equal(
      'invalid-option',
    );
    expect(conditionOf({ domain: 'b', anonymous: true, scramKeys: { 'SCRAM-SHA-1': keys } })).to.equal('conflicting-options');
  });

  it('takes the domain, user and resource from the JID', () => {
    const resolved = resolveOptions({ service: 'wss://x.example/ws', jid: 'Alice@Example.org/desk', password: 'p' });
    expect(resolved).to.include({ domain: 'example.org', username: 'alice', resource: 'desk', allowPlain: false });
    expect(resolved.reconnect).to.deep.equal({ initialMs: 1000, maxMs: 30000 });
  });

  it('takes several services, as a list or separated by spaces, in their order, once each', () => {
    const [a, b, c] = ['ws://127.0.0.1:56280/xmpp-websocket', 'ws://127.0.0.1:55280/xmpp-websocket', 'http://127.0.0.1:55280/http-bind'];
    expect(resolveOptions({ service: [a, b, c], jid: 'a@b', password: 'p' }).services).to.deep.equal([a, b, c]);
    expect(resolveOptions({ service: ` ${b}\n${a}  ${c} ${b}`, jid: 'a@b', password: 'p' }).services).to.deep.equal([b, a, c]);
    expect(resolveOptions({ service: a, jid: 'a@b', password: 'p' }).services).to.deep.equal([a]);
    expect(resolveOptions({ domain: 'b', jid: 'a@b', password: 'p' }).services).to.deep.equal([]);
    expect(serviceList([`${a} ${b}`, c])).to.deep.equal([a, b, c]);
    expect(serviceList('  ')).to.deep.equal([]);
    expect(conditionOf({ service: [a, 'ftp://x.example'], jid: 'a@b', password: 'p' })).to.equal('invalid-service');
    expect(conditionOf({ service: `${a} not-a-url`, jid: 'a@b', password: 'p' })).to.equal('invalid-service');
  });

  it('rejects bad options with a ConfigError and a condition', () => {
    expect(conditionOf({ service: 'ftp://x.example', jid: 'a@b', password: 'p' })).to.equal('invalid-service');
    expect(conditionOf({ service: 'not a url', jid: 'a@b', password: 'p' })).to.equal('invalid-service');
    expect(conditionOf({ service: 'wss://', jid: 'a@b', password: 'p' })).to.equal('invalid-service');
    expect(conditionOf({ service: 'wss://x.example/ws' })).to.equal('missing-jid');
    expect(conditionOf({ service: 'wss://x.example/ws', jid: 'no-at-sign', password: 'p' })).to.equal('invalid-jid');
    expect(conditionOf({ service: 'wss://x.example/ws', jid: 'a@b' })).to.equal('missing-password');
    expect(conditionOf({ service: 'wss://x.example/ws', anonymous: true })).to.equal('missing-domain');
    expect(conditionOf({ domain: 'x.example', anonymous: true, password: 'p' })).to.equal('conflicting-options');
    expect(conditionOf({ domain: 'x.example', anonymous: true, timeoutMs: -1 })).to.equal('invalid-option');
    expect(conditionOf({ domain: 'x.example', anonymous: true, reconnect: false })).to.equal('accepted');
    expect(conditionOf({ domain: 'x.example', jid: 'a@b', password: 'p', mechanisms: [] })).to.equal('invalid-option');
    expect(conditionOf({ domain: 'x.example', jid: 'a@b', password: 'p', mechanisms: ['DIGEST-MD5'] })).to.equal('invalid-option');
    expect(conditionOf({ domain: 'x.example', jid: 'a@b', password: 'p', mechanisms: ['SCRAM-SHA-1'] })).to.equal('accepted');
  });
});
