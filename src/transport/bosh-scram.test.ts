import { expect } from '@esm-bundle/chai';
import { deriveScramKeys } from '../sasl/scram.ts';
import { boshScram } from './bosh-scram.ts';

// RFC 7677 §3 (SCRAM-SHA-256), as strophe.js hands payloads over: byte strings, base64 done by it.
const NONCE = 'rOprNGfwEbeRWgbNEkqO';
const SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const SIGNATURE = '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

function fakeConnection(pass: unknown) {
  const connection = {
    authcid: 'user',
    pass,
    _sasl_data: {} as Record<string, unknown>,
    failures: 0,
    _sasl_failure_cb() {
      connection.failures++;
      return false;
    },
  };
  return connection;
}

describe('strophe.js SCRAM through our module', () => {
  const Mechanism = boshScram('SHA-256', 'SCRAM-SHA-256', 70, () => NONCE);

  for (const [what, pass] of [
    ['a password', 'pencil'],
    ['stored keys', 'keys'],
  ] as const) {
    it(`answers the RFC exchange with ${what}, and leaves strophe the signature to check`, async () => {
      const keys = { 'SCRAM-SHA-256': await deriveScramKeys('SHA-256', 'pencil', 'W22ZaJ0SNY7soEsUEjb6gQ==', 4096) };
      const connection = fakeConnection(pass === 'keys' ? keys : pass);
      const mech = new Mechanism();
      expect(mech.mechname).to.equal('SCRAM-SHA-256');
      expect(mech.test(connection as never)).to.equal(true);
      expect(mech.clientChallenge(connection as never)).to.equal(`n,,n=user,r=${NONCE}`);
      expect(await mech.onChallenge(connection as never, SERVER_FIRST)).to.equal(CLIENT_FINAL);
      expect(connection._sasl_data['server-signature']).to.equal(SIGNATURE);
    });
  }

  it('checks a server-final sent as a challenge itself', async () => {
    const connection = fakeConnection('pencil');
    const mech = new Mechanism();
    mech.clientChallenge(connection as never);
    await mech.onChallenge(connection as never, SERVER_FIRST);
    expect(await mech.onChallenge(connection as never, `v=${SIGNATURE}`)).to.equal('');
    expect(connection._sasl_data).to.not.have.property('server-signature'); // the <success> that follows is empty
    expect(connection.failures).to.equal(0);
  });

  it('fails the login for keys of another salt, or a false server', async () => {
    const stale = { 'SCRAM-SHA-256': await deriveScramKeys('SHA-256', 'pencil', 'c2FsdA==', 4096) };
    const connection = fakeConnection(stale);
    const mech = new Mechanism();
    mech.clientChallenge(connection as never);
    expect(await mech.onChallenge(connection as never, SERVER_FIRST)).to.equal(false);
    expect(connection.failures).to.equal(1);

    const other = fakeConnection('pencil');
    const fooled = new Mechanism();
    fooled.clientChallenge(other as never);
    await fooled.onChallenge(other as never, SERVER_FIRST);
    expect(await fooled.onChallenge(other as never, 'v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).to.equal(false);
    expect(other.failures).to.equal(1);
  });
});
