/** Test helpers: every record of a walk, and one by path. */
import { walk, type WalkOptions, type WalkSource } from '../../src/extract/walk.ts';
import type { FoundFile } from '../../src/extract/types.ts';

export async function collect(sources: WalkSource | readonly WalkSource[], options: WalkOptions = {}): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for await (const record of walk(sources, options)) out.push(record);
  return out;
}

/** The record at `path`, failing clearly when there is none. */
export function at(records: readonly FoundFile[], path: string): FoundFile {
  const found = records.find((r) => r.path === path);
  if (!found) throw new Error(`no record ${path}; found: ${records.map((r) => r.path).join(', ')}`);
  return found;
}

/** One file in memory, walked: its own record (the last one). */
export async function one(name: string, bytes: Uint8Array, options: WalkOptions = {}): Promise<FoundFile> {
  const records = await collect({ name, bytes }, options);
  return records[records.length - 1]!;
}

export const FRENCH =
  'Les équipes de campagne préparent la réunion publique à Besançon ; le trésorier a validé les dépenses ' +
  'prévues pour la fête de clôture, déjà très commentée par les élus du Var et de Guyane.';
