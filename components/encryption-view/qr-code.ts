/**
 * A QR code (ISO/IEC 18004) of a short text, for a fingerprint the other side scans: byte mode,
 * error correction level M, versions 1 to 10 (up to 213 bytes; an OMEMO fingerprint URI is about
 * 120). Pure: it returns the modules, and the caller draws them (as one SVG path, which a strict
 * Content-Security-Policy allows). After Project Nayuki's QR Code generator (MIT), cut down to
 * what a fingerprint needs; it loads only when the encryption view opens.
 */

import { divisor, remainder } from './reed-solomon.ts';

/** Level M's error correction codewords per block and blocks, by version (index 0 unused). */
const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const MAX_VERSION = 10;

/** The QR code of `text` as rows of modules (`true` is dark), without the quiet zone around it. */
export function qrCode(text: string, mask?: number): boolean[][] {
  const data = new TextEncoder().encode(text);
  let version = 1;
  while (version <= MAX_VERSION && dataCapacity(version) < data.length + (version < 10 ? 2 : 3)) version++;
  if (version > MAX_VERSION) throw new RangeError(`Text too long for a QR code here: ${data.length} bytes.`);
  const size = version * 4 + 17;
  const modules = grid(size, false);
  const fixed = grid(size, false);
  const set = (x: number, y: number, dark: boolean) => {
    modules[y][x] = dark;
    fixed[y][x] = true;
  };
  drawPatterns(version, size, set);
  drawFormat(size, 0, set); // reserved now, written with the mask below
  if (version >= 7) drawVersion(version, size, set);
  placeCodewords(size, withEcc(version, codewords(version, data)), modules, fixed);

  const masked = (m: number) => {
    const copy = modules.map((row, y) => row.map((dark, x) => (!fixed[y][x] && MASKS[m](x, y) ? !dark : dark)));
    drawFormat(size, m, (x, y, dark) => (copy[y][x] = dark));
    return copy;
  };
  if (mask !== undefined) return masked(mask);
  let best: boolean[][] = [];
  let bestScore = Infinity;
  for (let m = 0; m < 8; m++) {
    const candidate = masked(m);
    const score = penalty(candidate);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/** The modules as one SVG path of unit squares (`viewBox="0 0 size size"`). */
export function qrPath(modules: boolean[][]): string {
  return modules.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
}

const grid = (size: number, value: boolean) => Array.from({ length: size }, () => new Array<boolean>(size).fill(value));
const bit = (value: number, i: number) => ((value >>> i) & 1) !== 0;

function rawModules(version: number): number {
  let result = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    result -= (25 * align - 10) * align - 55;
    if (version >= 7) result -= 36;
  }
  return result;
}

const dataCapacity = (version: number) => Math.floor(rawModules(version) / 8) - ECC_PER_BLOCK[version] * BLOCKS[version];

function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const result = [6];
  for (let pos = version * 4 + 10; result.length < count; pos -= step) result.splice(1, 0, pos);
  return result;
}

type Draw = (x: number, y: number, dark: boolean) => void;

function drawPatterns(version: number, size: number, set: Draw): void {
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ]) {
    for (let dy = -4; dy <= 4; dy++)
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, d !== 2 && d !== 4);
      }
  }
  const pos = alignmentPositions(version);
  const last = pos.length - 1;
  for (let i = 0; i <= last; i++)
    for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) set(pos[i] + dx, pos[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
}

/** Level M (format bits 00) with `mask`, in both copies, and the dark module. */
function drawFormat(size: number, mask: number, set: Draw): void {
  const data = mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  for (let i = 0; i <= 5; i++) set(8, i, bit(bits, i));
  set(8, 7, bit(bits, 6));
  set(8, 8, bit(bits, 7));
  set(7, 8, bit(bits, 8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(bits, i));
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(bits, i));
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(bits, i));
  set(8, size - 8, true);
}

function drawVersion(version: number, size: number, set: Draw): void {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  const bits = (version << 12) | rem;
  for (let i = 0; i < 18; i++) {
    const a = size - 11 + (i % 3);
    const b = Math.floor(i / 3);
    set(a, b, bit(bits, i));
    set(b, a, bit(bits, i));
  }
}

/** Byte mode: mode, length, the bytes, a terminator and padding to the version's capacity. */
function codewords(version: number, data: Uint8Array): number[] {
  const bits: number[] = [];
  const push = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4);
  push(data.length, version < 10 ? 8 : 16);
  for (const byte of data) push(byte, 8);
  const capacity = dataCapacity(version) * 8;
  push(0, Math.min(4, capacity - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) push(pad, 8);
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((acc, b) => (acc << 1) | b, 0));
  return bytes;
}

/** The data split into blocks, each with its Reed-Solomon codewords, interleaved. */
function withEcc(version: number, data: number[]): number[] {
  const blocks = BLOCKS[version];
  const eccLength = ECC_PER_BLOCK[version];
  const raw = Math.floor(rawModules(version) / 8);
  const shortBlocks = blocks - (raw % blocks);
  const shortLength = Math.floor(raw / blocks);
  const div = divisor(eccLength);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const block = data.slice(k, k + shortLength - eccLength + (i < shortBlocks ? 0 : 1));
    k += block.length;
    const ecc = remainder(block, div);
    if (i < shortBlocks) block.push(0);
    all.push(block.concat(ecc));
  }
  const result: number[] = [];
  for (let i = 0; i < all[0].length; i++)
    all.forEach((block, j) => {
      if (i !== shortLength - eccLength || j >= shortBlocks) result.push(block[i]);
    });
  return result;
}

function placeCodewords(size: number, data: number[], modules: boolean[][], fixed: boolean[][]): void {
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++)
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        if (fixed[y][x] || i >= data.length * 8) continue;
        modules[y][x] = bit(data[i >>> 3], 7 - (i & 7));
        i++;
      }
  }
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/**
 * The standard's penalty for runs, 2×2 blocks and imbalance of dark and light (its fourth rule,
 * finder-like patterns, is left out: any mask reads, this only picks a clean-looking one).
 */
function penalty(modules: boolean[][]): number {
  const size = modules.length;
  let score = 0;
  let dark = 0;
  const runs = (at: (i: number) => boolean) => {
    for (let i = 0, run = 0; i <= size; i++) {
      if (i < size && i > 0 && at(i) === at(i - 1)) run++;
      else {
        if (run >= 5) score += run - 2;
        run = 1;
      }
    }
  };
  for (let y = 0; y < size; y++) {
    runs((x) => modules[y][x]);
    runs((x) => modules[x][y]);
    for (let x = 0; x < size; x++) {
      if (modules[y][x]) dark++;
      const c = modules[y][x];
      if (x < size - 1 && y < size - 1 && c === modules[y][x + 1] && c === modules[y + 1][x] && c === modules[y + 1][x + 1]) score += 3;
    }
  }
  return score + Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size)) * 10;
}
