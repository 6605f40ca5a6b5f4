/**
 * Test images made from code, deterministically (fixed seeds, pixels computed here, then encoded
 * with sharp), so that the reference hashes in test/fixtures/pdq/reference.json stay valid: they
 * were computed from exactly these pixels by Meta's reference PDQ (see that folder's README.md).
 */
import sharp from 'sharp';
import { random as prng } from '../support/random.ts';

export interface RawImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

export { random as prng } from '../support/random.ts';

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

function blank(width: number, height: number, fill: [number, number, number]): RawImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) rgb.set(fill, p * 3);
  return { rgb, width, height };
}

function put(img: RawImage, x: number, y: number, r: number, g: number, b: number): void {
  const o = (y * img.width + x) * 3;
  img.rgb[o] = clamp(r);
  img.rgb[o + 1] = clamp(g);
  img.rgb[o + 2] = clamp(b);
}

/** Left-to-right grey ramp with a top-to-bottom colour ramp. */
export function gradient(width: number, height: number): RawImage {
  const img = blank(width, height, [0, 0, 0]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) put(img, x, y, (255 * x) / (width - 1), (255 * y) / (height - 1), 128);
  }
  return img;
}

/** Discs and bars of flat colour on a diagonal ramp, placed by a seeded PRNG. */
export function shapes(width: number, height: number, seed: number): RawImage {
  const rnd = prng(seed);
  const img = blank(width, height, [0, 0, 0]);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(img, x, y, 40 + (120 * (x + y)) / (width + height), 60, 90);
  for (let s = 0; s < 8; s++) {
    const cx = rnd() * width;
    const cy = rnd() * height;
    const r = (0.05 + 0.15 * rnd()) * Math.min(width, height);
    const colour: [number, number, number] = [255 * rnd(), 255 * rnd(), 255 * rnd()];
    const disc = rnd() < 0.5;
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, Math.ceil(cx + r)); x++) {
        if (!disc || (x - cx) ** 2 + (y - cy) ** 2 <= r * r) put(img, x, y, ...colour);
      }
    }
  }
  return img;
}

/** Checkerboard of `cell`-pixel squares. */
export function checkerboard(width: number, height: number, cell: number): RawImage {
  const img = blank(width, height, [255, 255, 255]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if ((Math.floor(x / cell) + Math.floor(y / cell)) % 2) put(img, x, y, 20, 20, 20);
  }
  return img;
}

/**
 * A page of "text": lines of dark word-sized blocks on white, with a header bar, like a
 * screenshot of an e-mail seen from afar.
 */
export function textLike(width: number, height: number, seed: number): RawImage {
  const rnd = prng(seed);
  const img = blank(width, height, [250, 250, 250]);
  for (let y = 0; y < Math.floor(height * 0.12); y++) for (let x = 0; x < width; x++) put(img, x, y, 30, 80, 160);
  const lineHeight = 9;
  for (let top = Math.floor(height * 0.16); top + lineHeight < height - 10; top += lineHeight + 7) {
    let x = 12;
    const end = width - 12 - (rnd() < 0.2 ? rnd() * width * 0.6 : 0);
    while (x < end) {
      const w = 8 + Math.floor(rnd() * 50);
      for (let y = top; y < top + lineHeight; y++) for (let xx = x; xx < Math.min(x + w, end); xx++) put(img, xx, y, 40, 40, 40);
      x += w + 6;
    }
  }
  return img;
}

/** Smooth value noise in [0, 1): bilinear interpolation of a random lattice. */
function valueNoise(rnd: () => number, width: number, height: number, cell: number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rnd();
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    const sy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const fx = gx - x0;
      const sx = fx * fx * (3 - 2 * fx);
      const a = grid[y0 * gw + x0]!;
      const b = grid[y0 * gw + x0 + 1]!;
      const c = grid[(y0 + 1) * gw + x0]!;
      const d = grid[(y0 + 1) * gw + x0 + 1]!;
      out[y * width + x] = a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
    }
  }
  return out;
}

/**
 * Something like a landscape photo: a sky gradient, hills made of fractal noise, a sun, and
 * fine-grained sensor noise, all from a seed.
 */
export function photoLike(width: number, height: number, seed: number): RawImage {
  const rnd = prng(seed);
  const scale = Math.max(width, height);
  const octaves = [0.25, 0.12, 0.06, 0.03, 0.012].map((f) => valueNoise(rnd, width, height, Math.max(2, Math.round(scale * f))));
  const horizon = valueNoise(rnd, width, 1, Math.round(width * 0.2));
  const sunX = (0.2 + 0.6 * rnd()) * width;
  const sunY = (0.1 + 0.2 * rnd()) * height;
  const sunR = 0.06 * scale;
  const img = blank(width, height, [0, 0, 0]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      let n = 0;
      let amp = 0.5;
      for (const o of octaves) {
        n += amp * o[p]!;
        amp *= 0.55;
      }
      const grain = (rnd() - 0.5) * 12;
      const ground = height * (0.45 + 0.25 * horizon[x]!);
      if (y > ground) {
        put(img, x, y, 40 + 120 * n + grain, 70 + 140 * n + grain, 30 + 60 * n + grain);
      } else if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR * sunR) {
        put(img, x, y, 255, 240 + grain, 200 + grain);
      } else {
        const t = y / ground;
        put(img, x, y, 90 + 100 * t + 40 * n + grain, 140 + 80 * t + 40 * n + grain, 230 - 20 * t + grain);
      }
    }
  }
  return img;
}

/** A flat, single-colour image. */
export function flat(width: number, height: number): RawImage {
  return blank(width, height, [128, 128, 128]);
}

/** Encodes raw pixels as PNG (lossless: the hashed pixels are exactly these). */
export function toPng(img: RawImage): Promise<Buffer> {
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
}

/** Encodes raw pixels as JPEG at the given quality. */
export function toJpeg(img: RawImage, quality = 90): Promise<Buffer> {
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** Encodes raw pixels in another container: GIF (palette), TIFF, lossy WebP. */
export function toFormat(format: 'gif' | 'tiff' | 'webp'): (img: RawImage) => Promise<Buffer> {
  return (img) => sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).toFormat(format).toBuffer();
}

/** Encodes as a one-channel (greyscale) PNG. */
export function toGreyPng(img: RawImage): Promise<Buffer> {
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } }).greyscale().png().toBuffer();
}

/** Encodes as an RGBA PNG whose alpha varies across the image (hashing ignores alpha). */
export function toRgbaPng(img: RawImage): Promise<Buffer> {
  const { width, height } = img;
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba.set(img.rgb.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = 64 + ((p % width) * 191) / width;
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** One reference image: how it is made and encoded. */
export interface ReferenceImage {
  name: string;
  make: () => RawImage;
  encode: (img: RawImage) => Promise<Buffer>;
}

/**
 * The images whose reference hashes are recorded in test/fixtures/pdq/reference.json. Sizes up to
 * 512 are hashed at their own size (the reference's own numbers, exactly); larger ones are shrunk
 * to 512 by our decoder while the reference value was computed at full size, so they measure the
 * cost of the shrink too.
 */
export const REFERENCE_IMAGES: readonly ReferenceImage[] = [
  { name: 'gradient-256x256.png', make: () => gradient(256, 256), encode: toPng },
  { name: 'shapes-400x300.png', make: () => shapes(400, 300, 1), encode: toPng },
  { name: 'shapes-333x500.png', make: () => shapes(333, 500, 2), encode: toPng },
  { name: 'checkerboard-320x240.png', make: () => checkerboard(320, 240, 37), encode: toPng },
  { name: 'text-480x360.png', make: () => textLike(480, 360, 3), encode: toPng },
  { name: 'text-512x300.jpg', make: () => textLike(512, 300, 4), encode: (i) => toJpeg(i, 85) },
  { name: 'photo-480x360.jpg', make: () => photoLike(480, 360, 5), encode: (i) => toJpeg(i, 90) },
  { name: 'photo-300x200.png', make: () => photoLike(300, 200, 6), encode: toPng },
  { name: 'photo-64x64.png', make: () => photoLike(64, 64, 7), encode: toPng },
  { name: 'photo-37x23.png', make: () => photoLike(37, 23, 8), encode: toPng },
  { name: 'photo-1024x768.jpg', make: () => photoLike(1024, 768, 9), encode: (i) => toJpeg(i, 90) },
  { name: 'shapes-1200x500.png', make: () => shapes(1200, 500, 10), encode: toPng },
  { name: 'text-700x900.png', make: () => textLike(700, 900, 11), encode: toPng },
  { name: 'photo-2000x1500.jpg', make: () => photoLike(2000, 1500, 12), encode: (i) => toJpeg(i, 85) },
  { name: 'shapes-400x300.gif', make: () => shapes(400, 300, 13), encode: toFormat('gif') },
  { name: 'photo-400x300.tiff', make: () => photoLike(400, 300, 14), encode: toFormat('tiff') },
  { name: 'photo-400x300.webp', make: () => photoLike(400, 300, 15), encode: toFormat('webp') },
  { name: 'photo-grey-300x300.png', make: () => photoLike(300, 300, 16), encode: toGreyPng },
  { name: 'shapes-rgba-300x200.png', make: () => shapes(300, 200, 17), encode: toRgbaPng },
];
