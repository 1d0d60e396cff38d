import { expect } from '@esm-bundle/chai';
import { utf8 } from './bytes.ts';
import {
  decodeBundle,
  decryptKeyMaterial,
  decryptPayload,
  encodeBundle,
  encryptKeyMaterial,
  encryptPayload,
  generateIdentityKeyPair,
  generatePreKeys,
  generateSignedPreKey,
  OmemoError,
  startSession,
  type OmemoSession,
  type OmemoVersion,
  type OwnKeys,
} from './index.ts';

async function device(version: OmemoVersion) {
  const identity = await generateIdentityKeyPair();
  const signedPreKey = await generateSignedPreKey(identity, 1, version);
  const preKeys = await generatePreKeys(100, 3);
  const keys: OwnKeys = {
    identity,
    signedPreKey: (id) => (id === signedPreKey.id ? signedPreKey.keyPair : undefined),
    preKey: (id) => preKeys.find((preKey) => preKey.id === id)?.keyPair,
  };
  return { keys, bundle: encodeBundle(version, identity, signedPreKey, preKeys) };
}

async function conditionOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(OmemoError);
  return (error as OmemoError).condition;
}

(['0.3', '2'] as const).forEach((version) => {
  describe(`OMEMO ${version} sessions between two of our devices`, () => {
    it('start with a key exchange, answer, and keep going both ways, out of order too', async () => {
      const alice = await device(version);
      const bob = await device(version);
      let aliceSession: OmemoSession = await startSession(version, alice.keys.identity, decodeBundle(version, bob.bundle));
      let bobSession: OmemoSession | undefined;
      const sent = [];
      for (let i = 0; i < 3; i++) {
        const out = await encryptKeyMaterial(aliceSession, utf8(`key ${i}`));
        aliceSession = out.session;
        expect(out.keyExchange).to.equal(true);
        sent.push(out);
      }
      for (const i of [2, 0, 1]) {
        const read = await decryptKeyMaterial(version, bob.keys, bobSession, sent[i].message, true);
        bobSession = read.session;
        expect(new TextDecoder().decode(read.keyMaterial)).to.equal(`key ${i}`);
      }
      expect(await conditionOf(decryptKeyMaterial(version, bob.keys, bobSession, sent[1].message, true))).to.equal('duplicate');
      const reply = await encryptKeyMaterial(bobSession!, utf8('reply'));
      bobSession = reply.session;
      expect(reply.keyExchange).to.equal(false);
      const read = await decryptKeyMaterial(version, alice.keys, aliceSession, reply.message, false);
      aliceSession = read.session;
      expect(new TextDecoder().decode(read.keyMaterial)).to.equal('reply');
      const after = await encryptKeyMaterial(aliceSession, utf8('confirmed'));
      expect(after.keyExchange).to.equal(false);
      const tampered = after.message.slice();
      tampered[tampered.length - 1] ^= 1;
      expect(await conditionOf(decryptKeyMaterial(version, bob.keys, bobSession, tampered, false))).to.equal('bad-mac');
      const last = await decryptKeyMaterial(version, bob.keys, bobSession, after.message, false);
      expect(new TextDecoder().decode(last.keyMaterial)).to.equal('confirmed');
    });

    it('refuses a bundle whose signed pre-key another identity signed', async () => {
      const bob = await device(version);
      const mallory = await device(version);
      const forged = { ...bob.bundle, identityKey: mallory.bundle.identityKey };
      expect(await conditionOf(startSession(version, (await device(version)).keys.identity, decodeBundle(version, forged)))).to.equal(
        'bad-signature',
      );
    });

    it('encrypts and decrypts a payload with its key material', async () => {
      const payload = await encryptPayload(version, utf8('Zoë 李: order 1234'));
      expect(payload.keyMaterial.length).to.equal(version === '0.3' ? 32 : 48);
      expect(new TextDecoder().decode(await decryptPayload(version, payload.keyMaterial, payload.ciphertext, payload.iv))).to.equal(
        'Zoë 李: order 1234',
      );
      payload.keyMaterial[0] ^= 1;
      expect(await conditionOf(decryptPayload(version, payload.keyMaterial, payload.ciphertext, payload.iv))).to.equal('bad-mac');
    });
  });
});

describe('OMEMO skipped-message keys', () => {
  it(`decrypts after a gap and refuses a message that would skip too many keys`, async () => {
    const version = '2';
    const alice = await device(version);
    const bob = await device(version);
    let aliceSession = await startSession(version, alice.keys.identity, decodeBundle(version, bob.bundle));
    const messages = [];
    for (let i = 0; i < 40; i++) {
      const out = await encryptKeyMaterial(aliceSession, utf8(`m${i}`));
      aliceSession = out.session;
      messages.push(out.message);
    }
    let bobSession = (await decryptKeyMaterial(version, bob.keys, undefined, messages[39], true)).session;
    expect(bobSession.ratchet.skipped.length).to.equal(39);
    const early = await decryptKeyMaterial(version, bob.keys, bobSession, messages[5], true);
    expect(new TextDecoder().decode(early.keyMaterial)).to.equal('m5');
    bobSession = early.session;
    expect(bobSession.ratchet.skipped.length).to.equal(38);
    const far = { ...aliceSession, ratchet: { ...aliceSession.ratchet, sending: { ...aliceSession.ratchet.sending, length: 1100 } } };
    const tooFar = await encryptKeyMaterial(far, utf8('far'));
    expect(await conditionOf(decryptKeyMaterial(version, bob.keys, bobSession, tooFar.message, true))).to.equal('too-many-skipped');
  });
});
