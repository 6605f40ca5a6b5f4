/**
 * Images that carry text (screenshots of e-mails and documents, scans): read by OCR in the worker
 * (tesseract.js, French and English by default, models from npm packages), and the text matched
 * as an excerpt against the leak sets' documents and banks. OCR misreads some characters; the
 * text is matched as read and again with the usual digit-for-letter confusions undone
 * (`../ocr/confusables.ts`), and the excerpt matcher tolerates one word in ten altered besides.
 * Photos (no plain background) are not read. The text is never logged, kept or returned beyond
 * the match.
 */
import type { SignalKind } from '../../core/index.ts';
import type { Inspector } from '../inspector.ts';
import { matchKinds, type MatchedRule } from '../match.ts';
import { lettersReading } from '../ocr/confusables.ts';
import { isImage } from './types.ts';

const EXCERPT: ReadonlySet<SignalKind> = new Set(['excerpt']);
/** Fewer characters than this read by OCR cannot hold an excerpt (the matcher needs 12 words). */
const MIN_TEXT = 40;

export const imageOcrInspector: Inspector = {
  id: 'image-ocr',
  summary: "images that carry text (screenshots): read by OCR (attachments.ocrLanguages) and matched as an excerpt of the leak sets' documents and banks",
  async examine(file, content, options) {
    if (!options.ocr || !content || !isImage(file.type)) return;
    const { backgroundOf, prepareForOcr } = await import('../ocr/prepare.ts');
    const background = await backgroundOf(content);
    if (!background.plain) return;
    const { readText } = await import('../ocr/reader.ts');
    const { text } = await readText(await prepareForOcr(content, background), options.ocrLanguages);
    if (text.trim().length >= MIN_TEXT) file.ocrText = text;
  },
  match(file, engine, emit) {
    if (!file.ocrText) return;
    const found = new Map<string, MatchedRule>();
    for (const reading of [file.ocrText, lettersReading(file.ocrText)]) {
      if (reading === undefined) continue;
      for (const m of matchKinds(engine, EXCERPT, { text: reading })) found.set(`${m.leak}\u0000${m.rule}`, m);
    }
    for (const m of found.values()) emit({ ...m, path: file.path, description: `excerpt of ${m.rule} via OCR of ${file.path}` });
  },
};
