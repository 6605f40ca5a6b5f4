/**
 * Documents (PDF, DOCX, ODT, XLSX, PPTX, EML, HTML, text), as attachments or inside archives:
 * their text, extracted in the worker by the leak bank's extractors (`src/extract/`), is matched
 * as an excerpt against the leak sets' documents and banks, with the same tolerance as a pasted
 * passage. The text itself stays in memory for the time of the match.
 */
import type { SignalKind } from '../../core/index.ts';
import type { Inspector } from '../inspector.ts';
import { matchKinds } from '../match.ts';

const EXCERPT: ReadonlySet<SignalKind> = new Set(['excerpt']);

export const documentInspector: Inspector = {
  id: 'document',
  summary: "documents (PDF, DOCX, ODT, XLSX, PPTX, EML, HTML, text): their text matched as an excerpt of the leak sets' documents and banks",
  match(file, engine, emit) {
    if (!file.text) return;
    for (const m of matchKinds(engine, EXCERPT, { text: file.text })) {
      emit({ ...m, path: file.path, description: `excerpt of ${m.rule} in ${file.path}` });
    }
  },
};
