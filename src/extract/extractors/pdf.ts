/**
 * PDF: the text layer, page by page, with pdf.js (Mozilla's reader). On Node, the legacy build
 * runs its "worker" in the same thread (we already are in a worker thread), so nothing is fetched
 * or downloaded; eval is off. A PDF that needs a password is reported `encrypted`.
 * @see https://github.com/mozilla/pdf.js/blob/master/src/display/api.js (getDocument options)
 */
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { withoutSourceMaps } from '../withoutSourceMaps.ts';
import { capText, ExtractError, type Extractor } from './extractor.ts';

interface PdfJs {
  lib: typeof Pdfjs;
  worker: Pdfjs.PDFWorker;
}

let loaded: Promise<PdfJs> | undefined;

/**
 * pdf.js, loaded on the first PDF (without its source maps, see `withoutSourceMaps`), with its
 * worker code in this thread so `getDocument` never starts a Worker; one `PDFWorker` serves every
 * document (setting one up per document costs more than reading a small PDF).
 */
function loadPdfjs(): Promise<PdfJs> {
  loaded ??= withoutSourceMaps(async () => {
    // The legacy build's core-js replaces `Array.prototype.push` and `JSON.parse` for the whole
    // thread with slower JavaScript versions (Node 20's push differs from the specification only
    // on arrays whose length is read-only; the JSON.parse adds source text to revivers). Every
    // library in the thread (mailparser, officeparser, …) would pay for them: the built-ins are
    // put back once pdf.js is loaded, and pdf.js runs on them too.
    const { push } = Array.prototype;
    const { parse } = JSON;
    try {
      const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // @ts-expect-error pdf.js ships no declarations for its worker module.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return { lib, worker: new lib.PDFWorker({ verbosity: 0 }) };
    } finally {
      Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
      JSON.parse = parse;
    }
  });
  return loaded;
}

export const pdfExtractor: Extractor = {
  name: 'pdf',
  types: ['pdf'],
  description: 'PDF text layer (pdf.js, in-thread, no eval, nothing fetched); password-protected PDFs are reported encrypted',
  async extractText(bytes, limits) {
    const { lib, worker } = await loadPdfjs();
    const task = lib.getDocument({
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
    let doc: Pdfjs.PDFDocumentProxy;
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
