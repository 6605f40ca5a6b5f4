/**
 * Loads the configuration file and the leaked documents it names, and compiles the engine.
 * A broken file is refused with a `ConfigError` naming the file, the key and the line.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  compileEngine,
  ConfigError,
  parseConfigText,
  type Config,
  type ConfigProblem,
  type Engine,
  type LeakDocument,
} from '../core/index.ts';

export const DEFAULT_CONFIG_FILE = 'config/blackout.yaml';

export interface LoadedConfig {
  /** Path of the file as given. */
  file: string;
  /** The YAML as plain data, before validation (changes by command are laid over it). */
  raw: unknown;
  config: Config;
  documents: LeakDocument[];
  engine: Engine;
}

/** Largest leaked document read (bigger files are cut: fingerprints of the start suffice). */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Which file to read: the `--config` option, then `BLACKOUT_CONFIG`, then the default. */
export function configFileFrom(option?: string): string {
  return option ?? (process.env.BLACKOUT_CONFIG?.trim() || DEFAULT_CONFIG_FILE);
}

/** Reads, validates and compiles a configuration file. */
export async function loadConfig(file: string = configFileFrom()): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError([{ file, path: '', message: `cannot read the configuration: ${reason}` }]);
  }
  const parsed = parseConfigText(text, file);
  const documents = await loadDocuments(parsed.config, file, parsed.where);
  return { file, raw: parsed.raw, config: parsed.config, documents, engine: compileEngine(parsed.config, documents) };
}

async function loadDocuments(
  config: Config,
  file: string,
  where: (path: (string | number)[]) => { line?: number; column?: number },
): Promise<LeakDocument[]> {
  const base = dirname(resolve(file));
  const documents: LeakDocument[] = [];
  const problems: ConfigProblem[] = [];
  for (const [i, leak] of config.leaks.entries()) {
    for (const [j, entry] of leak.documents.entries()) {
      const path = resolve(base, entry);
      try {
        for (const docPath of await listFiles(path)) {
          const text = await readText(docPath);
          if (text !== undefined) documents.push({ leak: leak.id, id: relative(base, docPath), text });
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({
          file,
          path: `leaks[${i}].documents[${j}]`,
          ...where(['leaks', i, 'documents', j]),
          message: code === 'ENOENT' ? `no such file or folder: ${path}` : `cannot read ${path}: ${(err as Error).message}`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return documents;
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(child)));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

/** The file as text, or undefined for binary files (a NUL byte in the first 8 kB). */
async function readText(path: string): Promise<string | undefined> {
  const buffer = await readFile(path);
  const slice = buffer.subarray(0, Math.min(buffer.length, MAX_DOCUMENT_BYTES));
  if (slice.subarray(0, 8192).includes(0)) return undefined;
  return slice.toString('utf8');
}
