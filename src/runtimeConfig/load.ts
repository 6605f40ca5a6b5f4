/**
 * Loads the configuration file, the leaked documents and the banks it names, and compiles the
 * engine. A broken file or bank is refused with a `ConfigError` naming the file, the key and the
 * line. Documents are streamed and cut (fingerprints of the start suffice) and only their
 * fingerprints are kept.
 */
import { readFile } from 'node:fs/promises';
import { compileEngine, ConfigError, parseConfigText, type Config, type ConfigProblem, type Engine } from '../core/index.ts';
import { extraRules, readBanks, readDocuments, type LeakRules } from './leakRules.ts';

export const DEFAULT_CONFIG_FILE = 'config/blackout.yaml';

export interface LoadedConfig {
  /** Path of the file as given. */
  file: string;
  /** The YAML as plain data, before validation (changes by command are laid over it). */
  raw: unknown;
  config: Config;
  /** Fingerprints of the documents and banks the file names (never their text). */
  rules: LeakRules;
  engine: Engine;
}

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
  const problems: ConfigProblem[] = [];
  const documents = await readDocuments(parsed.config, file, parsed.where, problems);
  const banks = await readBanks(parsed.config, file, parsed.where, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const rules: LeakRules = { documents, ...banks };
  return { file, raw: parsed.raw, config: parsed.config, rules, engine: compileEngine(parsed.config, [], extraRules(rules)) };
}
