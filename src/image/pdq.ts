/**
 * PDQ, Meta's perceptual image hash (the one ThreatExchange, HMA and StopNCII share): a 256-bit
 * hash that survives resizing, re-encoding, mild blur and contrast changes, compared by Hamming
 * distance (Meta's usual match threshold: <= 31 bits, with quality >= 50).
 *
 * Public surface for the rest of blackout-guard; the algorithm is in pdqCore.ts, decoding in
 * decode.ts. CPU-bound: call it from a worker thread, not from the event loop serving messages.
 * @see https://github.com/facebook/ThreatExchange/tree/main/pdq
 */
import { decodeRgbForPdq } from './decode.ts';
import { hammingDistance256 } from './hash256.ts';
import { pdqDihedralOfRgb, pdqOfRgb, type Dihedral } from './pdqCore.ts';

export { ImageDecodeError } from './decode.ts';
export { isPdqHash } from './hash256.ts';
export { DIHEDRALS, type Dihedral } from './pdqCore.ts';

/** Meta's usual match threshold: hashes at most this many bits apart are the same image. */
export const PDQ_MATCH_DISTANCE = 31;
/** Below this quality a hash is not worth matching (flat or nearly flat images match everything). */
export const PDQ_MIN_QUALITY = 50;

/** A PDQ hash and its quality. */
export interface PdqResult {
  /** 64 lower-case hex digits (256 bits), in the reference's order. */
  hash: string;
  /** 0..100, from the image's gradients; below 50 the hash is not worth matching (flat images). */
  quality: number;
}

/**
 * Decodes an image (JPEG, PNG, WebP, GIF first frame, TIFF) with sharp and hashes it. Images
 * larger than 512 pixels are shrunk to fit 512×512 first, as the reference tools do.
 * @throws ImageDecodeError (rejects) for damaged, truncated, unsupported or oversized input.
 */
export async function pdqHash(image: Buffer): Promise<PdqResult> {
  const { data, width, height } = await decodeRgbForPdq(image);
  return pdqOfRgb(data, width, height);
}

/**
 * Hashes raw RGB pixels (rows of width*3 bytes) at their own size. Images under 5 pixels in
 * either dimension get the all-zero hash and quality 0, as in the reference.
 * @throws RangeError when the buffer is shorter than width×height×3.
 */
export function pdqFromRgb(rgb: Uint8Array, width: number, height: number): PdqResult {
  return pdqOfRgb(rgb, width, height);
}

/**
 * The hashes of the image and of its seven rotations and flips (see pdqCore.ts), for matching
 * copies that were rotated or mirrored.
 */
export async function pdqDihedralHashes(image: Buffer): Promise<{ hashes: Record<Dihedral, string>; quality: number }> {
  const { data, width, height } = await decodeRgbForPdq(image);
  return pdqDihedralOfRgb(data, width, height);
}

/**
 * Number of differing bits between two 64-hex-digit hashes (0..256).
 * @throws Error when either is not 64 hex digits.
 */
export function pdqDistance(a: string, b: string): number {
  return hammingDistance256(a, b);
}
