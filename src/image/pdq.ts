/**
 * PDQ, Meta's perceptual image hash (work in progress: API fixed, implementation follows).
 * @see https://github.com/facebook/ThreatExchange/tree/main/pdq
 */

/** A PDQ hash and its quality. */
export interface PdqResult {
  /** 64 lower-case hex digits (256 bits). */
  hash: string;
  /** 0..100; below 50 the hash is not worth matching. */
  quality: number;
}

/** Decodes an image (JPEG, PNG, WebP, GIF first frame, TIFF) with sharp and hashes it. */
export async function pdqHash(image: Buffer): Promise<PdqResult> {
  void image;
  throw new Error('pdqHash: not implemented yet');
}

/** Hashes raw RGB pixels (rows of width*3 bytes). */
export function pdqFromRgb(rgb: Uint8Array, width: number, height: number): PdqResult {
  void rgb; void width; void height;
  throw new Error('pdqFromRgb: not implemented yet');
}

/** Number of differing bits between two 64-hex-digit hashes. */
export function pdqDistance(a: string, b: string): number {
  void a; void b;
  throw new Error('pdqDistance: not implemented yet');
}
