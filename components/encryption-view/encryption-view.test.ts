import { expect } from '@esm-bundle/chai';
import { newAccounts } from '../../test/integration/accounts.ts';
import { closeChats, connectAll, device, eventually, history } from '../../test/integration/chat-helpers.ts';
import { DOMAIN, SERVERS, serviceUrl, until } from '../../test/integration/servers.ts';
import { fingerprintUri, type XmppChatEncryptionView } from './encryption-view.ts';
import { qrCode } from './qr-code.ts';

const rows = (modules: boolean[][]) => modules.map((row) => row.map((dark) => (dark ? '#' : '.')).join(''));
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the QR code of a fingerprint', () => {
  it('has the modules of a reference encoder (Nayuki’s, through uqr 0.1.3) for the same text and mask', async () => {
    // uqr's `encode('xmpp-chat', { ecc: 'M', maskPattern: 3, border: 0, boostEcc: false })`.
    expect(rows(qrCode('xmpp-chat', 3))).to.deep.equal([
      '#######.###...#######',
      '#.....#.#..##.#.....#',
      '#.###.#..##...#.###.#',
      '#.###.#.##..#.#.###.#',
      '#.###.#..###..#.###.#',
      '#.....#..#.##.#.....#',
      '#######.#.#.#.#######',
      '........#.###........',
      '#.##.###.####.#..#.##',
      '.#.###..#####..###..#',
      '####..#...##.###...##',
      '.#..#.....##....##.#.',
      '#.....#.#.#.######..#',
      '........####.##.##.#.',
      '#######.#.####.##....',
      '#.....#.#.#.....####.',
      '#.###.#..##.#.#...#..',
      '#.###.#.####..#....#.',
      '#.###.#.##..#.#...#..',
      '#.....#..#...#.#.#..#',
      '#######.##...#.#..#..',
    ]);
    // A fingerprint URI (version 6, 41 modules a side), with two of the masks.
    const uri = fingerprintUri('ann@localhost', 1234567890, '01234567 89abcdef 01234567 89abcdef 01234567 89abcdef 01234567 89abcdef');
    expect(uri).to.equal(`xmpp:ann@localhost?omemo-sid-1234567890=${'0123456789abcdef'.repeat(4)}`);
    expect(await sha256(rows(qrCode(uri, 0)).join('\n'))).to.equal('e4a98b8adb1f0ee16855a32a35a0bb2715b610971d8ae6b777e38a1245b36669');
    expect(await sha256(rows(qrCode(uri, 5)).join('\n'))).to.equal('a2f0fc1cf29cb832274461b1fdaab4823cf103e0bc33d2030dfe8efc2800b725');
    expect(qrCode(uri)).to.have.length(41);
    expect(() => qrCode('x'.repeat(214))).to.throw(RangeError);
  });
});

describe('<xmpp-chat-encryption-view>', function () {
  this.timeout(60_000);
  const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
  let view: XmppChatEncryptionView | undefined;
  afterEach(async () => {
    view?.remove();
    await closeChats();
  });

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const parts = (name: string) => [...view!.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

  it('shows fingerprints to compare, a QR code of ours, and changes a device’s trust', async () => {
    const [ann, bob] = await newAccounts('prosody', 'enc-view-a', 'enc-view-b');
    const a = device(ann, service, { encryption: 'omemo' });
    const b = device(bob, service, { encryption: 'omemo' });
    await connectAll(a, b);
    const [omemoA, omemoB] = [(await a.omemo())!, (await b.omemo())!];
    await Promise.all([omemoA.published(), omemoB.published()]);
    // A first message reads Bob's keys: his fingerprint is known from then on.
    await a.send(`${bob}@${DOMAIN}`, 'Hello Bob');
    await eventually(
      async () => (await history(b, `${ann}@${DOMAIN}`)).some((m) => m.body === 'Hello Bob' && m.encrypted),
      'Bob reading it',
    );

    view = document.createElement('xmpp-chat-encryption-view') as XmppChatEncryptionView;
    Object.assign(view, { chat: a, peer: `${bob}@${DOMAIN}`, self: `${ann}@${DOMAIN}`, peerName: 'Bob' });
    document.body.append(view);
    await until(() => parts('device').length && parts('qr-code').length, 'the devices and the QR code');

    const [own, theirs] = [await omemoA.ownDevice(), await omemoB.ownDevice()];
    expect(text(parts('fingerprint')[0])).to.equal(own.fingerprint);
    expect(parts('qr-code')[0].dataset.uri).to.equal(fingerprintUri(`${ann}@${DOMAIN}`, own.deviceId, own.fingerprint));
    expect(parts('qr-code')[0].getAttribute('aria-label')).to.include('QR code');
    expect(text(view.shadowRoot!.querySelector('h3:nth-of-type(2)'))).to.equal('Devices of Bob');
    const bobDevice = parts('device')[0];
    expect(bobDevice.dataset.device).to.equal(String(theirs.deviceId));
    expect(text(bobDevice.querySelector('[part~="fingerprint"]'))).to.equal(theirs.fingerprint);
    expect(text(bobDevice.querySelector('[part~="trust"]'))).to.equal('Trusted without verification');

    const press = (trust: string) => parts('device')[0].querySelector<HTMLButtonElement>(`[data-trust="${trust}"]`)!.click();
    press('verified');
    await until(() => text(parts('device')[0].querySelector('[part~="trust"]')) === 'Verified', 'verified');
    expect((await omemoA.devices(`${bob}@${DOMAIN}`))[0].trust).to.equal('verified');
    press('distrusted');
    await until(() => text(parts('device')[0].querySelector('[part~="trust"]')).startsWith('Not trusted'), 'distrusted');
    press('blind');
    await until(() => text(parts('device')[0].querySelector('[part~="trust"]')) === 'Trusted without verification', 'blind again');
    expect((await omemoA.devices(`${bob}@${DOMAIN}`))[0].trust).to.equal('blind');

    const closes: string[] = [];
    view.addEventListener('xmpp-chat-encryption-close', (e) => closes.push(`${e.bubbles} ${e.composed}`));
    parts('encryption-back')[0].click();
    expect(closes).to.deep.equal(['true false']); // an internal event: it bubbles to the panel, no further
  });
});
