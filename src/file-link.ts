/**
 * Opening an encrypted file (XEP-0454): its `aesgcm://` link is fetched over https and decrypted
 * here, the key never leaving the page. The decryption code loads with the first file.
 */
import { XmppChatError } from './errors.ts';

export type FileLinkCondition = 'bad-link' | 'not-found' | 'unreachable' | 'undecryptable';

/** An encrypted file could not be shown; the message says why, for people. */
export class FileLinkError extends XmppChatError {
  override readonly name = 'FileLinkError';
  constructor(
    readonly condition: FileLinkCondition,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OpenFileOptions {
  /** Media type of the blob (the sender's, when known). */
  type?: string;
  signal?: AbortSignal;
  /**
   * Fetch over http instead: only for a page that is itself on http (a development machine), whose
   * file server has no https. The file is still authenticated: a changed one is refused.
   */
  plainHttp?: boolean;
}

/** The decrypted file of an `aesgcm://` link; rejects with a FileLinkError (or the signal's reason). */
export async function openEncryptedFile(link: string, { type, signal, plainHttp = false }: OpenFileOptions = {}): Promise<Blob> {
  const { decryptMedia, parseMediaLink } = await import('./omemo/media.ts');
  const parsed = parseMediaLink(link);
  if (!parsed) throw new FileLinkError('bad-link', 'This is not the link of an encrypted file.');
  const url = plainHttp ? parsed.url.replace(/^https:/, 'http:') : parsed.url;
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FileLinkError('unreachable', 'The encrypted file could not be fetched: its server could not be reached.', { cause: error });
  }
  if (!response.ok)
    throw new FileLinkError('not-found', `The encrypted file could not be fetched: its server answered ${response.status}.`);
  const data = await response.arrayBuffer();
  try {
    return new Blob([await decryptMedia(data, parsed)], type ? { type } : {});
  } catch (error) {
    throw new FileLinkError('undecryptable', 'The encrypted file could not be decrypted: it was changed, or the link is not its.', {
      cause: error,
    });
  }
}
