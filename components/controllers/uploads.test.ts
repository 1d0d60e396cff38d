import { expect } from '@esm-bundle/chai';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SharedFile, StoredMessage } from '../../src/index.ts';
import { Uploads, type Upload, type UploadingChat } from './uploads.ts';
import { namedFile } from './upload-files.ts';

type Progress = (sent: number, total: number) => void;

/** An upload the test finishes, fails or watches being aborted. */
interface PendingUpload {
  file: File;
  progress: Progress;
  signal: AbortSignal;
  finish(url?: string): void;
  fail(error: Error & { condition?: string }): void;
}

/** A chat whose uploads wait for the test. */
class FakeChat implements UploadingChat {
  limit: number | undefined = 1000;
  uploads: PendingUpload[] = [];
  sent: { peer: string; file: SharedFile }[] = [];
  sendError?: Error;

  uploadLimit(): Promise<number | undefined> {
    return Promise.resolve(this.limit);
  }

  upload(file: File, options: { onProgress?: Progress; signal?: AbortSignal } = {}): Promise<SharedFile> {
    return new Promise((resolve, reject) => {
      const signal = options.signal!;
      signal.addEventListener('abort', () => reject(Object.assign(new Error('The upload was cancelled.'), { condition: 'aborted' })));
      this.uploads.push({
        file,
        signal,
        progress: options.onProgress!,
        finish: (url = `https://files.example/${file.name}`) => resolve({ url, name: file.name, size: file.size, type: file.type }),
        fail: reject,
      });
    });
  }

  sendFile(peer: string, file: SharedFile): Promise<StoredMessage> {
    if (this.sendError) return Promise.reject(this.sendError);
    this.sent.push({ peer, file });
    return Promise.resolve({ key: 'k', peer, direction: 'out', body: file.url, time: 0, state: 'pending', ids: [], file });
  }
}

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  readonly updateComplete = Promise.resolve(true);
}

const text = (name: string, size: number, type = 'text/plain') => new File(['x'.repeat(size)], name, { type });
/** Lets the controller's awaits run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function pngFile(name: string, width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

function setUp() {
  const host = new Host();
  const chat = new FakeChat();
  const uploads = new Uploads(
    host,
    () => chat,
    () => new Date(2026, 11, 2, 10, 15, 30),
  );
  return { host, chat, uploads };
}

describe('Uploads', () => {
  it('uploads a file, then sends it and forgets it', async () => {
    const { host, chat, uploads } = setUp();
    uploads.add([text('notes.txt', 300)], 'ann@x.org');
    expect(host.controllers).to.deep.equal([uploads]);
    expect(uploads.items.map((u) => [u.name, u.size, u.stage])).to.deep.equal([['notes.txt', 300, 'preparing']]);
    await settle();
    expect(uploads.items[0].stage).to.equal('uploading');
    expect(chat.sent).to.deep.equal([]);
    chat.uploads[0].finish();
    await settle();
    expect(chat.sent).to.deep.equal([
      { peer: 'ann@x.org', file: { url: 'https://files.example/notes.txt', name: 'notes.txt', size: 300, type: 'text/plain' } },
    ]);
    expect(uploads.items).to.deep.equal([]);
    expect(host.updates).to.be.greaterThan(2);
  });

  it('reports progress that only grows, whatever the callback says', async () => {
    const { chat, uploads } = setUp();
    uploads.add([text('big.txt', 1000)], 'ann@x.org');
    await settle();
    const seen: number[] = [];
    for (const [sent, total] of [
      [100, 1000],
      [400, 1000],
      [250, 1000],
      [0, 0],
      [900, 1000],
      [850, 1000],
      [5000, 1000],
    ]) {
      chat.uploads[0].progress(sent, total);
      seen.push(uploads.items[0].sent);
    }
    expect(seen).to.deep.equal([100, 400, 400, 400, 900, 900, 1000]);
  });

  it('refuses a file over the server’s limit without uploading it, for good', async () => {
    const { chat, uploads } = setUp();
    chat.limit = 500;
    uploads.add([text('huge.log', 501)], 'ann@x.org');
    await settle();
    expect(chat.uploads).to.deep.equal([]);
    expect(chat.sent).to.deep.equal([]);
    const [item] = uploads.items;
    expect(item).to.include({ stage: 'failed', retryable: false, size: 501 });
    expect(item.failure).to.deep.equal({ condition: 'too-large', limit: 500 });
    uploads.retry(item.id);
    await settle();
    expect(chat.uploads).to.deep.equal([]);
  });

  it('says so when the server takes no files', async () => {
    const { chat, uploads } = setUp();
    chat.limit = undefined;
    uploads.add([text('a.txt', 1)], 'ann@x.org');
    await settle();
    expect(uploads.items[0]).to.include({ stage: 'failed', retryable: false });
    expect(uploads.items[0].failure).to.deep.equal({ condition: 'no-service' });
    expect(chat.uploads).to.have.length(0);
  });

  it('cancels: the upload is aborted, forgotten, and nothing is sent', async () => {
    const { chat, uploads } = setUp();
    uploads.add([text('a.txt', 10), text('b.txt', 10)], 'ann@x.org');
    await settle();
    const [a, b] = uploads.items;
    uploads.cancel(a.id);
    expect(chat.uploads[0].signal.aborted).to.equal(true);
    expect(chat.uploads[1].signal.aborted).to.equal(false);
    await settle();
    expect(uploads.items.map((u) => u.id)).to.deep.equal([b.id]);
    chat.uploads[1].finish();
    await settle();
    expect(chat.sent.map((s) => s.file.name)).to.deep.equal(['b.txt']);
  });

  it('keeps a failed upload, sends nothing, and sends it once a retry succeeds', async () => {
    const { chat, uploads } = setUp();
    uploads.add([text('report.pdf', 200, 'application/pdf')], 'ann@x.org');
    await settle();
    chat.uploads[0].progress(150, 200);
    chat.uploads[0].fail(Object.assign(new Error('The file server did not answer.'), { name: 'UploadError', condition: 'failed' }));
    await settle();
    const [item] = uploads.items;
    expect(item).to.include({ stage: 'failed', retryable: true });
    expect(item.failure).to.deep.equal({ condition: 'failed', message: 'The file server did not answer.' });
    expect(chat.sent).to.deep.equal([]);
    uploads.retry(item.id);
    expect(uploads.items[0]).to.include({ stage: 'preparing', sent: 0 });
    expect(uploads.items[0].failure).to.equal(undefined);
    await settle();
    expect(chat.uploads).to.have.length(2);
    chat.uploads[1].finish();
    await settle();
    expect(chat.sent.map((s) => s.file.name)).to.deep.equal(['report.pdf']);
    expect(uploads.items).to.deep.equal([]);
  });

  it('sends again without uploading again when only the sending failed', async () => {
    const { chat, uploads } = setUp();
    chat.sendError = new Error('The history cannot be written.');
    uploads.add([text('a.txt', 5)], 'ann@x.org');
    await settle();
    chat.uploads[0].finish();
    await settle();
    expect(uploads.items[0]).to.include({ stage: 'failed', retryable: true });
    chat.sendError = undefined;
    uploads.retry(uploads.items[0].id);
    await settle();
    expect(chat.uploads).to.have.length(1);
    expect(chat.sent).to.have.length(1);
    expect(uploads.items).to.deep.equal([]);
  });

  it('dismisses only failed uploads', async () => {
    const { chat, uploads } = setUp();
    chat.limit = 1;
    uploads.add([text('a.txt', 5)], 'ann@x.org');
    const id = uploads.items[0].id;
    uploads.dismiss(id);
    expect(uploads.items).to.have.length(1);
    await settle();
    uploads.dismiss(id);
    expect(uploads.items).to.deep.equal([]);
  });

  it('sends an image with its width and height, read before uploading', async () => {
    const { chat, uploads } = setUp();
    chat.limit = 1_000_000;
    uploads.add([await pngFile('shot.png', 30, 20)], 'ann@x.org');
    await new Promise((resolve) => setTimeout(resolve, 50));
    chat.uploads[0].finish();
    await settle();
    expect(chat.sent[0].file).to.include({ name: 'shot.png', type: 'image/png', width: 30, height: 20 });
  });

  it('names pasted images by the time they were pasted, and leaves other names alone', async () => {
    const when = new Date(2026, 11, 2, 10, 15, 30);
    const png = await pngFile('image.png', 2, 2);
    expect(namedFile(png, when).name).to.equal('image-2026-12-02-101530.png');
    expect(namedFile(new File(['x'], '', { type: 'image/jpeg' }), when).name).to.equal('image-2026-12-02-101530.jpg');
    const renamed = namedFile(png, when);
    expect([renamed.size, renamed.type]).to.deep.equal([png.size, 'image/png']);
    const named = new File(['x'], 'holiday.png', { type: 'image/png' });
    expect(namedFile(named, when)).to.equal(named);
    const notImage = new File(['x'], 'image.txt', { type: 'text/plain' });
    expect(namedFile(notImage, when)).to.equal(notImage);
  });

  it('lists the uploads of one conversation, and stops them all when its host leaves', async () => {
    const { chat, uploads } = setUp();
    uploads.add([text('a.txt', 1)], 'ann@x.org');
    uploads.add([text('b.txt', 1)], 'bob@x.org');
    expect(uploads.of('bob@x.org').map((u: Upload) => u.name)).to.deep.equal(['b.txt']);
    await settle();
    uploads.hostDisconnected();
    expect(chat.uploads.every((u) => u.signal.aborted)).to.equal(true);
    expect(uploads.items).to.deep.equal([]);
    await settle();
    expect(chat.sent).to.deep.equal([]);
  });
});
