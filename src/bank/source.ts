/**
 * The files found under a path, as the extraction layer reports them: the one place where
 * `fingerprint` and `leaks[].documents` meet the walker of `src/extract`, so both read the same
 * formats with the same limits. The walker streams every file and keeps at most the start of a
 * document (`limits.maxTextChars`), so a huge file costs time, never memory.
 */
import { sep } from 'node:path';
import { walk, type WalkOptions } from '../extract/walk.ts';
import type { FoundFile } from '../extract/types.ts';

export interface SourceOptions extends WalkOptions {
  /** Paths are shown relative to this folder (the configuration's), else as given. */
  base?: string;
}

/** Every file under `paths`, in order; a path that cannot be read gives a record with `error`. */
export async function* foundFiles(paths: string | readonly string[], options: SourceOptions = {}): AsyncIterable<FoundFile> {
  const { base, ...walkOptions } = options;
  const prefix = base === undefined ? undefined : base.endsWith(sep) ? base : base + sep;
  for await (const file of walk(typeof paths === 'string' ? [paths] : paths, walkOptions)) {
    if (prefix !== undefined && file.path.startsWith(prefix)) file.path = file.path.slice(prefix.length);
    yield file;
  }
}
