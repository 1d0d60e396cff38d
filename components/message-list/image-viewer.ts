/**
 * An image full size, in a modal `<dialog>` over the page (one per list, made when first needed):
 * Escape, the close button or a click beside the image closes it, and the focus goes back to what
 * opened it. The image comes from the same http(s) source as the inline one, without a referrer.
 */
import { html, render } from 'lit';
import type { SharedFile } from '../../src/index.ts';
import { t } from '../i18n/i18n.ts';
import { altOf, httpUrl } from './message-files.ts';

/** Shows `file` in `root`'s viewer; `refocus` is called when it closes. */
export function showImage(root: ShadowRoot, file: SharedFile, lang: string, refocus: () => void): HTMLDialogElement | undefined {
  const src = httpUrl(file.url);
  if (!src) return undefined;
  const dialog = root.querySelector<HTMLDialogElement>('dialog.viewer') ?? viewer(root);
  const alt = altOf(file, lang);
  dialog.setAttribute('aria-label', alt);
  render(
    html`<img src=${src} alt=${alt} referrerpolicy="no-referrer" decoding="async" />
      <button class="close" aria-label=${t(lang, 'image.close')} @click=${() => dialog.close()}><span aria-hidden="true">×</span></button>`,
    dialog,
  );
  dialog.addEventListener('close', refocus, { once: true });
  dialog.showModal();
  return dialog;
}

function viewer(root: ShadowRoot): HTMLDialogElement {
  const dialog = document.createElement('dialog');
  dialog.className = 'viewer';
  dialog.setAttribute('part', 'image-viewer');
  // A click on the dialog itself, not on the image or the button, is a click beside the image.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  root.append(dialog);
  return dialog;
}
