/**
 * PDF: the text layer, page by page, with pdf.js (Mozilla's reader). On Node, the legacy build
 * runs its "worker" in the same thread (we already are in a worker thread), so nothing is fetched
 * or downloaded; eval is off. A PDF that needs a password is reported `encrypted`.
 * @see https://github.com/mozilla/pdf.js/blob/master/src/display/api.js (getDocument options)
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { capText, ExtractError, type Extractor } from './extractor.ts';

let workerReady: Promise<pdfjs.PDFWorker> | undefined;

/**
 * pdf.js's worker code loaded into this thread, once, so `getDocument` never starts a Worker;
 * one `PDFWorker` serves every document (setting one up per document costs more than a small PDF).
 */
function ensureWorker(): Promise<pdfjs.PDFWorker> {
  // @ts-expect-error pdf.js ships no declarations for its worker module.
  workerReady ??= import('pdfjs-dist/legacy/build/pdf.worker.mjs').then((worker: unknown) => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return new pdfjs.PDFWorker({ verbosity: 0 });
  });
  return workerReady;
}

export const pdfExtractor: Extractor = {
  name: 'pdf',
  types: ['pdf'],
  description: 'PDF text layer (pdf.js, in-thread, no eval, nothing fetched); password-protected PDFs are reported encrypted',
  async extractText(bytes, limits) {
    const worker = await ensureWorker();
    const task = pdfjs.getDocument({
      worker,
      // pdf.js takes ownership of (and detaches) the array it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useWorkerFetch: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: false,
      verbosity: 0,
    });
    let doc: pdfjs.PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (err) {
      await task.destroy().catch(() => undefined);
      const name = (err as Error).name;
      if (name === 'PasswordException') throw new ExtractError('encrypted');
      throw new ExtractError(`damaged PDF: ${(err as Error).message}`);
    }
    try {
      const pages: string[] = [];
      let length = 0;
      for (let n = 1; n <= doc.numPages && length < limits.maxTextChars; n++) {
        const page = await doc.getPage(n);
        // Unicode normalisation is left to the matcher (NFKC of every text it compares).
        const content = await page.getTextContent({ disableNormalization: true });
        let text = '';
        for (const item of content.items) {
          if (!('str' in item)) continue;
          text += item.str;
          if (item.hasEOL) text += '\n';
          else if (item.str !== '' && !item.str.endsWith(' ')) text += ' ';
        }
        page.cleanup();
        pages.push(text);
        length += text.length;
      }
      return capText(pages.join('\n\n'), limits);
    } catch (err) {
      throw new ExtractError(`damaged PDF: ${(err as Error).message}`);
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  },
};
