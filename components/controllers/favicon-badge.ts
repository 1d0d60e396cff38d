/**
 * The favicon's output of the hidden-tab hint: a red dot with the count over the page's own icon
 * when that icon can be read (same origin or CORS), a plain red badge when it cannot. The page's
 * icon links are taken out meanwhile and put back, the same elements in the same places, on
 * `restore()`.
 */
import type { HintOutput } from './hidden-tab-hint.ts';

export type FaviconDocument = Pick<Document, 'head' | 'documentElement' | 'baseURI' | 'querySelectorAll' | 'createElement'>;

/** Marks the link we add, so it is never mistaken for one of the page's. */
const MARK = 'data-xmpp-chat-badge';
const SIZE = 32;

interface Taken {
  link: HTMLLinkElement;
  parent: Node;
  next: Node | null;
}

export class FaviconBadge implements HintOutput {
  /** The count shown; 0 while the page has its own icons. */
  #unread = 0;
  #taken: Taken[] = [];
  #badge?: HTMLLinkElement;
  #drawn = '';
  /** The page's icon by address: an image ready to draw on, still loading, or unusable. */
  readonly #icons = new Map<string, HTMLImageElement | 'loading' | 'failed'>();

  constructor(private readonly doc: FaviconDocument = document) {}

  show(unread: number): void {
    this.#unread = unread;
    this.#draw();
  }

  restore(): void {
    this.#unread = 0;
    // Backwards, so a link whose next sibling was taken too finds that sibling back in place.
    for (const { link, parent, next } of this.#taken.reverse()) {
      parent.insertBefore(link, next?.parentNode === parent ? next : null);
    }
    this.#taken = [];
    this.#badge?.remove();
    this.#drawn = '';
  }

  #draw(): void {
    if (this.#unread === 0) return;
    // Taken on every refresh: the page may have added an icon of its own meanwhile.
    for (const link of this.doc.querySelectorAll<HTMLLinkElement>(`link[rel~="icon" i]:not([${MARK}])`)) {
      this.#taken.push({ link, parent: link.parentNode!, next: link.nextSibling });
      link.remove();
    }
    const source = this.#source();
    const icon = this.#icons.get(source) ?? this.#load(source);
    const label = this.#unread > 9 ? '9+' : String(this.#unread);
    const drawn = `${label} ${source} ${typeof icon === 'object'}`;
    if (this.#badge?.isConnected && drawn === this.#drawn) return;
    this.#drawn = drawn;
    this.#badge ??= this.#createBadge();
    const href = typeof icon === 'object' ? this.#paintOver(icon, source, label) : badgeImage(this.doc, label);
    this.#badge.type = href.startsWith('data:image/svg') ? 'image/svg+xml' : 'image/png';
    this.#badge.href = href;
    if (!this.#badge.isConnected) (this.doc.head ?? this.doc.documentElement).append(this.#badge);
  }

  /** The icon the browser shows: the last icon link, or /favicon.ico when the page has none. */
  #source(): string {
    const link = this.#taken.filter(({ link }) => link.getAttribute('href')).at(-1)?.link;
    return link ? link.href : new URL('/favicon.ico', this.doc.baseURI).href;
  }

  #load(source: string): 'loading' {
    this.#icons.set(source, 'loading');
    const image = this.doc.createElement('img');
    // Without CORS the canvas would be tainted and unreadable: better not to load it at all.
    image.crossOrigin = 'anonymous';
    image.onload = () => {
      this.#icons.set(source, image);
      this.#draw(); // only while the badge still shows
    };
    // The plain badge is already showing, and stays.
    image.onerror = () => this.#icons.set(source, 'failed');
    image.src = source;
    return 'loading';
  }

  #paintOver(icon: HTMLImageElement, source: string, label: string): string {
    try {
      return paint(this.doc, label, icon);
    } catch (error) {
      // A tainted canvas (SecurityError) or an undrawable image (an SVG without a size): this icon
      // is given up for good, and the plain badge shows instead.
      this.#icons.set(source, 'failed');
      this.#drawn = `${label} ${source} false`;
      return badgeImage(this.doc, label);
    }
  }

  #createBadge(): HTMLLinkElement {
    const link = this.doc.createElement('link');
    link.rel = 'icon';
    link.setAttribute(MARK, '');
    return link;
  }
}

/** The plain badge as a PNG; as SVG where no canvas can be drawn (blocked by a privacy setting). */
function badgeImage(doc: FaviconDocument, label: string): string {
  try {
    return paint(doc, label);
  } catch (error) {
    // Browsers that show no SVG favicon (older Safari) simply keep the page's icon then.
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">` +
      `<circle cx="16" cy="16" r="15" fill="#d93025"/><text x="16" y="17" fill="#fff" font-family="sans-serif" ` +
      `font-size="19" font-weight="bold" text-anchor="middle" dominant-baseline="middle">${label}</text></svg>`;
    return `data:image/svg+xml,${encodeURIComponent(svg)}`;
  }
}

/** Draws the red dot with `label`: small in a corner over `icon`, or filling the icon alone. */
function paint(doc: FaviconDocument, label: string, icon?: HTMLImageElement): string {
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This browser draws no 2d canvas.');
  const [x, y, r, font] = icon ? [21, 21, 10.5, 15] : [16, 16, 15, 19];
  if (icon) g.drawImage(icon, 0, 0, SIZE, SIZE);
  g.beginPath();
  g.arc(x, y, r, 0, 2 * Math.PI);
  g.fillStyle = '#d93025';
  g.fill();
  if (icon) {
    // A thin white ring keeps the dot apart from a red icon.
    g.lineWidth = 1.5;
    g.strokeStyle = '#fff';
    g.stroke();
  }
  g.fillStyle = '#fff';
  g.font = `bold ${label.length > 1 ? Math.round(font * 0.8) : font}px system-ui, sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(label, x, y + 1);
  return canvas.toDataURL('image/png');
}
