/**
 * Sharing a file by HTTP File Upload (XEP-0363): the server's upload service gives a slot, the
 * file is PUT there, and the slot's GET URL is what a message then carries. Loaded only when a
 * file is first shared or the limit first asked for. In an encrypted chat the file is encrypted first
 * (XEP-0454): the server gets the ciphertext under a random name, and the message an `aesgcm://` link.
 */
import { httpPut, type HttpPutOutcome } from '../adapters/http-put.ts';
import type { Client } from '../client.ts';
import { StanzaError, XmppChatError } from '../errors.ts';
import type { SharedFile } from '../storage/types.ts';
import { buildSlotRequest, parseUploadSlot } from '../stanza/upload.ts';
import { createUploadServiceLookup } from './upload-service.ts';

export type UploadCondition = 'no-service' | 'too-large' | 'refused' | 'failed' | 'aborted';

/** A file could not be uploaded; the message says why, for people. */
export class UploadError extends XmppChatError {
  override readonly name = 'UploadError';
  constructor(
    readonly condition: UploadCondition,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface UploadOptions {
  /** Bytes sent and the file's size: only ever increasing, and last (size, size) once sent. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborting it cancels the upload, which then rejects with the condition `aborted`. */
  signal?: AbortSignal;
}

export interface Upload {
  /** The largest file the server takes, in bytes (Infinity if it states none); undefined without an upload service. */
  limit(): Promise<number | undefined>;
  /** Uploads the file and returns what a message shares of it; rejects with an UploadError. */
  upload(file: File, options?: UploadOptions): Promise<SharedFile>;
}

export interface UploadDeps {
  client: Client;
  /** Our server's domain: its upload service is the server or one of its items. */
  domain: () => string;
  /** Files are encrypted before they leave (XEP-0454, for OMEMO chats); their code loads with the first. */
  encrypt?: boolean;
}

const MB = 1024 * 1024;
/** Megabytes to one decimal, rounded up (a file size) or down (a limit), so a file just over reads as over. */
const megabytes = (bytes: number, round: (x: number) => number) => `${round((bytes / MB) * 10) / 10} MB`;

function tooLarge(size: number, limit: number | undefined): UploadError {
  const file = megabytes(size, Math.ceil);
  const sentence =
    limit === undefined
      ? `This file (${file}) is larger than the chat server takes.`
      : `This file (${file}) is larger than the ${megabytes(limit, Math.floor)} the chat server takes.`;
  return new UploadError('too-large', sentence);
}

/** The upload service's refusal of a slot (XEP-0363 §5) in words. */
function slotRefused(error: StanzaError, size: number, limit: number | undefined): UploadError {
  switch (error.condition) {
    case 'not-acceptable': // §5: a file too large, the limit given with it
      return tooLarge(size, limit);
    case 'resource-constraint': // §5: a quota reached
      return new UploadError('refused', 'You have uploaded as much as the chat server allows for now. Try again later.', { cause: error });
    case 'not-allowed':
    case 'forbidden':
      return new UploadError('refused', 'The chat server does not let this account upload files.', { cause: error });
    default:
      return new UploadError('failed', `The file could not be uploaded: ${lowerFirst(error.message)}`, { cause: error });
  }
}

const lowerFirst = (sentence: string) => sentence.charAt(0).toLowerCase() + sentence.slice(1);

/** Reason phrases (RFC 9110 §15) for the answers a file server gives most. */
const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  507: 'Insufficient Storage',
};

function putRefused({ status, statusText }: Extract<HttpPutOutcome, { kind: 'refused' }>): UploadError {
  if (status === 0)
    return new UploadError(
      'failed',
      'The file could not be uploaded: the file server could not be reached, or did not let this page read its answer.',
    );
  const words = STATUS_WORDS[status] ?? statusText;
  return new UploadError('failed', `The file could not be uploaded: the file server answered ${status}${words ? ` (${words})` : ''}.`);
}

const cancelled = () => new UploadError('aborted', 'The upload was cancelled.');

/** The work's result, or the upload's cancellation as soon as the signal says so. */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * What goes to the server in place of the file: its ciphertext and tag, as `application/octet-stream`,
 * named at random but for the extension (a receiver sees the name only in the link, and the extension
 * tells it an image from other files); and the link for the slot's URL.
 */
async function encrypted(file: File, name: string): Promise<{ sent: File; link: (url: string) => string }> {
  const { buildMediaLink, encryptMedia } = await import('../omemo/media.ts');
  const { data, iv, key } = await encryptMedia(await file.arrayBuffer());
  const extension = /\.[a-z0-9]{1,8}$/i.exec(name)?.[0] ?? '';
  const random = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const sent = new File([data], `${random}${extension.toLowerCase()}`, { type: 'application/octet-stream' });
  return { sent, link: (url) => buildMediaLink({ url, iv, key }) };
}

export function createUpload({ client, domain, encrypt = false }: UploadDeps): Upload {
  const service = createUploadServiceLookup({ client, domain });

  async function upload(file: File, signal: AbortSignal | undefined, onProgress: UploadOptions['onProgress']): Promise<SharedFile> {
    const found = await unlessAborted(service(), signal);
    if (!found) throw new UploadError('no-service', 'This chat server does not take files.');
    const limit = found.maxFileSize;
    // Refused here, before anything is asked or sent (an encrypted file is 16 bytes larger: its tag).
    const size = file.size + (encrypt ? 16 : 0);
    if (limit !== undefined && size > limit) throw tooLarge(size, limit);
    const name = file.name || 'file';
    const sealed = encrypt ? await unlessAborted(encrypted(file, name), signal) : undefined;
    const sent = sealed?.sent ?? file;
    const request = buildSlotRequest(found.jid, { name: sent.name || name, size: sent.size, type: sent.type });
    const reply = await unlessAborted(
      client.iq(request).catch((error: unknown) => {
        throw error instanceof StanzaError ? slotRefused(error, size, limit) : error;
      }),
      signal,
    );
    const slot = parseUploadSlot(reply, found.jid);
    if (!slot) throw new UploadError('failed', 'The file could not be uploaded: the chat server gave no usable address for it.');
    // Progress in the file's own bytes, whatever was sent for it.
    const progress =
      onProgress && ((bytes: number, total: number) => onProgress(Math.min(file.size, Math.round((bytes / total) * file.size)), file.size));
    const outcome = await httpPut(slot.put, sent, { headers: slot.headers, onProgress: sealed ? progress : onProgress, signal });
    if (outcome.kind === 'aborted') throw cancelled();
    if (outcome.kind === 'refused') throw putRefused(outcome);
    // What the message shares; name, size and type of the original are for this side's view only.
    return { url: sealed ? sealed.link(slot.get) : slot.get, name, size: file.size, ...(file.type && { type: file.type }) };
  }

  return {
    limit: async () => {
      const found = await service();
      return found && (found.maxFileSize ?? Infinity);
    },
    async upload(file, { onProgress, signal } = {}) {
      if (signal?.aborted) throw cancelled();
      return upload(file, signal, onProgress).catch((error: unknown) => {
        if (error instanceof UploadError) throw error;
        // A connection lost on the way: its error says what happened, in words.
        const reason = error instanceof Error ? ` ${error.message}` : '';
        throw new UploadError('failed', `The file could not be uploaded.${reason}`, { cause: error });
      });
    },
  };
}
