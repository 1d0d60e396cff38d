import { expect } from '@esm-bundle/chai';
import { loadLanguage } from '../i18n/i18n.ts';
import { inRow, message, mountWithExtras, unmountAll, waitFor } from './test-list.ts';

// test-image-encrypted.png: test-image.png (400 × 300) encrypted with python3-cryptography's AESGCM under this IV and key.
const IV = '6465666768696a6b6c6d6e6f';
const KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
/** The link to a file beside this test, as another client would send it (the page is on http, so it is fetched at http). */
const link = (name: string, key = KEY) => `${new URL(`./${name}`, import.meta.url).href.replace(/^http:/, 'aesgcm:')}#${IV}${key}`;
const image = (el: Parameters<typeof inRow>[0], key: string) => inRow(el, key, 'img') as HTMLImageElement | null;

before(() => loadLanguage('de'));

describe('message list: encrypted files (aesgcm://)', () => {
  afterEach(unmountAll);

  it('decrypts an image in the page and shows it from a blob: URL, never the link with its key', async () => {
    const url = link('test-image-encrypted.png');
    const file = { url, name: 'test-image-encrypted.png' };
    const el = await mountWithExtras({ messages: [message('enc', { body: url, file, encrypted: true })] });
    await waitFor(() => !!image(el, 'enc')?.complete && image(el, 'enc')!.naturalWidth > 0, 'the decrypted image');
    const img = image(el, 'enc')!;
    expect(img.src).to.match(/^blob:/);
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([400, 300]);
    expect(img.alt).to.equal('test-image-encrypted.png');
    expect(img.getAttribute('part')).to.equal('message-image');
    expect(inRow(el, 'enc', '.bubble'), 'the link is not shown as text').to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.contain(KEY);

    // Gone from the page: the decrypted file is let go of.
    const blob = img.src;
    unmountAll();
    const after = await fetch(blob).then(
      () => 'still there',
      () => 'revoked',
    );
    expect(after).to.equal('revoked');
  });

  it('offers any other file for download under its name', async () => {
    const url = link('test-image-encrypted.png');
    const file = { url, name: 'notes.txt', type: 'text/plain', size: 1200 };
    const el = await mountWithExtras({ messages: [message('doc', { body: url, file, direction: 'out' })] });
    await waitFor(() => !!inRow(el, 'doc', 'a'), 'the download link');
    const a = inRow(el, 'doc', 'a') as HTMLAnchorElement;
    expect(a.href).to.match(/^blob:/);
    expect(a.download).to.equal('notes.txt');
    expect(inRow(el, 'doc', '.file-facts')!.textContent).to.equal('1.2 kB · TXT');
    const bytes = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
    const original = new Uint8Array(await (await fetch(new URL('./test-image.png', import.meta.url))).arrayBuffer());
    expect(bytes).to.deep.equal(original);
  });

  it('says in words when a file is gone or cannot be decrypted', async () => {
    const wrongKey = link('test-image-encrypted.png', 'ff'.repeat(32));
    const missing = link('no-such-file.png');
    const el = await mountWithExtras({
      messages: [
        message('bad', { body: wrongKey, file: { url: wrongKey, name: 'photo.png' } }),
        message('gone', { body: missing, file: { url: missing, name: 'no-such-file.png' } }),
      ],
      lang: 'de',
    });
    await waitFor(() => !!inRow(el, 'bad', '.failed') && !!inRow(el, 'gone', '.failed'), 'both failures');
    expect(inRow(el, 'bad', '.failed .file-facts')!.textContent).to.equal(
      'Diese verschlüsselte Datei konnte nicht entschlüsselt werden: Sie wurde verändert, oder ihr Schlüssel ist falsch.',
    );
    expect(inRow(el, 'gone', '.failed .file-facts')!.textContent).to.equal('Diese verschlüsselte Datei ist nicht mehr auf dem Server.');
    expect(image(el, 'bad')).to.equal(null);
  });
});
