/**
 * A shared file in a message: an image inline, in a box of its known aspect ratio so nothing moves
 * when it loads; a large image as a card that fetches nothing until asked; any other
 * file as a card with its name, size, type and a download link. Sources are http(s) only, checked
 * here again whatever the core kept, and SVG (which can carry script and tracking when opened) is
 * never shown from remote data: it is a file like any other. An encrypted file (`aesgcm://`) is
 * decrypted in the page first (encrypted-file.ts): an image then shows inline, anything else as a card
 * whose link saves it under its name.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SharedFile } from '../../src/index.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { encryptedFile, type EncryptedState } from './encrypted-file.ts';
import { formatSize } from './file-size.ts';

/** Images above this size (when known) wait for the reader to ask for them. */
const LARGE_IMAGE = 8 * 1024 * 1024;
/** The largest box an image is shown in before it is opened full size. */
const BOX = { width: 280, height: 320 };
const IMAGE_PATH = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

/** The URL when it is an absolute http(s) one, else undefined. */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol, href } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? href : undefined;
}

/**
 * How a file shows: `image` inline, `large` as a card whose button shows the image, `file` as a
 * download card. Without a media type, a link whose path names an image format is taken as one
 * (plain out-of-band data, as most clients send it, carries only the link).
 */
function fileKind(file: SharedFile): 'image' | 'large' | 'file' {
  const url = httpUrl(file.url);
  if (!url) return 'file';
  const path = new URL(url).pathname;
  const image = file.type ? file.type.startsWith('image/') && !file.type.startsWith('image/svg') : IMAGE_PATH.test(path);
  if (!image || /\.svgz?$/i.test(path)) return 'file';
  return (file.size ?? 0) > LARGE_IMAGE ? 'large' : 'image';
}

/** The size an image is shown at: its own, shrunk to fit the box; undefined when not known. */
function boxSize(file: SharedFile): { width: number; height: number } | undefined {
  const { width, height } = file;
  if (!width || !height) return undefined;
  const scale = Math.min(1, BOX.width / width, BOX.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** What an image shows, for its alt text. */
export const altOf = (file: SharedFile, lang: string): string => file.desc ?? file.name ?? t(lang, 'image.untitled');

/** What the row does with a file. */
export interface FileActions {
  /** A large image's button was pressed: show it from now on. */
  show: () => void;
  /** The inline image was pressed: open it full size. */
  open: (file: SharedFile, opener: HTMLElement) => void;
  /** An image of unknown size loaded and took its own size: the row's height changed. */
  loaded: () => void;
}

/** The file's view; `shown` is true once the reader asked for a large image. */
export function fileView(file: SharedFile, lang: string, shown: boolean, actions: FileActions): TemplateResult {
  if (isEncrypted(file.url)) return html`${encryptedFile(file, (state) => encryptedView(file, lang, state, actions))}`;
  const kind = fileKind(file);
  if (kind === 'image' || (kind === 'large' && shown)) return image(file, lang, actions);
  return card(file, lang, kind === 'large' ? actions.show : undefined);
}

function image(file: SharedFile, lang: string, actions: FileActions): TemplateResult {
  const size = boxSize(file);
  const alt = altOf(file, lang);
  return html`<button class="image ${size ? '' : 'unsized'}" aria-label=${t(lang, 'image.open', { name: alt })}
    @click=${(event: Event) => actions.open(file, event.currentTarget as HTMLElement)}>
    <img part="message-image" src=${httpUrl(file.url)!} alt=${alt} width=${size?.width ?? nothing} height=${size?.height ?? nothing}
      referrerpolicy="no-referrer" loading="lazy" decoding="async" @load=${size ? nothing : natural(actions)} />
  </button>`;
}

/**
 * An image of unknown size keeps a small box until it has loaded, then takes its own size in the
 * same task as the row is measured again, so the browser never paints the rows below it moved.
 */
const natural = (actions: FileActions) => (event: Event) => {
  (event.target as HTMLElement).classList.add('natural');
  actions.loaded();
};

function card(file: SharedFile, lang: string, show?: () => void): TemplateResult {
  const url = httpUrl(file.url);
  const name = file.name ?? nameInUrl(url) ?? t(lang, 'image.untitled');
  const kind = typeOf(file, name);
  const size = file.size === undefined ? '' : formatSize(file.size, lang);
  return html`<div class="file" part="message-file">
    <span class="file-name" dir="auto">${name}</span>
    <span class="file-facts">${[size, kind].filter(Boolean).join(' · ')}</span>
    ${
      show
        ? html`<button class="show-image" @click=${show}>${t(lang, 'file.show-image', { size })}</button>`
        : url
          ? html`<a href=${url} target="_blank" rel="noopener noreferrer" aria-label=${t(lang, 'file.download-name', { name })}>${t(
              lang,
              'file.download',
            )}</a>`
          : nothing
    }
  </div>`;
}

/** An encrypted file's link (XEP-0454). */
export const isEncrypted = (url: string): boolean => /^aesgcm:\/\//i.test(url);

/** Conditions of FileLinkError and the words for them. */
const FAILED: Record<string, MessageKey> = { 'not-found': 'file.encrypted-gone', undecryptable: 'file.encrypted-broken' };

/** An encrypted file while it is opened, once opened (an image inline, else a card to save it), or why it could not be. */
function encryptedView(file: SharedFile, lang: string, state: EncryptedState, actions: FileActions): TemplateResult {
  const name = file.name ?? t(lang, 'image.untitled');
  if ('failed' in state)
    return html`<div class="file failed" part="message-file" role="status">
      <span class="file-name" dir="auto">${name}</span><span class="file-facts">${t(lang, FAILED[state.failed] ?? 'file.encrypted-unreachable')}</span>
    </div>`;
  if ('opening' in state)
    return html`<div class="file" part="message-file"><span class="file-name" dir="auto">${name}</span>
      <span class="file-facts">${t(lang, 'file.decrypting')}</span></div>`;
  const image = file.type ? file.type.startsWith('image/') && !file.type.startsWith('image/svg') : IMAGE_PATH.test(name);
  if (image) {
    const size = boxSize(file);
    // Measured again once loaded, sized or not: the row grew from the card it was while decrypting.
    return html`<div class="image still ${size ? '' : 'unsized'}"><img part="message-image" src=${state.url} alt=${altOf(file, lang)}
      width=${size?.width ?? nothing} height=${size?.height ?? nothing} decoding="async" @load=${natural(actions)} /></div>`;
  }
  const size = file.size === undefined ? '' : formatSize(file.size, lang);
  return html`<div class="file" part="message-file">
    <span class="file-name" dir="auto">${name}</span>
    <span class="file-facts">${[size, typeOf(file, name)].filter(Boolean).join(' · ')}</span>
    <a href=${state.url} download=${name} aria-label=${t(lang, 'file.download-name', { name })}>${t(lang, 'file.download')}</a>
  </div>`;
}

/** The last part of the link's path, when it names a file. */
function nameInUrl(url: string | undefined): string | undefined {
  const last = url && new URL(url).pathname.split('/').pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch (error) {
    if (error instanceof URIError) return last; // a stray % in the path: show it as written
    throw error;
  }
}

/** A short name of the file's type: its extension, or the media type's subtype. */
function typeOf(file: SharedFile, name: string): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  return (extension ?? file.type?.split('/')[1] ?? '').toUpperCase();
}
