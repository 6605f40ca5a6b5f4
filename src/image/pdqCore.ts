/**
 * The PDQ algorithm on pixels, pure and synchronous (no I/O): RGB → luminance → Jarosz tent filter
 * → 64×64 decimation → quality from the gradients → DCT coefficients 1..16 × 1..16 → one bit per
 * coefficient above the median. It follows Meta's reference step by step (`pdq/cpp/hashing/
 * pdqhashing.cpp`, and its Python and Java ports): same luma coefficients, window sizes, DCT basis,
 * median, bit order and quality heuristic. Arithmetic is Float32 storage with double accumulation,
 * so a few bits may differ from the C++ on coefficients that sit on the median.
 *
 * Buffers are reused between calls (one set per thread: each worker has its own module instance),
 * so hashing allocates nothing per pixel.
 * @see https://github.com/facebook/ThreatExchange/tree/main/pdq
 */
import { decimate, jaroszFilter, jaroszWindowSize } from './jarosz.ts';
import { formatHash256 } from './hash256.ts';

/** Rec. 601 luma ("Y" of YUV), as the reference. */
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;
/** The reference gives images smaller than this in either dimension an all-zero hash, quality 0. */
export const PDQ_MIN_DIMENSION = 5;
/** X,Y pairs of box passes: two make the tent filter. */
const JAROSZ_PASSES = 2;

/**
 * The 16×64 DCT-II basis for frequencies 1..16 (0, the mean, is left out), row-major, scaled by
 * sqrt(2/64) as in the C++ (the scale does not change the bits, only the coefficients).
 */
const DCT = (() => {
  const m = new Float32Array(16 * 64);
  const scale = Math.sqrt(2 / 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) m[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

/** Scratch kept between calls; the full-size buffers only up to this many pixels (4 MB each). */
const MAX_CACHED_PIXELS = 1 << 20;
let full1 = new Float32Array(0);
let full2 = new Float32Array(0);
let colSums = new Float64Array(0);
const b64x64 = new Float32Array(64 * 64);
const b16x64 = new Float64Array(16 * 64);
const b16x16 = new Float32Array(16 * 16);
const bAux = new Float32Array(16 * 16);
const sorted = new Float32Array(16 * 16);
const words = new Uint16Array(16);

function fullBuffers(pixels: number, cols: number): [Float32Array, Float32Array, Float64Array] {
  const sums = colSums.length >= cols ? colSums : (colSums = new Float64Array(cols));
  if (pixels > MAX_CACHED_PIXELS) return [new Float32Array(pixels), new Float32Array(pixels), sums];
  if (full1.length < pixels) {
    full1 = new Float32Array(pixels);
    full2 = new Float32Array(pixels);
  }
  return [full1, full2, sums];
}

/**
 * The eight dihedral transforms of the image, whose hashes PDQ derives from one DCT, named as in the
 * reference: rotate90 is a quarter turn counter-clockwise (sharp's `rotate(-90)`), flipX mirrors
 * top to bottom (`flip()`), flipY left to right (`flop()`), flipPlus1 transposes (main diagonal),
 * flipMinus1 mirrors about the other diagonal.
 */
export type Dihedral = 'original' | 'rotate90' | 'rotate180' | 'rotate270' | 'flipX' | 'flipY' | 'flipPlus1' | 'flipMinus1';
export const DIHEDRALS: readonly Dihedral[] = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1'];

function checkRgb(rgb: Uint8Array, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`image size must be whole numbers of pixels, got ${width}×${height}`);
  }
  if (rgb.length < width * height * 3) {
    throw new RangeError(`RGB buffer too short: ${rgb.length} bytes for ${width}×${height} pixels (needs ${width * height * 3})`);
  }
}

/**
 * Runs PDQ up to the 16×16 DCT (left in `b16x16`) and returns the quality, or -1 for an image too
 * small to hash.
 */
function dctOfRgb(rgb: Uint8Array, width: number, height: number): number {
  checkRgb(rgb, width, height);
  if (width < PDQ_MIN_DIMENSION || height < PDQ_MIN_DIMENSION) return -1;
  const rows = height;
  const cols = width;
  const pixels = rows * cols;
  const [luma, scratch, sums] = fullBuffers(pixels, cols);
  for (let p = 0, q = 0; p < pixels; p++, q += 3) luma[p] = LUMA_R * rgb[q]! + LUMA_G * rgb[q + 1]! + LUMA_B * rgb[q + 2]!;

  if (rows === 64 && cols === 64) {
    // As the C++: already 64×64 (e.g. a video frame scaled by ffmpeg), no blur.
    b64x64.set(luma.subarray(0, 64 * 64));
  } else {
    jaroszFilter(luma, scratch, sums, rows, cols, jaroszWindowSize(cols, 64), jaroszWindowSize(rows, 64), JAROSZ_PASSES);
    decimate(luma, rows, cols, b64x64, 64, 64);
  }
  const quality = qualityOf64x64(b64x64);
  dct64To16(b64x64, b16x64, b16x16);
  return quality;
}

/**
 * The reference's heuristic: the sum of |differences| between neighbours in the 64×64 image,
 * each as a whole percentage of 255 (truncated, so that only significant gradients count),
 * divided by 90 and capped at 100.
 */
function qualityOf64x64(a: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) sum += Math.abs(Math.trunc(((a[i * 64 + j]! - a[(i + 1) * 64 + j]!) * 100) / 255));
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) sum += Math.abs(Math.trunc(((a[i * 64 + j]! - a[i * 64 + j + 1]!) * 100) / 255));
  }
  return Math.min(100, Math.trunc(sum / 90));
}

/** B = D A Dᵀ, with D the 16×64 basis: only the 16×16 coefficients PDQ keeps are computed. */
function dct64To16(a: Float32Array, t: Float64Array, b: Float32Array): void {
  t.fill(0);
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let k = 0; k < 64; k++) {
      const d = DCT[ti + k]!;
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[ti + j]! += d * a[ak + j]!;
    }
  }
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s += t[i * 64 + k]! * DCT[j * 64 + k]!;
      b[i * 16 + j] = s;
    }
  }
}

/**
 * One bit per coefficient: set when it is above the median. The median is the 128th smallest of
 * the 256, the value the reference's Torben selection returns for an even count.
 */
function bitsOf16x16(b: Float32Array): string {
  sorted.set(b);
  sorted.sort();
  const median = sorted[127]!;
  words.fill(0);
  for (let k = 0; k < 256; k++) if (b[k]! > median) words[k >> 4]! |= 1 << (k & 15);
  return formatHash256(words);
}

/** The 16×16 DCT of a transformed image, from the original's (sign flips and transposition). */
function dihedralOf16x16(a: Float32Array, out: Float32Array, t: Dihedral): void {
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = a[i * 16 + j]!;
      switch (t) {
        case 'original': out[i * 16 + j] = v; break;
        case 'rotate90': out[j * 16 + i] = j & 1 ? v : -v; break;
        case 'rotate180': out[i * 16 + j] = (i + j) & 1 ? -v : v; break;
        case 'rotate270': out[j * 16 + i] = i & 1 ? v : -v; break;
        case 'flipX': out[i * 16 + j] = i & 1 ? v : -v; break;
        case 'flipY': out[i * 16 + j] = j & 1 ? v : -v; break;
        case 'flipPlus1': out[j * 16 + i] = v; break;
        case 'flipMinus1': out[j * 16 + i] = (i + j) & 1 ? -v : v; break;
      }
    }
  }
}

const ZERO_HASH = '0'.repeat(64);

/** PDQ of raw RGB pixels (rows of width×3 bytes): 64 hex digits and quality 0..100. */
export function pdqOfRgb(rgb: Uint8Array, width: number, height: number): { hash: string; quality: number } {
  const quality = dctOfRgb(rgb, width, height);
  if (quality < 0) return { hash: ZERO_HASH, quality: 0 };
  return { hash: bitsOf16x16(b16x16), quality };
}

/**
 * PDQ of the image and of its seven rotations and flips, from a single pass (the reference's
 * "dihedral" hashes): matching an image against all eight finds rotated or mirrored copies.
 */
export function pdqDihedralOfRgb(rgb: Uint8Array, width: number, height: number): { hashes: Record<Dihedral, string>; quality: number } {
  const quality = dctOfRgb(rgb, width, height);
  const hashes = {} as Record<Dihedral, string>;
  for (const t of DIHEDRALS) {
    if (quality < 0) {
      hashes[t] = ZERO_HASH;
    } else {
      dihedralOf16x16(b16x16, bAux, t);
      hashes[t] = bitsOf16x16(bAux);
    }
  }
  return { hashes, quality: Math.max(0, quality) };
}
