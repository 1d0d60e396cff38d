/**
 * HTTP File Upload (XEP-0363) against the real servers: the limit from disco, a 5 MB file PUT
 * from this page (another origin than the file server, so CORS is exercised both ways) with its
 * progress, fetched back byte for byte; refusal before any request, cancelling, and anonymous
 * visitors.
 */
import { expect } from '@esm-bundle/chai';
import type { Client } from '../../src/index.ts';
import { closeChats, device } from './chat-helpers.ts';
import { createUpload, UploadError, type Upload } from '../../src/features/upload.ts';
import {
  ANON_DOMAIN,
  DOMAIN,
  SERVERS,
  TEST_OPTIONS,
  TRANSPORTS,
  accountOptions,
  disconnectAll,
  freshAccount,
  serviceUrl,
  trackedClient,
  type ServerName,
} from './servers.ts';

const MB = 1024 * 1024;
/** The test servers' limit (test/servers/*): 20 MB, over Prosody's 10 MB default. */
const LIMIT = 20 * MB;

/** `size` bytes that differ along the file, so a shifted or truncated copy cannot pass. */
function image(size: number, name = 'screen shot é.png'): File {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes.subarray(0, Math.min(size, 65536)));
  for (let i = 65536; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return new File([bytes], name, { type: 'image/png' });
}

async function sameBytes(url: string, file: File): Promise<boolean> {
  const response = await fetch(url); // cross-origin: fails without the file server's CORS headers
  expect(response.status).to.equal(200);
  const got = new Uint8Array(await response.arrayBuffer());
  const sent = new Uint8Array(await file.arrayBuffer());
  return got.length === sent.length && got.every((b, i) => b === sent[i]);
}

async function connected(options: Parameters<typeof trackedClient>[0], domain: string): Promise<{ client: Client; upload: Upload }> {
  const client = trackedClient(options);
  await client.connect();
  return { client, upload: createUpload({ client, domain: () => domain }) };
}

/** Counts the page's HTTP requests (XMLHttpRequest and fetch) while `work` runs. */
async function httpRequestsDuring(work: () => Promise<unknown>): Promise<number> {
  const open = XMLHttpRequest.prototype.open;
  const originalFetch = window.fetch;
  let count = 0;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    count += 1;
    return open.apply(this, args);
  } as typeof open;
  window.fetch = (...args) => {
    count += 1;
    return originalFetch(...args);
  };
  try {
    await work();
  } finally {
    XMLHttpRequest.prototype.open = open;
    window.fetch = originalFetch;
  }
  return count;
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`${server}: file upload`, function () {
    this.timeout(60_000);
    afterEach(disconnectAll);
    const port = SERVERS[server].httpPort;
    const account = async (transport = TRANSPORTS[0]) =>
      connected(accountOptions(await freshAccount(`upload-${server}`, port), serviceUrl(transport, port)), DOMAIN);

    it('reads the limit from disco', async () => {
      const { upload } = await account();
      expect(await upload.limit()).to.equal(LIMIT);
    });

    for (const transport of TRANSPORTS) {
      it(`over ${transport}: uploads a 5 MB file with increasing progress, and its URL serves the same bytes`, async () => {
        const { upload } = await account(transport);
        const file = image(5 * MB);
        const progress: number[] = [];
        const shared = await upload.upload(file, {
          onProgress: (sent, total) => {
            expect(total).to.equal(file.size);
            progress.push(sent);
          },
        });
        expect(shared).to.deep.include({ name: file.name, size: file.size, type: 'image/png' });
        expect(shared.url).to.match(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
        expect(progress.length).to.be.greaterThan(0);
        expect(
          progress.every((sent, i) => i === 0 || sent > progress[i - 1]),
          `only increasing: ${progress.join(' ')}`,
        ).to.equal(true);
        expect(progress.at(-1)).to.equal(file.size);
        expect(await sameBytes(shared.url, file), 'the bytes fetched back').to.equal(true);
      });
    }

    it('refuses a file over the limit in words, before any HTTP request', async () => {
      const { upload } = await account();
      await upload.limit(); // the lookup itself is over XMPP; only the refusal is measured
      let error: unknown;
      const requests = await httpRequestsDuring(async () => {
        error = await upload.upload(image(LIMIT + 1)).catch((e: unknown) => e);
      });
      expect(error).to.be.instanceOf(UploadError);
      expect((error as UploadError).condition).to.equal('too-large');
      expect((error as UploadError).message).to.equal('This file (20.1 MB) is larger than the 20 MB the chat server takes.');
      expect(requests).to.equal(0);
    });

    it('rejects as aborted when cancelled mid-upload, and the file is not served', async () => {
      const { upload } = await account();
      const controller = new AbortController();
      // Loopback takes 15 MB in well under 100 ms, often before any progress report: the PUT is
      // cancelled as soon as it is under way, or at its first report if that comes sooner.
      const put = XMLHttpRequest.prototype.send;
      const open = XMLHttpRequest.prototype.open;
      let url: string | undefined;
      XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, target: string | URL) {
        url = String(target);
        return open.call(this, method, target, true);
      };
      XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
        put.call(this, body);
        setTimeout(() => controller.abort(), 0);
      };
      const error = await upload
        .upload(image(15 * MB), { signal: controller.signal, onProgress: (sent, total) => sent < total && controller.abort() })
        .catch((e: unknown) => e)
        .finally(() => {
          XMLHttpRequest.prototype.send = put;
          XMLHttpRequest.prototype.open = open;
        });
      expect(error).to.be.instanceOf(UploadError);
      expect([(error as UploadError).condition, (error as UploadError).message]).to.deep.equal(['aborted', 'The upload was cancelled.']);
      expect(url, 'the PUT began').to.be.a('string');
      // Prosody answers 410 for a slot never filled; ejabberd 404, without CORS headers (unreadable: 0).
      const status = await fetch(url!).then(
        (response) => response.status,
        () => 0,
      );
      expect([0, 404, 410], 'nothing is served at the slot').to.include(status);
    });

    it("works through the chat's uploadLimit() and upload()", async () => {
      const chat = device(await freshAccount(`upload-${server}`, port), serviceUrl('websocket', port));
      try {
        await chat.connect();
        expect(await chat.uploadLimit()).to.equal(LIMIT);
        const file = image(100 * 1024, 'receipt.png');
        const shared = await chat.upload(file);
        expect(shared).to.deep.include({ name: 'receipt.png', size: file.size });
        expect(await sameBytes(shared.url, file)).to.equal(true);
      } finally {
        await closeChats();
      }
    });

    it('lets an anonymous visitor upload', async () => {
      const { client, upload } = await connected(
        { ...TEST_OPTIONS, service: serviceUrl('websocket', port), domain: ANON_DOMAIN, anonymous: true },
        ANON_DOMAIN,
      );
      expect(client.jid).to.match(/@anon\.localhost\//);
      expect(await upload.limit()).to.equal(LIMIT);
      const file = image(300 * 1024, 'checkout.png');
      const shared = await upload.upload(file);
      expect(await sameBytes(shared.url, file)).to.equal(true);
    });
  });
}
