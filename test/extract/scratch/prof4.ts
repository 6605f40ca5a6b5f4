import * as f from '../files.ts';
import { pdfExtractor } from '../../../src/extract/extractors/pdf.ts';
import { DEFAULT_LIMITS } from '../../../src/extract/limits.ts';
import { FRENCH } from '../collect.ts';
const pdf = await f.makePdf([[FRENCH.slice(0, 90), FRENCH.slice(90)], [FRENCH.slice(0, 90)]]);
for (let i = 0; i < 300; i++) await pdfExtractor.extractText(pdf, DEFAULT_LIMITS);
