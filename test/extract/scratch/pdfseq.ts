import * as f from '../files.ts';
import { pdfExtractor } from '../../../src/extract/extractors/pdf.ts';
import { DEFAULT_LIMITS } from '../../../src/extract/limits.ts';
const pdf = await f.makePdf([['hello world']]);
for (const b of [pdf.subarray(0, 300), f.makeEncryptedPdf(), pdf, Buffer.from('%PDF-1.4 garbage'), pdf]) {
  try { console.log(JSON.stringify(await pdfExtractor.extractText(b, DEFAULT_LIMITS))); } catch (e) { console.log('err', (e as Error).message); }
}
