/**
 * Making a picture chosen for one's avatar small: cropped to a square around its centre and
 * scaled to at most 192 pixels, as PNG, or as WebP where that is smaller (photos).
 */

/** The widest avatar published, in pixels. */
export const AVATAR_PIXELS = 192;
/** Types a chosen file may have: never SVG, whose pictures are documents. */
export const AVATAR_INPUT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export interface AvatarImage {
  image: Blob;
  width: number;
  height: number;
}

/** The file as a small square picture; rejects for a file that is not a PNG, JPEG, GIF or WebP image. */
export async function avatarImage(file: Blob, max = AVATAR_PIXELS): Promise<AvatarImage> {
  if (!AVATAR_INPUT_TYPES.includes(file.type)) throw new TypeError(`Not an image type an avatar may have: ${file.type || 'unknown'}`);
  const bitmap = await createImageBitmap(file);
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    const size = Math.max(1, Math.min(max, side));
    const canvas = new OffscreenCanvas(size, size);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw pictures.');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    // A photo is often several times smaller as WebP; a browser that cannot write WebP gives PNG back.
    const webp = png.size > 32 * 1024 ? await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 }) : png;
    return { image: webp.type === 'image/webp' && webp.size < png.size ? webp : png, width: size, height: size };
  } finally {
    bitmap.close();
  }
}
