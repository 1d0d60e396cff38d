import { expect } from '@esm-bundle/chai';
import { fromHex, toHex, utf8 } from './bytes.ts';
import { buildMediaLink, decryptMedia, encryptMedia, parseMediaLink } from './media.ts';

// Made with python3-cryptography's AESGCM (Debian), as python-omemo clients encrypt files.
const KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const IV = '6465666768696a6b6c6d6e6f';
const PLAIN = 'A picture of an order, 1 KB or so.';
const SEALED = '093bae0f1a9d23ec5b42308efa0404dd2db0626ff940d343879aee6894d1853bfbc7e79a3bfa7e0c1d7a0e7d4c866a675c72';

describe('OMEMO media sharing (aesgcm:// links)', () => {
  it('reads a link with a 12-byte IV, and an older one with 16 bytes', () => {
    const link = parseMediaLink(`aesgcm://files.example.org/abc/photo%20one.jpg#${IV}${KEY}`)!;
    expect(link.url).to.equal('https://files.example.org/abc/photo%20one.jpg');
    expect([toHex(link.iv), toHex(link.key)]).to.deep.equal([IV, KEY]);
    const older = parseMediaLink(`aesgcm://files.example.org:5443/x.png#${'ab'.repeat(16)}${KEY}`)!;
    expect([older.url, older.iv.length, toHex(older.key)]).to.deep.equal(['https://files.example.org:5443/x.png', 16, KEY]);
  });

  it('leaves alone what is not such a link', () => {
    for (const text of [
      `https://files.example.org/x.png#${IV}${KEY}`,
      'aesgcm://files.example.org/x.png',
      `aesgcm://files.example.org/x.png#${IV}${KEY.slice(2)}`,
      `see aesgcm://files.example.org/x.png#${IV}${KEY}`,
      `aesgcm://files.example.org/x.png#${IV}${KEY.replace('0', 'g')}`,
    ])
      expect(parseMediaLink(text), text).to.equal(undefined);
  });

  it('builds the link it reads', () => {
    const link = { url: 'https://upload.example.org/slot/a%20b.pdf', iv: fromHex(IV), key: fromHex(KEY) };
    const text = buildMediaLink(link);
    expect(text).to.equal(`aesgcm://upload.example.org/slot/a%20b.pdf#${IV}${KEY}`);
    expect(parseMediaLink(text)).to.deep.equal(link);
  });

  it('decrypts what python-cryptography encrypted, and its own; refuses an altered file', async () => {
    expect(new TextDecoder().decode(await decryptMedia(fromHex(SEALED), { iv: fromHex(IV), key: fromHex(KEY) }))).to.equal(PLAIN);
    const mine = await encryptMedia(utf8(PLAIN));
    expect(mine.data.length).to.equal(PLAIN.length + 16);
    expect(new TextDecoder().decode(await decryptMedia(mine.data, mine))).to.equal(PLAIN);
    mine.data[0] ^= 1;
    const refused = await decryptMedia(mine.data, mine).catch((error: Error & { condition?: string }) => error.condition);
    expect(refused).to.equal('bad-mac');
  });
});
