import { expect } from '@esm-bundle/chai';
import { fromHex, toHex } from './bytes.ts';
import { edwardsToMontgomery, montgomeryToEdwards } from './field.ts';
import { OmemoError } from './omemo-error.ts';
import { importPrivateKey, sha512 } from './primitives.ts';

// RFC 8032 §7.1 TEST 1's key pair.
const SEED = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const ED_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

describe('Curve25519 field: Montgomery u <-> Edwards y', () => {
  it('maps the base points onto each other (u = 9, y = 4/5)', () => {
    const u = fromHex('09'.padEnd(64, '0'));
    const y = fromHex('5866666666666666666666666666666666666666666666666666666666666666');
    expect(toHex(montgomeryToEdwards(u))).to.equal(toHex(y));
    expect(toHex(edwardsToMontgomery(y))).to.equal(toHex(u));
  });

  it('turns an Ed25519 public key into the X25519 public key of the same scalar', async () => {
    const x = await importPrivateKey('X25519', (await sha512(SEED)).slice(0, 32));
    expect(toHex(edwardsToMontgomery(fromHex(ED_PUBLIC)))).to.equal(toHex(x.publicKey));
    const back = montgomeryToEdwards(x.publicKey, (fromHex(ED_PUBLIC)[31] >> 7) as 0 | 1);
    expect(toHex(back)).to.equal(ED_PUBLIC);
  });

  it('refuses u = −1 (no Edwards form) and a short key', () => {
    const minusOne = fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    expect(() => montgomeryToEdwards(minusOne)).to.throw(OmemoError);
    expect(() => edwardsToMontgomery(new Uint8Array(31))).to.throw(OmemoError);
  });
});
