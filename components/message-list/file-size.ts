/**
 * A file's size for people, on its own so that the views that show sizes (file cards, the upload
 * tray) share these few lines rather than each other's code.
 */

/** Bytes in kB or MB (1024-based, as upload limits are given), in the reader's language. */
export function formatSize(bytes: number, lang: string): string {
  const [unit, value] =
    bytes >= 1024 * 1024 ? ['megabyte', bytes / 1024 / 1024] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  const digits = value < 10 && unit !== 'byte' ? 1 : 0;
  return new Intl.NumberFormat(lang || undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(
    value,
  );
}
