import { expect } from '@esm-bundle/chai';
import { fromHex, toHex, utf8 } from './bytes.ts';
import { OmemoError } from './omemo-error.ts';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  aesGcmDecrypt,
  aesGcmEncrypt,
  ed25519Sign,
  ed25519Verify,
  hkdf,
  hmacSha256,
  importPrivateKey,
  x25519,
} from './primitives.ts';

const range = (from: number, to: number) => Uint8Array.from({ length: to - from }, (_, i) => from + i);

async function x25519Raw(scalar: Uint8Array, u: Uint8Array): Promise<Uint8Array> {
  const { privateKey } = await importPrivateKey('X25519', scalar);
  return x25519(privateKey, u);
}

describe('X25519 (RFC 7748)', () => {
  it('computes the §5.2 vectors', async () => {
    const first = await x25519Raw(
      fromHex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
      fromHex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c'),
    );
    expect(toHex(first)).to.equal('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
    const second = await x25519Raw(
      fromHex('4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d'),
      fromHex('e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493'),
    );
    expect(toHex(second)).to.equal('95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957');
  });

  it('computes the §5.2 iterations (1 and 1,000)', async () => {
    let k: Uint8Array = fromHex('09'.padEnd(64, '0'));
    let u: Uint8Array = k;
    for (let i = 1; i <= 1000; i++) {
      [k, u] = [await x25519Raw(k, u), k];
      if (i === 1) expect(toHex(k)).to.equal('422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079');
    }
    expect(toHex(k)).to.equal('684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51');
  });

  it('agrees on the §6.1 shared secret, with non-extractable keys', async () => {
    const alice = await importPrivateKey('X25519', fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'));
    const bob = await importPrivateKey('X25519', fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'));
    expect(toHex(alice.publicKey)).to.equal('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(toHex(bob.publicKey)).to.equal('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    expect(toHex(await x25519(alice.privateKey, bob.publicKey))).to.equal(shared);
    expect(toHex(await x25519(bob.privateKey, alice.publicKey))).to.equal(shared);
    expect(alice.privateKey.extractable).to.equal(false);
  });

  it('refuses a point of small order', async () => {
    const { privateKey } = await importPrivateKey('X25519', fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'));
    const error = await x25519(privateKey, new Uint8Array(32)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmemoError).and.to.have.property('condition', 'bad-key');
  });
});

// RFC 8032 §7.1, TEST 1 to 3: secret key (seed), public key, message, signature.
const ED25519_VECTORS = [
  [
    '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
];

describe('Ed25519 (RFC 8032 §7.1)', () => {
  ED25519_VECTORS.forEach(([seed, publicKey, message, signature], index) => {
    it(`signs and verifies TEST ${index + 1}`, async () => {
      const pair = await importPrivateKey('Ed25519', fromHex(seed));
      expect(toHex(pair.publicKey)).to.equal(publicKey);
      expect(toHex(await ed25519Sign(pair.privateKey, fromHex(message)))).to.equal(signature);
      expect(await ed25519Verify(fromHex(publicKey), fromHex(signature), fromHex(message))).to.equal(true);
      const tampered = fromHex(signature);
      tampered[0] ^= 1;
      expect(await ed25519Verify(fromHex(publicKey), tampered, fromHex(message))).to.equal(false);
    });
  });
});

describe('HKDF-SHA-256 (RFC 5869)', () => {
  it('derives A.1', async () => {
    const okm = await hkdf(new Uint8Array(22).fill(0x0b), range(0, 13), range(0xf0, 0xfa), 42);
    expect(toHex(okm)).to.equal('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  it('derives A.2 (long inputs)', async () => {
    const okm = await hkdf(range(0, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82);
    expect(toHex(okm)).to.equal(
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    );
  });
  it('derives A.3 (empty salt and info)', async () => {
    const okm = await hkdf(new Uint8Array(22).fill(0x0b), new Uint8Array(0), new Uint8Array(0), 42);
    expect(toHex(okm)).to.equal('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });
});

describe('HMAC-SHA-256 (RFC 4231)', () => {
  it('computes test cases 1 and 2', async () => {
    expect(toHex(await hmacSha256(new Uint8Array(20).fill(0x0b), utf8('Hi There')))).to.equal(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(toHex(await hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).to.equal(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('AES', () => {
  it('AES-GCM: the GCM specification test cases 2 (128-bit key) and 14 (256-bit key)', async () => {
    const sealed128 = await aesGcmEncrypt(new Uint8Array(16), new Uint8Array(12), new Uint8Array(16));
    expect(toHex(sealed128)).to.equal('0388dace60b6a392f328c2b971b2fe78' + 'ab6e47d42cec13bdf53a67b21257bddf');
    const sealed256 = await aesGcmEncrypt(new Uint8Array(32), new Uint8Array(12), new Uint8Array(16));
    expect(toHex(sealed256)).to.equal('cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919');
    expect(toHex(await aesGcmDecrypt(new Uint8Array(16), new Uint8Array(12), sealed128))).to.equal('00'.repeat(16));
    sealed128[20] ^= 1;
    const error = await aesGcmDecrypt(new Uint8Array(16), new Uint8Array(12), sealed128).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(OmemoError).and.to.have.property('condition', 'bad-mac');
  });

  it('AES-256-CBC: SP 800-38A F.2.5 block 1, then PKCS#7 padding', async () => {
    const key = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const iv = range(0, 16);
    const ciphertext = await aesCbcEncrypt(key, iv, fromHex('6bc1bee22e409f96e93d7e117393172a'));
    expect(ciphertext.length).to.equal(32);
    expect(toHex(ciphertext.slice(0, 16))).to.equal('f58c4c04d6e5f1ba779eabfb5f7bfbd6');
    expect(toHex(await aesCbcDecrypt(key, iv, ciphertext))).to.equal('6bc1bee22e409f96e93d7e117393172a');
  });
});
