/**
 * The rules a configuration names by file: the leaked documents of `leaks[].documents` (read,
 * fingerprinted and forgotten: only shingle hashes are kept) and the banks of `leaks[].banks`.
 * A file that cannot be read, or a bank that is damaged, is a configuration problem naming it.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Config, ConfigProblem, ExtraRules, RuleEntry } from '../core/index.ts';
import { documentShingles } from '../core/matchers/excerpt.ts';
import { BankError } from '../bank/bank.ts';
import { readBank } from '../bank/file.ts';
import { addBankRules } from '../bank/rules.ts';
import { foundFiles } from '../bank/source.ts';

type Where = (path: (string | number)[]) => { line?: number; column?: number };

/** A bank file in use, and what it looked like when read (to notice when it is replaced). */
export interface BankStamp {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface LeakRules {
  /** Fingerprints of the documents, by leak set, kept to recompile after changes. */
  documents: RuleEntry[];
  /** Every bank's rules, by key. */
  banks: Record<string, RuleEntry[]>;
  /** The bank files read, with their stamps. */
  bankFiles: BankStamp[];
}

/** Documents and banks together, as the engine's `extra` rules. */
export function extraRules(rules: Pick<LeakRules, 'documents' | 'banks'>): ExtraRules {
  const documents = rules.documents.concat(rules.banks.documents ?? []);
  return { ...rules.banks, documents };
}

/** Reads the documents of `config`; problems are collected, not thrown. */
export async function readDocuments(config: Config, file: string, where: Where, problems: ConfigProblem[]): Promise<RuleEntry[]> {
  const base = dirname(resolve(file));
  const documents: RuleEntry[] = [];
  for (const [i, leak] of config.leaks.entries()) {
    for (const [j, entry] of leak.documents.entries()) {
      const path = resolve(base, entry);
      try {
        await stat(path);
        for await (const found of foundFiles(path, { base, pdq: false })) {
          if (!found.text) continue;
          // The text goes out of scope here: only its shingle hashes are kept.
          documents.push({ leak: leak.id, value: found.path, shingles: documentShingles(found.text) });
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
  return documents;
}

/** Reads the banks of `config`; problems are collected, not thrown. */
export async function readBanks(
  config: Config,
  file: string,
  where: Where,
  problems: ConfigProblem[],
): Promise<Pick<LeakRules, 'banks' | 'bankFiles'>> {
  const base = dirname(resolve(file));
  const banks: Record<string, RuleEntry[]> = {};
  const bankFiles: BankStamp[] = [];
  for (const [i, leak] of config.leaks.entries()) {
    for (const [j, entry] of leak.banks.entries()) {
      const path = resolve(base, entry);
      try {
        const before = await stampOf(path);
        const bank = await readBank(path);
        addBankRules(banks, bank, leak.id);
        bankFiles.push(before);
      } catch (err) {
        const reason =
          err instanceof BankError
            ? err.message
            : (err as NodeJS.ErrnoException).code === 'ENOENT'
              ? `bank ${path}: file not found`
              : `bank ${path}: ${(err as Error).message}`;
        problems.push({ file, path: `leaks[${i}].banks[${j}]`, ...where(['leaks', i, 'banks', j]), message: reason });
      }
    }
  }
  return { banks, bankFiles };
}

/** The file's modification time and size now. */
export async function stampOf(path: string): Promise<BankStamp> {
  const info = await stat(path);
  return { path, mtimeMs: info.mtimeMs, size: info.size };
}
