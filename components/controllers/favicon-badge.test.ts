import { expect } from '@esm-bundle/chai';
import { FaviconBadge, type FaviconDocument } from './favicon-badge.ts';

const frames: HTMLIFrameElement[] = [];

/** A same-origin page with `head`. */
async function page(head: string) {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${head}</head><body></body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { doc: frame.contentDocument! };
}

/** A green square, as the page's own icon. */
function greenIcon(): string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#00ff00';
  g.fillRect(0, 0, 32, 32);
  return canvas.toDataURL('image/png');
}

const icons = (doc: Document) => [...doc.querySelectorAll<HTMLLinkElement>('link[rel~="icon" i]')];

/** The [r, g, b, a] of the shown favicon at each point (the dot's red is away from its digits). */
async function pixels(doc: Document, ...points: [number, number][]): Promise<number[][]> {
  const shown = icons(doc);
  expect(shown, 'one icon link shows').to.have.length(1);
  const image = new Image();
  image.src = shown[0].href;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d')!;
  g.drawImage(image, 0, 0, 32, 32);
  return points.map(([x, y]) => [...g.getImageData(x, y, 1, 1).data]);
}

const isRed = ([r, g, b, a]: number[]) => r > 180 && g < 90 && b < 90 && a > 200;
const isGreen = ([r, g, b]: number[]) => g > 200 && r < 60 && b < 60;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const start = Date.now(); !(await check());) {
    if (Date.now() - start > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('FaviconBadge', () => {
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('draws the count over the page’s icon, and puts the very same links back', async () => {
    const green = greenIcon();
    const { doc } = await page(
      `<link rel="icon" sizes="32x32" href="${green}">` +
        `<link rel="stylesheet" href="data:text/css,"><link rel="Shortcut Icon" href="${green}">` +
        `<link rel="apple-touch-icon" href="${green}">`,
    );
    const before = doc.head.innerHTML;
    const links = [...doc.head.querySelectorAll('link')];
    const badge = new FaviconBadge(doc);
    badge.show(3);
    expect(icons(doc)[0].hasAttribute('data-xmpp-chat-badge')).to.equal(true);
    expect(doc.querySelector('link[rel="apple-touch-icon"]'), 'not a favicon: left alone').to.exist;
    await until(async () => isGreen((await pixels(doc, [2, 2]))[0]), 'the page’s icon under the badge');
    expect(isRed((await pixels(doc, [21, 13]))[0]), 'the red dot').to.equal(true);

    const three = icons(doc)[0].href;
    badge.show(12);
    expect(icons(doc)[0].href, 'redrawn at once: the icon is loaded').to.not.equal(three);

    badge.restore();
    expect(doc.head.innerHTML).to.equal(before);
    expect([...doc.head.querySelectorAll('link')]).to.deep.equal(links);
  });

  it('adds a plain badge to a page without an icon, and removes it', async () => {
    const { doc } = await page('');
    const before = doc.head.innerHTML;
    const badge = new FaviconBadge(doc);
    badge.show(1);
    const [corner, middle] = await pixels(doc, [1, 1], [16, 4]);
    expect(corner[3], 'nothing under a plain badge').to.equal(0);
    expect(isRed(middle)).to.equal(true);
    badge.restore();
    expect(doc.head.innerHTML).to.equal(before);
    badge.show(2);
    expect(icons(doc)).to.have.length(1);
    badge.restore();
    expect(doc.head.innerHTML).to.equal(before);
  });

  it('draws nothing once restored, even when the page’s icon loads afterwards', async () => {
    const { doc } = await page(`<link rel="icon" href="${greenIcon()}">`);
    const before = doc.head.innerHTML;
    const badge = new FaviconBadge(doc);
    badge.show(2);
    badge.restore();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(doc.head.innerHTML).to.equal(before);
  });

  it('falls back to the plain badge when the icon cannot be loaded or read', async () => {
    // Port 9 refuses connections: the icon fails to load.
    const unreachable = await page('<link rel="icon" href="http://127.0.0.1:9/favicon.png">');
    const failing = new FaviconBadge(unreachable.doc);
    failing.show(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [corner, middle] = await pixels(unreachable.doc, [1, 1], [16, 4]);
    expect([corner[3], isRed(middle)]).to.deep.equal([0, true]);
    failing.restore();
    expect(icons(unreachable.doc)[0].href).to.equal('http://127.0.0.1:9/favicon.png');

    // A canvas that refuses to be read once an icon is drawn on it, as a tainted one does.
    const { doc } = await page(`<link rel="icon" href="${greenIcon()}">`);
    let drawn = 0;
    const tainting: FaviconDocument = {
      get head() {
        return doc.head;
      },
      get documentElement() {
        return doc.documentElement;
      },
      baseURI: doc.baseURI,
      querySelectorAll: doc.querySelectorAll.bind(doc),
      createElement: (tag: string) => {
        const element = doc.createElement(tag);
        if (element instanceof doc.defaultView!.HTMLCanvasElement) taint(element);
        return element;
      },
    };
    function taint(canvas: HTMLCanvasElement) {
      const context = canvas.getContext('2d')!;
      const drawImage = context.drawImage.bind(context) as (image: CanvasImageSource, x: number, y: number, w: number, h: number) => void;
      let tainted = false;
      context.drawImage = ((image: CanvasImageSource, x: number, y: number, w: number, h: number) => {
        drawn += 1;
        tainted = true;
        drawImage(image, x, y, w, h);
      }) as typeof context.drawImage;
      const toDataURL = canvas.toDataURL.bind(canvas);
      canvas.toDataURL = (type?: string) => {
        if (tainted) throw new DOMException('The canvas has been tainted by cross-origin data.', 'SecurityError');
        return toDataURL(type);
      };
    }
    const badge = new FaviconBadge(tainting);
    badge.show(2);
    await until(() => drawn === 1, 'the icon to be drawn');
    const [top, dot] = await pixels(doc, [1, 1], [16, 4]);
    expect([top[3], isRed(dot)], 'the plain badge').to.deep.equal([0, true]);
    badge.show(3);
    expect(drawn, 'the unreadable icon is not tried again').to.equal(1);
    badge.restore();
  });
});
