/**
 * Archives (zip, tar, gzip, e-mails with attachments, nested to a bounded depth): every entry is
 * hashed (SHA-256 and MD5) and named, and matched like an attachment of its own; documents and
 * images inside are inspected by the other inspectors. Opening them, with the limits against
 * archive bombs, is the walker's job (`src/extract/`), in the worker.
 */
import type { SignalKind } from '../../core/index.ts';
import type { Inspector } from '../inspector.ts';
import { matchKinds } from '../match.ts';

const FILE_RULES: ReadonlySet<SignalKind> = new Set(['fileHash', 'fileName']);

export const archiveInspector: Inspector = {
  id: 'archive',
  summary: 'archives (zip, tar, gzip, nested; e-mail attachments): every entry hashed, named and inspected, bombs refused',
  match(file, engine, emit) {
    // The attachment itself is hashed and named by the message's own classification.
    if (file.depth === 0) return;
    const attachment = { name: file.name, ...(file.sha256 && { sha256: file.sha256 }), ...(file.md5 && { md5: file.md5 }) };
    for (const m of matchKinds(engine, FILE_RULES, { attachments: [attachment] })) {
      const what = m.kind === 'fileName' ? `file named ${m.rule}` : `leaked file ${m.rule.length > 40 ? `${m.rule.slice(0, 12)}…` : m.rule}`;
      emit({ ...m, path: file.path, description: `${what} as ${file.path}` });
    }
  },
};
