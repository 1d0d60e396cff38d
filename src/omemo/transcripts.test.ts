import { expect } from '@esm-bundle/chai';
import { fromBase64, fromHex, toBase64 } from './bytes.ts';
import { identityFromSeed } from './identity.ts';
import { encodeBundle, type PreKey, type SignedPreKey } from './keys.ts';
import { importPrivateKey } from './primitives.ts';
import { decryptPayload } from './payload.ts';
import { decryptKeyMaterial, type OmemoSession, type OwnKeys } from './session.ts';
import { SESSION_TRANSCRIPTS } from './sessions.fixtures.ts';

// Messages python-oldmemo / python-twomemo encrypted to a bundle whose private keys the fixture
// holds (test/runner/omemo-vectors.py sessions): our side must read them, in any order.
(['0.3', '2'] as const).forEach((version) => {
  describe(`OMEMO ${version}: messages from python-omemo`, () => {
    const transcript = SESSION_TRANSCRIPTS[version];

    async function ourKeys(): Promise<{ keys: OwnKeys; signedPreKey: SignedPreKey; preKeys: PreKey[] }> {
      const identity = await identityFromSeed(fromHex(transcript.ours.seed));
      const signature = fromBase64(transcript.ourBundle.signedPreKeySignature);
      const signedPreKey = { id: 7, keyPair: await importPrivateKey('X25519', fromHex(transcript.ours.signedPreKey)), signature };
      const preKeys = await Promise.all(
        Object.entries(transcript.ours.preKeys).map(async ([id, key]) => ({
          id: Number(id),
          keyPair: await importPrivateKey('X25519', fromHex(key)),
        })),
      );
      const keys: OwnKeys = {
        identity,
        signedPreKey: (id) => (id === signedPreKey.id ? signedPreKey.keyPair : undefined),
        preKey: (id) => preKeys.find((preKey) => preKey.id === id)?.keyPair,
      };
      return { keys, signedPreKey, preKeys };
    }

    it('encodes the bundle python was given from the same keys', async () => {
      const { keys, signedPreKey, preKeys } = await ourKeys();
      const bundle = encodeBundle(version, keys.identity, signedPreKey, preKeys);
      expect(toBase64(bundle.identityKey)).to.equal(transcript.ourBundle.identityKey);
      expect(toBase64(bundle.signedPreKey)).to.equal(transcript.ourBundle.signedPreKey);
      expect(bundle.preKeys.map((preKey) => toBase64(preKey.publicKey))).to.deep.equal(
        transcript.ourBundle.preKeys.map((preKey) => preKey.publicKey),
      );
    });

    it('decrypts all five key exchanges and payloads, out of order', async () => {
      const { keys } = await ourKeys();
      let session: OmemoSession | undefined;
      for (const i of [0, 2, 1, 4, 3]) {
        const sent = transcript.messages[i];
        expect(sent.kex).to.equal(true);
        const read = await decryptKeyMaterial(version, keys, session, fromBase64(sent.message), sent.kex);
        session = read.session;
        const iv = 'iv' in sent ? fromBase64(sent.iv) : undefined;
        const plaintext = await decryptPayload(version, read.keyMaterial, fromBase64(sent.ciphertext), iv);
        expect(new TextDecoder().decode(plaintext)).to.equal(`python ${i} ✓`);
      }
      expect(session!.initiator).to.equal(false);
    });
  });
});
