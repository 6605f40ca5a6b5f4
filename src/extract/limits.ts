/**
 * Limits against archive bombs and hostile files. Defaults suit a dump of about 9 GB (the 2017
 * leak): deep enough for an archive in an e-mail in a zip, wide enough for 21,000 e-mails.
 * Counts, ratios and totals are per top-level file (a root), so one bomb cannot starve the rest.
 */

export interface ExtractLimits {
  /** Containers opened inside containers: a file at depth > maxDepth is hashed, not opened. */
  maxDepth: number;
  /** Entries read under one top-level file (every depth together). */
  maxEntries: number;
  /** Largest expansion ratio (uncompressed / compressed) of one entry, or of a whole root. */
  maxRatio: number;
  /** The ratio is only checked past this many expanded bytes (tiny files compress absurdly well). */
  ratioFloorBytes: number;
  /** Bytes decompressed under one top-level file (every depth together). */
  maxTotalBytes: number;
  /** Largest file held in memory (documents, images, nested zips and e-mails); bigger ones are hashed only. */
  maxFileBytes: number;
  /** Longest text kept from one document, in characters (the start fingerprints it well enough). */
  maxTextChars: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  maxDepth: 5,
  maxEntries: 100_000,
  maxRatio: 200,
  ratioFloorBytes: 1 * MB,
  maxTotalBytes: 64 * 1024 * MB,
  maxFileBytes: 512 * MB,
  maxTextChars: 20 * MB,
});

/** The defaults with some limits replaced. */
export function limitsWith(overrides: Partial<ExtractLimits> = {}): ExtractLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** A limit was exceeded: the message is the short reason reported on the file. */
export class LimitExceeded extends Error {
  override name = 'LimitExceeded';
}

/** `zip bomb refused: ratio 1000:1 > 200:1` when `expanded / compressed` is over the limit, else undefined. */
export function ratioProblem(expanded: number, compressed: number, limits: ExtractLimits): string | undefined {
  if (expanded <= limits.ratioFloorBytes) return undefined;
  const ratio = expanded / Math.max(1, compressed);
  if (ratio <= limits.maxRatio) return undefined;
  return `zip bomb refused: ratio ${Math.round(ratio)}:1 > ${limits.maxRatio}:1`;
}

/** Bytes for people: `512 MB`, `3.2 kB`. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}
