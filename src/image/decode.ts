/**
 * Decoding an image file to the RGB pixels PDQ hashes, with sharp (libvips).
 *
 * Size: Meta's reference tools do not hash large photos at full size. The C++ `pdq-photo-hasher`
 * (pdq/cpp/io/pdqio.cpp) resizes anything above 512 pixels to 512×512 first, "the two-pass Jarosz
 * filter is prohibitively expensive for larger images"; the Python port (pdq_hasher.py) shrinks
 * with Pillow's `thumbnail((512, 512))`, keeping the aspect ratio. We do as the Python port: fit
 * inside 512×512 with a bicubic kernel (Pillow's default for thumbnails), never enlarging. libvips
 * shrinks JPEGs while decoding them, so memory stays bounded by the 512×512 result plus decoder
 * buffers, whatever the photo's size.
 *
 * Orientation: like the reference tools, the stored pixels are hashed, ignoring EXIF orientation
 * (hash lists shared by others are made that way; rotated copies are found by the dihedral hashes).
 * @see https://sharp.pixelplumbing.com/api-constructor
 */
import sharp from 'sharp';

/** Longest side hashed; larger images are shrunk to fit, as the reference tools do. */
export const PDQ_DECODE_MAX_SIDE = 512;
/** Images with more pixels than this are refused before decoding (decompression bombs). */
export const PDQ_MAX_INPUT_PIXELS = 128_000_000;

/** An image that could not be decoded: damaged, truncated, unsupported or too large. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/** Raw 8-bit RGB pixels, rows of width×3 bytes. */
export interface RgbImage {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes JPEG, PNG, WebP, GIF (first frame), TIFF (first page) and whatever else libvips reads,
 * shrunk to fit 512×512, to 8-bit RGB (alpha dropped, as Pillow's `convert("RGB")` does).
 * @throws ImageDecodeError for input that is not a readable image; the message says why.
 */
export async function decodeRgbForPdq(image: Uint8Array): Promise<RgbImage> {
  if (image.length === 0) throw new ImageDecodeError('image could not be decoded: empty input');
  try {
    const { data, info } = await sharp(image, { failOn: 'warning', limitInputPixels: PDQ_MAX_INPUT_PIXELS, pages: 1 })
      .resize(PDQ_DECODE_MAX_SIDE, PDQ_DECODE_MAX_SIDE, { fit: 'inside', withoutEnlargement: true, kernel: 'cubic' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw new ImageDecodeError(`image could not be decoded: ${e instanceof Error ? e.message.trim() : String(e)}`, { cause: e });
  }
}
