import { expect } from '@esm-bundle/chai';
import { fromBase64, fromHex, toHex, utf8 } from './bytes.ts';
import { edwardsToMontgomery, montgomeryToEdwards } from './field.ts';
import {
  agreementPublicKey,
  generateIdentityKeyPair,
  identityFromSeed,
  signSignedPreKey,
  verifySignedPreKey,
  verifyXEdDSA,
} from './identity.ts';
import { ed25519Verify, generateX25519, x25519 } from './primitives.ts';
import { decodeBundle } from './keys.ts';
import { OLDMEMO_BUNDLES, XEDDSA_CASES } from './xeddsa.fixtures.ts';

describe('OMEMO identity keys', () => {
  it('generates non-extractable keys whose X25519 key is the Montgomery form of the Ed25519 key, sign bit 0', async () => {
    for (let i = 0; i < 4; i++) {
      const identity = await generateIdentityKeyPair();
      expect(identity.edwardsPublic[31] & 0x80).to.equal(0);
      expect(toHex(edwardsToMontgomery(identity.edwardsPublic))).to.equal(toHex(identity.montgomeryPublic));
      expect(identity.signingKey.extractable).to.equal(false);
      expect(identity.agreementKey.extractable).to.equal(false);
    }
  });

  it('signs a signed pre-key so that XEdDSA (0.3) and Ed25519 (OMEMO 2) verify it', async () => {
    const identity = await generateIdentityKeyPair();
    const { publicKey } = await generateX25519();
    const sig03 = await signSignedPreKey(identity, publicKey, '0.3');
    expect(await verifySignedPreKey(identity.montgomeryPublic, publicKey, sig03, '0.3')).to.equal(true);
    const sig2 = await signSignedPreKey(identity, publicKey, '2');
    expect(await verifySignedPreKey(identity.edwardsPublic, publicKey, sig2, '2')).to.equal(true);
    expect(await verifySignedPreKey(identity.edwardsPublic, publicKey, sig03, '2')).to.equal(false);
  });

  it('agrees on X25519 secrets through the converted identity keys', async () => {
    const alice = await generateIdentityKeyPair();
    const bob = await generateIdentityKeyPair();
    const ab = await x25519(alice.agreementKey, agreementPublicKey(bob.edwardsPublic, '2'));
    const ba = await x25519(bob.agreementKey, agreementPublicKey(alice.montgomeryPublic, '0.3'));
    expect(toHex(ab)).to.equal(toHex(ba));
  });
});

describe('OMEMO identity keys against python3-xeddsa', () => {
  XEDDSA_CASES.forEach((vector, index) => {
    const sign = fromHex(vector.edwardsPublic)[31] >> 7;
    it(`case ${index + 1} (Edwards sign bit ${sign}): same public keys and conversions`, async () => {
      const identity = await identityFromSeed(fromHex(vector.seed));
      expect(toHex(identity.edwardsPublic)).to.equal(vector.edwardsPublic);
      expect(toHex(identity.montgomeryPublic)).to.equal(vector.montgomeryPublic);
      expect(toHex(edwardsToMontgomery(fromHex(vector.edwardsPublic)))).to.equal(vector.montgomeryFromEdwards);
      expect(toHex(montgomeryToEdwards(fromHex(vector.montgomeryPublic)))).to.equal(vector.edwardsFromMontgomery);
    });

    it(`case ${index + 1}: verifies python's XEdDSA and Ed25519 signatures`, async () => {
      const message = fromHex(vector.message);
      expect(await verifyXEdDSA(fromHex(vector.montgomeryPublic), message, fromHex(vector.xeddsaSignature))).to.equal(true);
      expect(await ed25519Verify(fromHex(vector.edwardsPublic), fromHex(vector.ed25519Signature), message)).to.equal(true);
      // libsignal's older curve25519_sign: the Edwards key's sign bit in the top bit of signature[63].
      const carried = fromHex(vector.ed25519Signature);
      carried[63] |= sign << 7;
      expect(await verifyXEdDSA(fromHex(vector.montgomeryPublic), message, carried)).to.equal(true);
      const tampered = fromHex(vector.xeddsaSignature);
      tampered[10] ^= 4;
      expect(await verifyXEdDSA(fromHex(vector.montgomeryPublic), message, tampered)).to.equal(false);
      expect(await verifyXEdDSA(fromHex(vector.montgomeryPublic), utf8('other'), fromHex(vector.xeddsaSignature))).to.equal(false);
    });
  });
});

describe('OMEMO 0.3 bundles as python-oldmemo publishes them', () => {
  OLDMEMO_BUNDLES.forEach((wire) => {
    const signature = fromBase64(wire.signedPreKeySignature);
    it(`verifies the signed pre-key, sign bit ${signature[63] >> 7} carried in the signature`, async () => {
      const bundle = decodeBundle('0.3', {
        ...wire,
        identityKey: fromBase64(wire.identityKey),
        signedPreKey: fromBase64(wire.signedPreKey),
        signedPreKeySignature: signature,
        preKeys: wire.preKeys.map((preKey) => ({ id: preKey.id, publicKey: fromBase64(preKey.publicKey) })),
      });
      const identity = bundle.identityKey.slice(1);
      expect(await verifySignedPreKey(identity, bundle.signedPreKey, bundle.signedPreKeySignature, '0.3')).to.equal(true);
      const cleared = signature.slice();
      cleared[63] &= 0x7f;
      const expected = signature[63] >> 7 === 0;
      expect(await verifySignedPreKey(identity, bundle.signedPreKey, cleared, '0.3')).to.equal(expected);
    });
  });
});
