/**
 * A leak bank: the fingerprints of a leak set's files, never their text or content. It is what
 * `blackout-guard fingerprint` writes and what `leaks[].banks` reads (format in `format.ts`).
 */

/** Identity and history of a bank, stored in its header. */
export interface BankInfo {
  /** Leak set id the bank was made for. */
  leak: string;
  /** A name for people, e.g. `EMLEAKS, part 1`. */
  name?: string;
  /** When the bank was first written, ISO time. */
  created: string;
  /** When it was last written (`--append`), ISO time. */
  updated: string;
  /** Files fingerprinted (every depth), all runs together. */
  files: number;
}

export interface BankDocument {
  /** Where the document was found (`dump.zip!/mails/0001.eml`): what a signal names. */
  id: string;
  /** Winnowed shingle hashes, sorted (their order is not kept: see `src/core/matchers/winnow.ts`). */
  shingles: Uint32Array;
}

export interface BankImage {
  /** Where the image was found. */
  id: string;
  /** PDQ hash, 64 lower-case hex digits. */
  hash: string;
  /** PDQ quality, 0..100. */
  quality: number;
}

export interface Bank {
  info: BankInfo;
  /** Lower-case hex SHA-256 of every file. */
  sha256: string[];
  /** Lower-case hex MD5 of every file. */
  md5: string[];
  /** Folded file names (as `fileNames` rules are). */
  fileNames: string[];
  /** Canonical URLs, domains and hex infohashes (from imported lists). */
  urls: string[];
  domains: string[];
  infohashes: string[];
  documents: BankDocument[];
  images: BankImage[];
}

/** An empty bank for `leak`. */
export function emptyBank(leak: string, name: string | undefined, now: Date = new Date()): Bank {
  const at = now.toISOString();
  return {
    info: { leak, ...(name !== undefined ? { name } : {}), created: at, updated: at, files: 0 },
    sha256: [],
    md5: [],
    fileNames: [],
    urls: [],
    domains: [],
    infohashes: [],
    documents: [],
    images: [],
  };
}

/** How many of each kind a bank holds (recorded in its header). */
export function bankCounts(bank: Bank): Record<string, number> {
  return {
    files: bank.info.files,
    sha256: bank.sha256.length,
    md5: bank.md5.length,
    fileNames: bank.fileNames.length,
    urls: bank.urls.length,
    domains: bank.domains.length,
    infohashes: bank.infohashes.length,
    documents: bank.documents.length,
    shingles: bank.documents.reduce((n, d) => n + d.shingles.length, 0),
    images: bank.images.length,
  };
}

/** A bank that cannot be used: unreadable, not a bank, truncated, corrupted or of another format. */
export class BankError extends Error {
  override name = 'BankError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`bank ${file}: ${reason}`);
  }
}
