/** What uploads learn of a file before sending it: a name that says something, and an image's size. */

/** Browsers name every pasted image "image.png" (or give no name): ours say when, as screenshots do. */
const PASTED = /^(image\.\w+)?$/;
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' };

/** `file`, or for a pasted image a copy named like `image-2026-12-02-101530.png` (local time of `now`). */
export function namedFile(file: File, now: Date): File {
  if (!PASTED.test(file.name) || !file.type.startsWith('image/')) return file;
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  const extension = EXTENSIONS[file.type] ?? file.type.slice('image/'.length).replace(/\W.*/, '');
  return new File([file], `image-${date}-${time}.${extension}`, { type: file.type, lastModified: file.lastModified });
}

/**
 * An image's width and height in pixels, as shown (after its orientation), so that the receiver
 * keeps its space before it loads; nothing for other files.
 */
export async function imageSize(file: File): Promise<{ width?: number; height?: number }> {
  // SVG is never shown from remote data, so its size is of no use.
  if (!file.type.startsWith('image/') || file.type === 'image/svg+xml') return {};
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch (error) {
    // A format this browser cannot decode (HEIC in Chromium) goes as any other file, without a size.
    console.debug('xmpp-chat: no image size for', file.name, error);
    return {};
  }
}
