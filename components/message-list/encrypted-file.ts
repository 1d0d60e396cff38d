/**
 * An encrypted file's view (XEP-0454 `aesgcm://` links): fetched and decrypted in the page, then shown
 * through a `blob:` URL that is revoked as soon as the view leaves the page or shows another file.
 * While it is being opened, and when it cannot be, the view says so in words.
 */
import type { TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { openEncryptedFile, type SharedFile } from '../../src/index.ts';

/** Where the file stands: being opened, opened (its `blob:` URL), or failed with the error's condition. */
export type EncryptedState = { opening: true } | { url: string } | { failed: string };

/** Renders the file in each state. */
export type EncryptedView = (state: EncryptedState) => TemplateResult;

class EncryptedFileDirective extends AsyncDirective {
  #link?: string;
  #type?: string;
  #view?: EncryptedView;
  #state: EncryptedState = { opening: true };
  #abort?: AbortController;
  #url?: string;

  render(file: SharedFile, view: EncryptedView): TemplateResult {
    if (file.url !== this.#link) {
      this.#release();
      this.#link = file.url;
      this.#type = file.type;
      this.#open();
    }
    this.#view = view;
    return view(this.#state);
  }

  protected override disconnected(): void {
    this.#release();
  }

  protected override reconnected(): void {
    this.#open();
  }

  #open(): void {
    const link = this.#link;
    if (!link) return;
    const abort = (this.#abort = new AbortController());
    this.#state = { opening: true };
    // A page on http is a development machine whose file server has no https either.
    const plainHttp = location.protocol === 'http:';
    openEncryptedFile(link, { type: this.#type, signal: abort.signal, plainHttp }).then(
      (blob) => {
        if (abort.signal.aborted) return;
        this.#url = URL.createObjectURL(blob);
        this.#show({ url: this.#url });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.#show({ failed: (error as { condition?: string }).condition ?? 'unreachable' });
      },
    );
  }

  #show(state: EncryptedState): void {
    this.#state = state;
    if (this.#view && this.isConnected) this.setValue(this.#view(state));
  }

  /** Stops a fetch on its way and lets go of the decrypted file. */
  #release(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = undefined;
    this.#state = { opening: true };
  }
}

/** The encrypted file, rendered by `view` in its current state. */
export const encryptedFile = directive(EncryptedFileDirective);
