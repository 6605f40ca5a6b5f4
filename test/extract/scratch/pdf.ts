import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pdfExtractor } from '/work/main/src/extract/extractors/pdf.ts';
import { DEFAULT_LIMITS } from '/work/main/src/extract/limits.ts';
const doc = await PDFDocument.create();
const font = await doc.embedFont(StandardFonts.Helvetica);
const page = doc.addPage();
page.drawText('Bonjour le monde, voici un rapport confidentiel.', { x: 50, y: 700, font, size: 12 });
page.drawText('Deuxieme ligne du texte.', { x: 50, y: 680, font, size: 12 });
const bytes = Buffer.from(await doc.save());
console.log(JSON.stringify(await pdfExtractor.extractText(bytes, DEFAULT_LIMITS)));
try { await pdfExtractor.extractText(bytes.subarray(0, 300), DEFAULT_LIMITS); } catch (e) { console.log('trunc:', (e as Error).message); }
