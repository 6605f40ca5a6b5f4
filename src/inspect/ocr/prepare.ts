/**
 * Decides whether an image is worth reading and prepares it for OCR, with sharp (libvips).
 * Screenshots of e-mails, documents and chats have a plain background: a large share of their
 * pixels sit in one narrow band of brightness, white or dark. Photos spread over the whole range,
 * so they are not read at all (their PDQ hash still is matched), which keeps OCR for the images
 * where it can find something.
 * @see https://sharp.pixelplumbing.com/api-constructor
 */
import sharp from 'sharp';

/** Images of more pixels than this are refused before decoding (decompression bombs). */
export const MAX_INPUT_PIXELS = 60_000_000;
/**
 * Share of pixels within `BAND` grey levels of the most common level above which an image has a
 * plain background. Measured: rendered screenshots about 0.8, light or dark; photos 0.1 to 0.2.
 */
const PLAIN_BACKGROUND = 0.5;
const BAND = 3;
/**
 * Images narrower than this are enlarged to it (at most twice): their text is likely small, and
 * tesseract misreads letters under about 10 px. Measured on rendered screenshots, 13 px text
 * loses a word in a hundred unenlarged; 16 px text reads the same either way, faster unenlarged.
 */
const SMALL_WIDTH = 800;
const ENLARGED_WIDTH = 1200;
/** Larger images are reduced to this many pixels at most (time and memory of OCR). */
const MAX_OCR_PIXELS = 12_000_000;

export interface Background {
  /** True when the image has a plain background, as screenshots and scans of text do. */
  plain: boolean;
  /** True when that background is dark (a dark-mode screenshot): the image is read inverted. */
  dark: boolean;
}

/** The background of an image, from a thumbnail's brightness histogram. */
export async function backgroundOf(image: Buffer): Promise<Background> {
  const { data, info } = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
    .resize(160, 160, { fit: 'inside' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const histogram = new Uint32Array(256);
  for (let i = 0; i < data.length; i += info.channels) histogram[data[i]!]!++;
  const pixels = data.length / info.channels;
  if (pixels === 0) return { plain: false, dark: false };
  // The fullest window of 2 * BAND + 1 levels, by a running sum.
  let sum = 0;
  for (let v = 0; v <= 2 * BAND; v++) sum += histogram[v]!;
  let best = sum;
  let centre = BAND;
  for (let v = 2 * BAND + 1; v < 256; v++) {
    sum += histogram[v]! - histogram[v - 2 * BAND - 1]!;
    if (sum > best) [best, centre] = [sum, v - BAND];
  }
  return { plain: best / pixels >= PLAIN_BACKGROUND, dark: centre < 100 };
}

/** A greyscale PNG at a scale tesseract reads well, dark text on a light background. */
export async function prepareForOcr(image: Buffer, background: Background): Promise<Buffer> {
  const pipeline = sharp(image, { limitInputPixels: MAX_INPUT_PIXELS });
  const { width = 0, height = 0 } = await pipeline.metadata();
  let scale = 1;
  if (width > 0 && width < SMALL_WIDTH) scale = Math.min(2, ENLARGED_WIDTH / width);
  if (width * height * scale * scale > MAX_OCR_PIXELS) scale = Math.sqrt(MAX_OCR_PIXELS / (width * height));
  let out = pipeline.greyscale();
  if (background.dark) out = out.negate({ alpha: false });
  if (scale !== 1 && width > 0) out = out.resize(Math.max(1, Math.round(width * scale)), null, { kernel: 'lanczos3' });
  return out.png({ compressionLevel: 1 }).toBuffer();
}
