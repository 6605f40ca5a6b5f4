import * as f from '../files.ts';
import { pdfExtractor } from '../../../src/extract/extractors/pdf.ts';
import { parseEmail } from '../../../src/extract/email.ts';
import { DEFAULT_LIMITS } from '../../../src/extract/limits.ts';
import { countWords } from '../../../src/extract/decodeText.ts';
import { FRENCH } from '../collect.ts';
const pdf = await f.makePdf([[FRENCH.slice(0, 90), FRENCH.slice(90)], [FRENCH.slice(0, 90)]]);
await pdfExtractor.extractText(pdf, DEFAULT_LIMITS);
let t = performance.now();
for (let i = 0; i < 50; i++) await pdfExtractor.extractText(pdf, DEFAULT_LIMITS);
console.log('pdf per doc ms', ((performance.now() - t) / 50).toFixed(1), pdf.length);
const text = Array.from({ length: 40 }, () => FRENCH).join('\n');
for (const enc of ['7bit', 'quoted-printable', 'base64'] as const) {
  const m = f.makeEmail({ subject: 's', text, encoding: enc, charset: 'windows-1252' });
  t = performance.now();
  for (let i = 0; i < 200; i++) await parseEmail(m);
  const ms = (performance.now() - t) / 200;
  console.log('email', enc, m.length, 'ms', ms.toFixed(2), (m.length / 1e6 / (ms / 1000)).toFixed(1), 'MB/s');
}
const big = f.makeEmail({ subject: 's', text: 'x', attachments: [{ name: 'a.bin', contentType: 'application/octet-stream', bytes: Buffer.alloc(2e6, 7) }] });
t = performance.now();
for (let i = 0; i < 20; i++) await parseEmail(big);
let ms = (performance.now() - t) / 20;
console.log('email 2MB attach', big.length, 'ms', ms.toFixed(2), (big.length / 1e6 / (ms / 1000)).toFixed(1), 'MB/s');
t = performance.now();
for (let i = 0; i < 200; i++) countWords(text);
ms = (performance.now() - t) / 200;
console.log('countWords MB/s', (text.length / 1e6 / (ms / 1000)).toFixed(1));
