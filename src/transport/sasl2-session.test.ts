import { expect } from '@esm-bundle/chai';
import { AuthError } from '../errors.ts';
import { HashedTokenError } from '../sasl/hashed-token.ts';
import type { FastToken } from '../sasl/sasl2.ts';
import { ScramError } from '../sasl/scram.ts';
import type { Sasl2Offer } from '../stanza/sasl2.ts';
import { mechanismError, planSignIn, refused, sasl2Request } from './sasl2-session.ts';
import type { SessionOptions } from './transport.ts';

const OFFER: Sasl2Offer = { mechanisms: ['PLAIN', 'SCRAM-SHA-1'], bind2: [], sm: false, fast: ['HT-SHA-256-NONE'] };
const TOKEN: FastToken = { mechanism: 'HT-SHA-256-NONE', token: 'secret', expiry: '2999-01-01T00:00:00Z' };

function options(extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    service: 'http://example.org/http-bind',
    domain: 'example.org',
    username: 'ann',
    password: 'pw',
    userAgentId: 'this-client',
    allowPlain: false,
    timeoutMs: 1000,
    debug: false,
    ...extra,
  };
}

function store(token?: FastToken) {
  const saved: (FastToken | undefined)[] = [];
  return { agentId: 'device-1', saved, load: () => Promise.resolve(token), save: (t?: FastToken) => (saved.push(t), Promise.resolve()) };
}

describe('SASL2 sign-in shared by both transports', () => {
  it('signs in with the kept token where it is offered, and asks for one with the password otherwise', async () => {
    expect((await planSignIn(options({ fast: store(TOKEN) }), OFFER)).token?.token).to.equal('secret');
    const plan = await planSignIn(options({ fast: store() }), OFFER);
    expect(plan.mechanism).to.equal('SCRAM-SHA-1');
    expect(plan.requestToken).to.equal('HT-SHA-256-NONE');
    expect((await planSignIn(options(), OFFER)).requestToken).to.equal(undefined);
  });

  it('takes https: and wss: as protected, where PLAIN may be used', async () => {
    const plainOnly = { ...OFFER, mechanisms: ['PLAIN'] };
    for (const service of ['https://example.org/http-bind', 'wss://example.org/xmpp-websocket'])
      expect((await planSignIn(options({ service }), plainOnly)).mechanism).to.equal('PLAIN');
    for (const service of ['http://example.org/http-bind', 'ws://example.org/xmpp-websocket']) {
      const error = await planSignIn(options({ service }), plainOnly).catch((e: unknown) => e);
      expect(error instanceof AuthError && error.condition).to.equal('mechanism-too-weak');
    }
  });

  it('binds the resource as its tag, and counts token uses only when signing in with one', () => {
    const withToken = sasl2Request(options({ resource: 'desk' }), { mechanism: 'HT-SHA-256-NONE', token: TOKEN }, { enableSm: true });
    expect(withToken.bind).to.deep.equal({ tag: 'desk', enableSm: true });
    expect(withToken.fastCount).to.be.a('number');
    const withPassword = sasl2Request(options(), { mechanism: 'SCRAM-SHA-1', requestToken: 'HT-SHA-256-NONE' }, { enableSm: false });
    expect(withPassword.bind?.tag).to.equal('xmpp-chat');
    expect(withPassword.fastCount).to.equal(undefined);
    expect(withPassword.requestToken).to.equal('HT-SHA-256-NONE');
    expect(withPassword.userAgent.software).to.equal('xmpp-chat');
  });

  it('forgets a refused token and says so; other refusals pass as they are', async () => {
    const kept = store(TOKEN);
    const refusal = new AuthError('not-authorized', 'No.');
    const error = await refused(refusal, { mechanism: 'HT-SHA-256-NONE', token: TOKEN }, kept).catch((e: unknown) => e);
    expect(error instanceof AuthError && error.condition).to.equal('credentials-expired');
    expect(kept.saved).to.deep.equal([undefined]);
    const untouched = store(TOKEN);
    expect(await refused(refusal, { mechanism: 'SCRAM-SHA-1' }, untouched).catch((e: unknown) => e === refusal)).to.equal(true);
    expect(untouched.saved.length).to.equal(0);
  });

  it("says in words what the mechanisms' own errors mean", () => {
    expect(mechanismError(new ScramError('stale-keys', 'Old keys.'))?.condition).to.equal('not-authorized');
    expect(mechanismError(new ScramError('invalid-server-signature', 'Bad.'))?.condition).to.equal('server-not-verified');
    expect(mechanismError(new HashedTokenError('missing-token', 'None.'))?.condition).to.equal('credentials-expired');
    expect(mechanismError(new Error('other'))).to.equal(undefined);
  });
});
