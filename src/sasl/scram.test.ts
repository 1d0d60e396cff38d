import { expect } from '@esm-bundle/chai';
import { deriveScramKeys, ScramClient, ScramError, scramMechanism } from './scram.ts';

// RFC 5802 §5 and RFC 7677 §3 test vectors.
const SHA1 = {
  nonce: 'fyko+d2lbbFgONRv9qkxdawL',
  serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
  clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
  serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
};
const SHA256 = {
  nonce: 'rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};
const PENCIL = { username: 'user', password: 'pencil' };

/** Resolves to the ScramError the promise rejects with, failing if it resolves or rejects otherwise. */
async function scramErrorOf(promise: Promise<unknown>): Promise<ScramError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ScramError);
    return error as ScramError;
  }
  throw new Error('expected a ScramError, but the promise resolved');
}

describe('ScramClient', () => {
  it('computes the RFC 5802 SCRAM-SHA-1 example', async () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    expect(client.mechanism).to.equal('SCRAM-SHA-1');
    expect(client.clientFirst()).to.equal('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    expect(await client.clientFinal(SHA1.serverFirst)).to.equal(SHA1.clientFinal);
    await client.verifyServerFinal(SHA1.serverFinal);
  });

  it('computes the RFC 7677 SCRAM-SHA-256 example', async () => {
    const client = new ScramClient('SHA-256', PENCIL, SHA256.nonce);
    expect(client.mechanism).to.equal('SCRAM-SHA-256');
    expect(client.clientFirst()).to.equal('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    expect(await client.clientFinal(SHA256.serverFirst)).to.equal(SHA256.clientFinal);
    await client.verifyServerFinal(SHA256.serverFinal);
  });

  it('makes a fresh random nonce for each exchange', () => {
    const first = new ScramClient('SHA-256', PENCIL).clientFirst();
    const second = new ScramClient('SHA-256', PENCIL).clientFirst();
    expect(first).to.match(/^n,,n=user,r=[A-Za-z0-9+/]{32}$/);
    expect(first).to.not.equal(second);
  });

  it('escapes "=" and "," in the username and authzid', () => {
    const client = new ScramClient('SHA-1', { username: 'a=b,c', password: 'p', authzid: 'x,y=z' }, 'abc');
    expect(client.clientFirst()).to.equal('n,a=x=2Cy=3Dz,n=a=3Db=2Cc,r=abc');
  });

  it('binds the authzid header into the final message', async () => {
    const client = new ScramClient('SHA-1', { ...PENCIL, authzid: 'admin' }, SHA1.nonce);
    expect(await client.clientFinal(SHA1.serverFirst)).to.match(/^c=bixhPWFkbWluLA==,r=/);
  });

  it('rejects a wrong server signature', async () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    await client.clientFinal(SHA1.serverFirst);
    const error = await scramErrorOf(client.verifyServerFinal('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA='));
    expect(error.condition).to.equal('invalid-server-signature');
  });

  it('rejects a signature made with another password', async () => {
    const client = new ScramClient('SHA-256', { username: 'user', password: 'pencil2' }, SHA256.nonce);
    await client.clientFinal(SHA256.serverFirst);
    expect((await scramErrorOf(client.verifyServerFinal(SHA256.serverFinal))).condition).to.equal('invalid-server-signature');
  });

  it('rejects a server nonce that does not continue ours', async () => {
    const client = new ScramClient('SHA-1', PENCIL, 'clientnonce');
    const error = await scramErrorOf(client.clientFinal('r=othernonce123,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(error.condition).to.equal('invalid-nonce');
  });

  it('reports a server error with its condition', async () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    await client.clientFinal(SHA1.serverFirst);
    const error = await scramErrorOf(client.verifyServerFinal('e=invalid-proof'));
    expect(error.condition).to.equal('server-error:invalid-proof');
    expect(error.name).to.equal('ScramError');
  });

  const malformed: [string, string, string][] = [
    ['empty', '', 'malformed-challenge'],
    ['garbage', '\u0000garbage!!', 'malformed-challenge'],
    ['missing salt', 'r=abcdef,i=4096', 'malformed-challenge'],
    ['missing iterations', 'r=abcdef,s=QSXCR+Q6sek8bf92', 'malformed-challenge'],
    ['non-numeric iterations', 'r=abcdef,s=QSXCR+Q6sek8bf92,i=abc', 'malformed-challenge'],
    ['zero iterations', 'r=abcdef,s=QSXCR+Q6sek8bf92,i=0', 'iteration-count-too-low'],
    ['huge iterations', 'r=abcdef,s=QSXCR+Q6sek8bf92,i=99999999999', 'iteration-count-too-high'],
    ['invalid base64 salt', 'r=abcdef,s=not*base64,i=4096', 'malformed-challenge'],
    ['empty salt', 'r=abcdef,s=,i=4096', 'malformed-challenge'],
    ['repeated attribute', 'r=abcdef,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096', 'malformed-challenge'],
    ['mandatory extension', 'm=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096', 'unsupported-extension'],
  ];
  for (const [what, serverFirst, condition] of malformed) {
    it(`rejects a server-first message with ${what}`, async () => {
      const client = new ScramClient('SHA-1', PENCIL, 'abc');
      expect((await scramErrorOf(client.clientFinal(serverFirst))).condition).to.equal(condition);
    });
  }

  it('rejects malformed server-final messages', async () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    await client.clientFinal(SHA1.serverFirst);
    for (const serverFinal of ['', 'garbage', 'x=1', 'v=not*base64']) {
      expect((await scramErrorOf(client.verifyServerFinal(serverFinal))).condition).to.equal('malformed-challenge');
    }
  });

  it('refuses a server-final message before the client-final one', async () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    expect((await scramErrorOf(client.verifyServerFinal(SHA1.serverFinal))).condition).to.equal('out-of-order');
  });
});

describe('SCRAM with stored keys', () => {
  const vectors = [
    ['SHA-1', SHA1, 'QSXCR+Q6sek8bf92'],
    ['SHA-256', SHA256, 'W22ZaJ0SNY7soEsUEjb6gQ=='],
  ] as const;
  for (const [hash, vector, salt] of vectors) {
    it(`logs in with ${hash} keys alone, as with the password`, async () => {
      const keys = await deriveScramKeys(hash, 'pencil', salt, 4096);
      expect(JSON.stringify(keys)).to.not.contain('pencil');
      const client = new ScramClient(hash, { username: 'user', keys }, vector.nonce);
      expect(await client.clientFinal(vector.serverFirst)).to.equal(vector.clientFinal);
      await client.verifyServerFinal(vector.serverFinal);
    });
  }

  it('refuses keys made for another salt or iteration count', async () => {
    const keys = await deriveScramKeys('SHA-1', 'pencil', 'QSXCR+Q6sek8bf92', 4096);
    for (const stale of [
      { ...keys, salt: 'AAAAAAAAAAAAAAAA' },
      { ...keys, iterations: 4097 },
    ]) {
      const client = new ScramClient('SHA-1', { username: 'user', keys: stale }, SHA1.nonce);
      expect((await scramErrorOf(client.clientFinal(SHA1.serverFirst))).condition).to.equal('stale-keys');
    }
  });

  it('reads the salt and count of a server-first message', () => {
    const client = new ScramClient('SHA-1', PENCIL, SHA1.nonce);
    expect(client.saltOf(SHA1.serverFirst)).to.deep.equal({ salt: 'QSXCR+Q6sek8bf92', iterations: 4096 });
  });

  it('lets the mechanism use the keys of its own hash', async () => {
    const scramKeys = { 'SCRAM-SHA-256': await deriveScramKeys('SHA-256', 'pencil', 'W22ZaJ0SNY7soEsUEjb6gQ==', 4096) };
    const mech = new (scramMechanism('SHA-256', () => SHA256.nonce))();
    await mech.response({ username: 'user', scramKeys });
    await mech.challenge(SHA256.serverFirst);
    expect(await mech.response({ username: 'user', scramKeys })).to.equal(SHA256.clientFinal);
    await mech.verifySuccess(SHA256.serverFinal);
    const other = new (scramMechanism('SHA-1'))();
    expect((await scramErrorOf(other.response({ username: 'user', scramKeys }))).condition).to.equal('missing-credentials');
  });
});

describe('scramMechanism', () => {
  it('has the shape saslmechanisms expects', () => {
    type Shape = { name: string; clientFirst: boolean };
    const Mechanism = scramMechanism('SHA-256');
    expect((Mechanism.prototype as Shape).name).to.equal('SCRAM-SHA-256');
    expect((Mechanism.prototype as Shape).clientFirst).to.equal(true);
    expect((scramMechanism('SHA-1').prototype as Shape).name).to.equal('SCRAM-SHA-1');
  });

  for (const [hash, vector] of [
    ['SHA-1', SHA1],
    ['SHA-256', SHA256],
  ] as const) {
    // @xmpp/sasl: response() for <auth>, then per <challenge>: challenge() and response().
    it(`runs the ${hash} RFC exchange with server-final in <success>`, async () => {
      const mech = new (scramMechanism(hash, () => vector.nonce))();
      expect(await mech.response(PENCIL)).to.equal(`n,,n=user,r=${vector.nonce}`);
      await mech.challenge(vector.serverFirst);
      expect(await mech.response(PENCIL)).to.equal(vector.clientFinal);
      await mech.verifySuccess(vector.serverFinal);
    });

    it(`runs the ${hash} RFC exchange with server-final as a challenge`, async () => {
      const mech = new (scramMechanism(hash, () => vector.nonce))();
      await mech.response(PENCIL);
      await mech.challenge(vector.serverFirst);
      await mech.response(PENCIL);
      await mech.challenge(vector.serverFinal);
      expect(await mech.response(PENCIL)).to.equal('');
      await mech.verifySuccess(''); // the <success> that follows carries no data
    });
  }

  it('rejects a forged server signature', async () => {
    const mech = new (scramMechanism('SHA-1', () => SHA1.nonce))();
    await mech.response(PENCIL);
    await mech.challenge(SHA1.serverFirst);
    await mech.response(PENCIL);
    expect((await scramErrorOf(mech.verifySuccess(SHA256.serverFinal))).condition).to.equal('invalid-server-signature');
  });

  it('sends a non-ASCII username as UTF-8 bytes, ready for btoa', async () => {
    const mech = new (scramMechanism('SHA-256', () => 'abc'))();
    const first = await mech.response({ username: 'jürgen', password: 'p' });
    expect(first).to.equal('n,,n=j\u00c3\u00bcrgen,r=abc');
    expect(() => btoa(first)).to.not.throw();
  });

  it('rejects server data that is not UTF-8', async () => {
    const mech = new (scramMechanism('SHA-256', () => 'abc'))();
    await mech.response(PENCIL);
    expect((await scramErrorOf(mech.challenge('r=abc\u00ff,s=QSXCR+Q6sek8bf92,i=4096'))).condition).to.equal('malformed-challenge');
  });

  it('refuses to start without credentials', async () => {
    const mech = new (scramMechanism('SHA-256'))();
    const noCredentials = { username: null, password: null } as unknown as typeof PENCIL;
    expect((await scramErrorOf(mech.response(noCredentials))).condition).to.equal('missing-credentials');
  });
});
