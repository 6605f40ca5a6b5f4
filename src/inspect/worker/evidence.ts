/** A found file (from the walker) as inspection evidence, with the walker's errors turned into reasons. */
import type { FoundFile } from '../../extract/types.ts';
import type { FileEvidence, NotInspectedReason } from '../types.ts';

/** The reason shown to people for a walker's error text (`encrypted`, `zip bomb refused: …`). */
export function reasonOf(error: string): NotInspectedReason {
  const e = error.toLowerCase();
  if (e.includes('encrypt') || e.includes('password')) return 'encrypted';
  // The walker's limits against bombs: ratio, entry count, total expanded size, nesting depth.
  if (e.includes('bomb') || e.includes('too many files') || e.includes('too much data') || e.includes('nested')) return 'archive bomb';
  if (e.includes('too large')) return 'too large';
  if (e.includes('unsupported')) return 'unsupported';
  return 'damaged';
}

export function evidenceOf(found: FoundFile, attachmentName: string): FileEvidence {
  // The walker names the root by what it was given; the attachment's name is what people know.
  const depth = found.path.split('!/').length - 1;
  return {
    path: found.path,
    name: found.name || attachmentName,
    type: found.type,
    depth,
    bytes: found.bytes,
    ...(found.sha256 && { sha256: found.sha256 }),
    ...(found.md5 && { md5: found.md5 }),
    ...(found.text !== undefined && { text: found.text }),
    ...(found.pdq && { pdq: found.pdq }),
    ...(found.error !== undefined && { notInspected: { reason: reasonOf(found.error), detail: found.error } }),
  };
}
