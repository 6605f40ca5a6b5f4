/**
 * The walker: every file under the given files, folders and in-memory buffers, at every depth of
 * containers (an archive in an e-mail in a zip), each hashed (SHA-256, MD5), typed by content,
 * its text extracted when it is a document and its PDQ computed when it is an image.
 *
 * - Order is stable: folders sorted by name; a container's files come before the container's
 *   own record (its hash is known only once it has been read through).
 * - A damaged, encrypted, oversized or refused file yields a record with `error` and the walk
 *   goes on. Bombs are refused by the limits of `limits.ts`, counted per top-level file.
 * - Streaming: a file is held in memory only when it must be (documents, images, nested zips,
 *   e-mails) and within `maxFileBytes`; other files are hashed as they stream by.
 *
 * `walk(…, { jobs: 2 })` spreads top-level files over worker threads (see `pool.ts`); the reading
 * itself is in `visit.ts`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { limitsWith, type ExtractLimits } from './limits.ts';
import type { FileType, FoundFile } from './types.ts';

/** A file or folder path, or a file held in memory (an attachment). */
export type WalkSource = string | { name: string; bytes: Uint8Array };

export interface WalkOptions {
  /** Limits replacing the defaults (`DEFAULT_LIMITS`). */
  limits?: Partial<ExtractLimits>;
  /** Include extracted text in the records (default true); `words` is always given. */
  text?: boolean;
  /** Compute PDQ hashes of images (default true). */
  pdq?: boolean;
  /** Types whose content is kept in the record (`content`), e.g. images for OCR. */
  keepBytesOf?: readonly FileType[];
  /** Worker threads (default 1: in this thread). */
  jobs?: number;
  /**
   * With `jobs` > 1, a zip on disk larger than this is cut into parts of about this many bytes,
   * read by every thread (default 64 MB); the records come in the same order as with one thread.
   */
  zipPartBytes?: number;
}

/** Options after defaults, as handed to worker threads. */
export interface ResolvedWalkOptions {
  limits: ExtractLimits;
  text: boolean;
  pdq: boolean;
  keepBytesOf: readonly FileType[];
}

export function resolveOptions(options: WalkOptions = {}): ResolvedWalkOptions {
  return {
    limits: limitsWith(options.limits),
    text: options.text ?? true,
    pdq: options.pdq ?? true,
    keepBytesOf: options.keepBytesOf ?? [],
  };
}

/** Every file found under `sources`, in a stable order. */
export async function* walk(sources: WalkSource | readonly WalkSource[], options: WalkOptions = {}): AsyncGenerator<FoundFile> {
  const list = Array.isArray(sources) ? (sources as readonly WalkSource[]) : [sources as WalkSource];
  if ((options.jobs ?? 1) > 1) {
    const { walkParallel } = await import('./pool.ts');
    yield* walkParallel(list, options);
    return;
  }
  // Loaded only here: a process that hands the work to worker threads never loads the parsers.
  const { walkRoot } = await import('./visit.ts');
  const resolved = resolveOptions(options);
  for await (const root of listRoots(list)) yield* walkRoot(root, resolved);
}

/** A top-level file: a path (with its size) or a buffer, or a path that could not be listed. */
export type Root =
  | { path: string; size: number }
  | { name: string; bytes: Uint8Array }
  | { path: string; error: string };

/** The top-level files of `sources`: folders listed recursively, sorted; hidden files and links left out. */
export async function* listRoots(sources: readonly WalkSource[]): AsyncGenerator<Root> {
  for (const source of sources) {
    if (typeof source !== 'string') {
      yield source;
      continue;
    }
    yield* listPath(source);
  }
}

async function* listPath(path: string): AsyncGenerator<Root> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    yield { path, error: code === 'ENOENT' ? 'not found' : `unreadable: ${(err as Error).message}` };
    return;
  }
  if (info.isFile()) {
    yield { path, size: info.size };
    return;
  }
  if (!info.isDirectory()) return;
  const children = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) {
    if (child.name.startsWith('.')) continue;
    if (child.isDirectory() || child.isFile()) yield* listPath(join(path, child.name));
  }
}

