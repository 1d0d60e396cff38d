import { expect } from '@esm-bundle/chai';
import { AuthError } from '../errors.ts';
import { chooseMechanism } from './choose.ts';

const loopback = { anonymous: false, secure: false, allowPlain: false };

describe('chooseMechanism', () => {
  it('prefers SCRAM-SHA-256, then SCRAM-SHA-1', () => {
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], loopback)).to.equal('SCRAM-SHA-256');
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], loopback)).to.equal('SCRAM-SHA-1');
  });

  it('uses PLAIN only over TLS or when allowed', () => {
    expect(() => chooseMechanism(['PLAIN'], loopback)).to.throw(AuthError, /clear text/);
    expect(chooseMechanism(['PLAIN'], { ...loopback, secure: true })).to.equal('PLAIN');
    expect(chooseMechanism(['PLAIN'], { ...loopback, allowPlain: true })).to.equal('PLAIN');
  });

  it('keeps to the mechanisms the options allow', () => {
    const offered = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'];
    expect(chooseMechanism(offered, { ...loopback, mechanisms: ['SCRAM-SHA-1'] })).to.equal('SCRAM-SHA-1');
    expect(() => chooseMechanism(['SCRAM-SHA-1'], { ...loopback, mechanisms: ['SCRAM-SHA-256'] })).to.throw(AuthError, /no sign-in method/);
    expect(() => chooseMechanism(offered, { ...loopback, mechanisms: ['PLAIN'] })).to.throw(AuthError, /clear text/);
  });

  it('uses ANONYMOUS for anonymous login only', () => {
    expect(chooseMechanism(['SCRAM-SHA-1', 'ANONYMOUS'], { ...loopback, anonymous: true })).to.equal('ANONYMOUS');
    expect(() => chooseMechanism(['SCRAM-SHA-1'], { ...loopback, anonymous: true })).to.throw(AuthError, /anonymous/);
    expect(() => chooseMechanism(['ANONYMOUS', 'X-UNKNOWN'], loopback)).to.throw(AuthError, /no sign-in method/);
  });
});
