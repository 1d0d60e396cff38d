/**
 * The files being sent, for the panel's upload tray: each is checked against the server's limit
 * (XEP-0363 disco), uploaded with its progress, then sent as a message (a link with out-of-band
 * data and file metadata; in an encrypting chat, the encrypted file's `aesgcm://` link alone, sealed). Nothing is sent before the upload has finished, so no message ever
 * points at nothing; a failed one stays until it is retried or dismissed. Loaded with the first file.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SharedFile, StoredMessage } from '../../src/index.ts';
import { imageSize, namedFile } from './upload-files.ts';

/** What uploads need of the chat (the chat of src/chat.ts has them). */
export interface UploadingChat {
  /** Bytes the server takes in one file; undefined when it has no upload service. */
  uploadLimit(): Promise<number | undefined>;
  /** Rejects with an error whose `condition` says why ('aborted' after the signal). */
  upload(file: File, options?: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal }): Promise<SharedFile>;
  sendFile(peer: string, file: SharedFile): Promise<StoredMessage>;
}

/** Checking the server's limit and reading an image's size, uploading, sending the message, or stopped by an error. */
export type UploadStage = 'preparing' | 'uploading' | 'sending' | 'failed';

/** Why an upload failed: the error's condition, with the server's limit for a file too large. */
export interface UploadFailure {
  /** 'no-service', 'too-large', or the upload error's condition ('refused', 'failed'…). */
  condition: string;
  /** The core's sentence, when the error came from it. */
  message?: string;
  /** Bytes the server takes, when the file was too large. */
  limit?: number;
}

/** One file on its way, as the tray shows it. */
export interface Upload {
  readonly id: string;
  /** The conversation it is sent to. */
  readonly peer: string;
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  readonly stage: UploadStage;
  /** Bytes sent in this attempt: never less than before. */
  readonly sent: number;
  readonly failure?: UploadFailure;
  /** Whether trying again can help: not for a file too large, nor for a server without uploads. */
  readonly retryable: boolean;
}

interface Entry {
  upload: Upload;
  file: File;
  abort: AbortController;
  /** The uploaded file, once there: a retry after a failed send sends it without uploading again. */
  shared?: SharedFile;
}

export class Uploads implements ReactiveController {
  /** Every upload not finished, oldest first; a new array after each change. */
  items: readonly Upload[] = [];
  #entries: Entry[] = [];
  #count = 0;

  /**
   * @param chat The chat to upload with, asked at each attempt (a new session has a new chat).
   * @param now The clock that names pasted images.
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly chat: () => UploadingChat,
    private readonly now: () => Date = () => new Date(),
  ) {
    host.addController(this);
  }

  /** The host left the page, and its chat with it: unfinished uploads stop. */
  hostDisconnected(): void {
    for (const entry of this.#entries) entry.abort.abort();
    this.#entries = [];
    this.#changed();
  }

  /** The uploads to `peer`. */
  of(peer: string): Upload[] {
    return this.items.filter((upload) => upload.peer === peer);
  }

  /** Uploads these files and sends each to `peer` as it finishes. */
  add(files: readonly File[], peer: string): void {
    for (const chosen of files) {
      const file = namedFile(chosen, this.now());
      const upload: Upload = {
        id: `upload-${++this.#count}`,
        peer,
        name: file.name,
        size: file.size,
        stage: 'preparing',
        sent: 0,
        retryable: true,
      };
      const entry: Entry = { upload, file, abort: new AbortController() };
      this.#entries.push(entry);
      void this.#run(entry);
    }
    this.#changed();
  }

  /** Stops an upload and forgets it (a failed one is only forgotten); once its message is being sent, it is too late. */
  cancel(id: string): void {
    const entry = this.#find(id);
    if (!entry || entry.upload.stage === 'sending') return;
    entry.abort.abort();
    this.#forget(entry);
  }

  /** Tries a failed upload again: the whole way, or only the sending when the file was uploaded. */
  retry(id: string): void {
    const entry = this.#find(id);
    if (entry?.upload.stage !== 'failed' || !entry.upload.retryable) return;
    entry.abort = new AbortController();
    void this.#run(entry);
  }

  /** Forgets a failed upload. */
  dismiss(id: string): void {
    const entry = this.#find(id);
    if (entry?.upload.stage === 'failed') this.#forget(entry);
  }

  async #run(entry: Entry): Promise<void> {
    const { file, abort } = entry;
    this.#set(entry, { stage: 'preparing', sent: 0, failure: undefined });
    try {
      const chat = this.chat();
      if (!entry.shared) {
        const limit = await chat.uploadLimit();
        if (limit === undefined) return this.#fail(entry, { condition: 'no-service' }, false);
        // Refused here, before a byte is sent: the server would refuse the slot anyway.
        if (file.size > limit) return this.#fail(entry, { condition: 'too-large', limit }, false);
        const size = await imageSize(file);
        if (abort.signal.aborted) return;
        this.#set(entry, { stage: 'uploading' });
        const onProgress = (sent: number, total: number) => this.#progress(entry, sent, total);
        const shared = await chat.upload(file, { onProgress, signal: abort.signal });
        entry.shared = { ...shared, ...size };
      }
      if (abort.signal.aborted) return;
      this.#set(entry, { stage: 'sending', sent: file.size });
      await chat.sendFile(entry.upload.peer, entry.shared);
      this.#forget(entry);
    } catch (error) {
      // Cancelled: the entry is already forgotten.
      if (abort.signal.aborted) return;
      const { condition = 'failed', message } = error as { condition?: string; message?: string };
      this.#fail(entry, { condition, message }, condition !== 'too-large' && condition !== 'no-service');
    }
  }

  /** Progress as a share of the file's size, which only grows. */
  #progress(entry: Entry, sent: number, total: number): void {
    const { size } = entry.upload;
    const bytes = total > 0 ? Math.round(size * Math.min(1, Math.max(0, sent / total))) : 0;
    if (bytes > entry.upload.sent && entry.upload.stage === 'uploading') this.#set(entry, { sent: bytes });
  }

  #fail(entry: Entry, failure: UploadFailure, retryable: boolean): void {
    this.#set(entry, { stage: 'failed', failure, retryable });
  }

  #set(entry: Entry, change: Partial<Upload>): void {
    entry.upload = { ...entry.upload, ...change };
    this.#changed();
  }

  #forget(entry: Entry): void {
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#changed();
  }

  #find(id: string): Entry | undefined {
    return this.#entries.find((entry) => entry.upload.id === id);
  }

  #changed(): void {
    this.items = this.#entries.map((entry) => entry.upload);
    this.host.requestUpdate();
  }
}
