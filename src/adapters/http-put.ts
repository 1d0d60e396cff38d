/**
 * An HTTP PUT of a file with upload progress: the one place the core uses XMLHttpRequest, since
 * fetch() reports no progress of what it sends.
 */

export interface HttpPutOptions {
  /** Request headers, e.g. a slot's Authorization (browsers drop those they forbid, such as Cookie). */
  headers?: Record<string, string>;
  /** Bytes sent so far and the body's size: only ever increasing, and last (total, total) once it is sent. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * How a PUT ended: `sent` with a 2xx status; `refused` with any other, or status 0 when no
 * answer could be read (the server unreachable, or its CORS headers not letting this page in);
 * `aborted` through the signal.
 */
export type HttpPutOutcome =
  { kind: 'sent'; status: number } | { kind: 'refused'; status: number; statusText: string } | { kind: 'aborted' };

/** PUTs `body` to `url`, its Content-Type the blob's own (or application/octet-stream). Never rejects. */
export function httpPut(url: string, body: Blob, { headers = {}, onProgress, signal }: HttpPutOptions = {}): Promise<HttpPutOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve({ kind: 'aborted' });
    const total = body.size;
    let reported = -1; // an empty body reports (0, 0) once
    const progress = (sent: number) => {
      if (sent <= reported || sent > total) return;
      reported = sent;
      onProgress?.(sent, total);
    };
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const end = (outcome: HttpPutOutcome) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => progress(event.loaded));
    xhr.addEventListener('load', () => {
      if (xhr.status < 200 || xhr.status > 299) return end({ kind: 'refused', status: xhr.status, statusText: xhr.statusText });
      progress(total); // the last progress event may not have come, or said less
      end({ kind: 'sent', status: xhr.status });
    });
    xhr.addEventListener('error', () => end({ kind: 'refused', status: 0, statusText: '' }));
    xhr.addEventListener('abort', () => end({ kind: 'aborted' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(body);
  });
}
