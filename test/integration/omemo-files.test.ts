/**
 * Encrypted files in OMEMO chats (XEP-0454) through the real servers: a chat uploads a file (its
 * ciphertext only) and sends the `aesgcm://` link sealed; the other chat stores the message with the
 * file; the file server holds bytes that are not the file and decrypt to it exactly; and the archive,
 * read by a third-party client, holds neither the link nor any file element in the clear. A link that
 * python-omemo sends (OMEMO 0.3 and 2) is read as a file too.
 * The test servers serve files over http only: the link's https URL is fetched at http here.
 */
import { expect } from '@esm-bundle/chai';
import { createMemoryBackend, openEncryptedFile, type Chat } from '../../src/index.ts';
import { decryptMedia, parseMediaLink } from '../../src/omemo/media.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { readArchive } from './faults.ts';
import { FALLBACK, omemoPeer, type OmemoVersion } from './omemo-peer.ts';
import { DOMAIN, SERVERS, serviceUrl, type ServerName } from './servers.ts';

const unique = () => Math.random().toString(36).slice(2, 8);

function omemoChat(name: string, service: string): Chat {
  return device(name, service, {
    encryption: 'omemo',
    historyOwner: `${name}@${DOMAIN}`,
    storage: { backend: createMemoryBackend(), channelName: `omemo-files-${name}-${unique()}` },
  });
}

async function ready(chat: Chat): Promise<void> {
  await connectAll(chat);
  await (await chat.omemo())!.published();
}

/** Bytes that differ along the file, so a shifted or truncated copy cannot pass. */
function picture(size: number): File {
  const bytes = crypto.getRandomValues(new Uint8Array(size));
  return new File([bytes], 'holiday photo é.png', { type: 'image/png' });
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`encrypted files (aesgcm://) on ${server}`, function () {
    this.timeout(120_000);
    const port = SERVERS[server].httpPort;
    const service = serviceUrl('websocket', port);
    afterEach(async () => {
      await closeChats();
      await omemoPeer.stopAll();
    });

    it('uploads only the ciphertext, sends the link sealed, and the other chat stores the file', async () => {
      const [a, b] = await newAccounts(server, 'omemo-fa', 'omemo-fb');
      const sender = omemoChat(a, service);
      const receiver = omemoChat(b, service);
      await Promise.all([ready(sender), ready(receiver)]);

      const file = picture(40_000);
      const plain = new Uint8Array(await file.arrayBuffer());
      const shared = await sender.upload(file);
      expect(shared.url).to.match(new RegExp(`^aesgcm://127\\.0\\.0\\.1:${port}/.+#[0-9a-f]{88}$`));
      expect(shared).to.deep.include({ name: file.name, size: file.size, type: 'image/png' });
      // The server learns neither the name nor the type: a random name, the extension kept.
      expect(shared.url).to.not.contain('holiday');

      const sent = await sender.sendFile(`${b}@${DOMAIN}`, shared);
      expect(sent.state, sent.error).to.not.equal('failed');
      expect(sent).to.include({ encrypted: true, body: shared.url });
      expect(sent.payload?.some((el) => el.attrs.xmlns === 'jabber:x:oob' || el.attrs.xmlns === 'urn:xmpp:sfs:0')).to.equal(false);

      const got = await eventually(
        async () => (await history(receiver, `${a}@${DOMAIN}`)).find((m) => m.file),
        'the receiver storing the file',
        40_000,
      );
      expect(got).to.include({ direction: 'in', encrypted: true });
      expect(got.file!.url).to.equal(shared.url);
      const lastSegment = new URL(parseMediaLink(shared.url)!.url).pathname.split('/').pop()!;
      expect(got.file!.name)
        .to.equal(decodeURIComponent(lastSegment))
        .and.match(/^[0-9a-f]{24}\.png$/);

      // What the file server holds is not the file, and decrypts to it exactly.
      const link = parseMediaLink(got.file!.url)!;
      const response = await fetch(link.url.replace(/^https:/, 'http:'));
      expect(response.status).to.equal(200);
      const stored = new Uint8Array(await response.arrayBuffer());
      expect(stored.length).to.equal(plain.length + 16);
      expect(same(stored.subarray(0, plain.length), plain)).to.equal(false);
      expect(same(await decryptMedia(stored, link), plain)).to.equal(true);
      const opened = await openEncryptedFile(got.file!.url, { type: 'image/png', plainHttp: true });
      expect(same(new Uint8Array(await opened.arrayBuffer()), plain)).to.equal(true);

      // The archive, as a third-party client reads it: the fallback body only, no link, no file element.
      const archive = await eventually(async () => {
        const messages = await readArchive(server, `${b}@${DOMAIN}`, `pass-${b}`, `${a}@${DOMAIN}`);
        return messages.some((m) => m.body === FALLBACK) && messages;
      }, 'the archive holding the message');
      const path = new URL(link.url).pathname;
      for (const message of archive) {
        expect(message.oob, 'out-of-band data').to.equal(undefined);
        expect(message.file, 'file metadata').to.equal(undefined);
        expect(message.body ?? '')
          .to.not.contain('aesgcm')
          .and.not.contain(path);
      }
    });

    for (const version of ['0.3', '2'] as OmemoVersion[]) {
      it(`reads a link python-omemo sends in OMEMO ${version} as a file`, async () => {
        const [me, them] = await newAccounts(server, 'omemo-fc', 'omemo-fp');
        const peer = await omemoPeer.start(server, them, { versions: [version] });
        const chat = omemoChat(me, service);
        await ready(chat);
        const url = `aesgcm://127.0.0.1:${port}/file_share/x${unique()}/Scan%20${version}.pdf#${'4f'.repeat(12)}${'a0'.repeat(32)}`;
        // The peer learns of our device from its list (a notification, or its next fetch).
        const { deviceId } = await (await chat.omemo())!.ownDevice();
        await eventually(
          async () => (await omemoPeer.devices(peer, `${me}@${DOMAIN}`)).some((d) => d.deviceId === deviceId),
          'the peer listing us',
        );
        await omemoPeer.send(peer, `${me}@${DOMAIN}`, url, version);
        const got = await eventually(async () => (await history(chat, peer.jid)).find((m) => m.file), 'the file stored', 40_000);
        expect(got).to.include({ encrypted: true, body: url });
        expect(got.file).to.deep.equal({ url, name: `Scan ${version}.pdf` });
      });
    }
  });
}
