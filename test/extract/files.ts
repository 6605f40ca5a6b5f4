/**
 * Real files made for the extraction tests (and the bank benchmark): e-mails in every transfer
 * encoding and charset, PDFs (plain, encrypted, truncated), office documents built from minimal
 * XML, zips (nested, encrypted, bombs), tars and gzips.
 */
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pack } from 'tar-stream';

// --- E-mails -----------------------------------------------------------------------------------

export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';
export type Charset = 'utf-8' | 'windows-1252' | 'iso-8859-1';

export interface MailSpec {
  subject: string;
  text?: string;
  html?: string;
  encoding?: TransferEncoding;
  charset?: Charset;
  from?: string;
  attachments?: { name: string; contentType: string; bytes: Uint8Array }[];
}

function encodeCharset(text: string, charset: Charset): Buffer {
  return charset === 'utf-8' ? Buffer.from(text, 'utf8') : Buffer.from(text, 'latin1');
}

/** Quoted-printable (RFC 2045 §6.7), lines of at most 76 characters with soft breaks. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split('\n')) {
    let out = '';
    let width = 0;
    for (const ch of line.replace(/\r$/, '')) {
      const code = ch.charCodeAt(0);
      const piece = code === 61 || code > 126 || (code < 32 && code !== 9) ? `=${code.toString(16).toUpperCase().padStart(2, '0')}` : ch;
      if (width + piece.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    if (out.endsWith(' ')) out = `${out.slice(0, -1)}=20`;
    lines.push(out);
  }
  return lines.join('\r\n');
}

function base64Lines(bytes: Uint8Array): string {
  return (Buffer.from(bytes).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function bodyPart(content: string, type: string, charset: Charset, encoding: TransferEncoding): string {
  const bytes = encodeCharset(content.replace(/\r?\n/g, '\r\n'), charset);
  const encoded = encoding === 'base64' ? base64Lines(bytes) : encoding === 'quoted-printable' ? quotedPrintable(bytes) : bytes.toString('latin1');
  return `Content-Type: ${type}; charset="${charset}"\r\nContent-Transfer-Encoding: ${encoding === '7bit' && charset !== 'utf-8' ? '8bit' : encoding}\r\n\r\n${encoded}\r\n`;
}

/** An RFC 822 e-mail: text and/or HTML body in the given charset and encoding, with attachments. */
export function makeEmail(spec: MailSpec): Buffer {
  const charset = spec.charset ?? 'utf-8';
  const encoding = spec.encoding ?? 'quoted-printable';
  const headers =
    `From: ${spec.from ?? 'Alice Martin <alice@en-marche.example>'}\r\n` +
    `To: Bob Durand <bob@en-marche.example>\r\n` +
    `Subject: =?utf-8?B?${Buffer.from(spec.subject).toString('base64')}?=\r\n` +
    `Date: Thu, 27 Apr 2017 10:00:00 +0200\r\n` +
    `Message-ID: <${Math.abs(hashString(spec.subject + (spec.text ?? '')))}@en-marche.example>\r\n` +
    `MIME-Version: 1.0\r\n`;
  const parts: string[] = [];
  if (spec.text !== undefined && spec.html !== undefined) {
    const alt = 'alt-boundary-42';
    parts.push(
      `Content-Type: multipart/alternative; boundary="${alt}"\r\n\r\n` +
        `--${alt}\r\n${bodyPart(spec.text, 'text/plain', charset, encoding)}` +
        `--${alt}\r\n${bodyPart(spec.html, 'text/html', charset, encoding)}--${alt}--\r\n`,
    );
  } else if (spec.html !== undefined) parts.push(bodyPart(spec.html, 'text/html', charset, encoding));
  else parts.push(bodyPart(spec.text ?? '', 'text/plain', charset, encoding));
  for (const a of spec.attachments ?? []) {
    parts.push(
      `Content-Type: ${a.contentType}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.bytes)}\r\n`,
    );
  }
  if (parts.length === 1) return Buffer.from(headers + parts[0], 'latin1');
  const mixed = 'mixed-boundary-17';
  return Buffer.from(
    `${headers}Content-Type: multipart/mixed; boundary="${mixed}"\r\n\r\n${parts.map((p) => `--${mixed}\r\n${p}`).join('')}--${mixed}--\r\n`,
    'latin1',
  );
}

/** An mbox holding the e-mails, `>From ` escaped in bodies. */
export function makeMbox(mails: readonly Buffer[]): Buffer {
  return Buffer.concat(
    mails.map((m) =>
      Buffer.from(`From alice@en-marche.example Thu Apr 27 10:00:00 2017\n${m.toString('latin1').replace(/\r\n/g, '\n').replace(/^From /gm, '>From ')}\n`, 'latin1'),
    ),
  );
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

// --- PDFs --------------------------------------------------------------------------------------

/** A PDF whose text layer holds `lines` (Helvetica, WinAnsi: French accents are fine). */
export async function makePdf(pages: readonly (readonly string[])[], options: { photo?: Uint8Array } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    for (const [i, line] of lines.entries()) page.drawText(line, { x: 40, y: 800 - i * 14, size: 10, font });
  }
  if (options.photo) {
    // A scanned page or a figure: most of a real PDF's bytes are pictures.
    const image = await doc.embedJpg(options.photo);
    doc.addPage([595, 842]).drawImage(image, { x: 40, y: 300, width: 515, height: 386 });
  }
  return Buffer.from(await doc.save());
}

/** A PDF written by hand, with its cross-reference table computed. */
function handPdf(objects: readonly string[], trailer: string): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A PDF encrypted with the standard security handler (RC4, revision 2) and a user password: the
 * /U entry does not match the empty password, so no reader can open it without the password.
 */
export function makeEncryptedPdf(): Buffer {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed * 7 + i * 13) & 0xff).toString(16).padStart(2, '0')).join('');
  const content = 'BT /F1 12 Tf 50 700 Td (Secret campaign memo) Tj ET';
  return handPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(1)}> /U <${hex32(2)}> /P -44 >>`,
    ],
    `/Encrypt 5 0 R /ID [<${hex32(3).slice(0, 32)}> <${hex32(3).slice(0, 32)}>]`,
  );
}

// --- Office documents (minimal XML, zipped with jszip) -----------------------------------------

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const CT = (overrides: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
const RELS = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

async function zipOf(files: Record<string, string | Uint8Array>, options: { store?: string[] } = {}): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) {
    zip.file(name, content, options.store?.includes(name) ? { compression: 'STORE' } : undefined);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function makeDocx(paragraphs: readonly string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`).join('');
  return zipOf({
    '[Content_Types].xml': CT('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'),
    '_rels/.rels': RELS('word/document.xml'),
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

export function makeXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const strings = rows.flat();
  const sst = strings.map((s) => `<si><t>${xmlEscape(s)}</t></si>`).join('');
  let k = 0;
  const sheetRows = rows
    .map((row, r) => `<row r="${r + 1}">${row.map((_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="s"><v>${k++}</v></c>`).join('')}</row>`)
    .join('');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return zipOf({
    '[Content_Types].xml': CT(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    ),
    '_rels/.rels': RELS('xl/workbook.xml'),
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${sst}</sst>`,
  });
}

export function makePptx(slides: readonly string[]): Promise<Buffer> {
  const files: Record<string, string> = {
    '[Content_Types].xml': CT(
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>' +
        slides.map((_, i) => `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`).join(''),
    ),
    '_rels/.rels': RELS('ppt/presentation.xml'),
    'ppt/presentation.xml': `<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
  };
  slides.forEach((text, i) => {
    files[`ppt/slides/slide${i + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>${xmlEscape(text)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  });
  return zipOf(files);
}

export function makeOdt(paragraphs: readonly string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<text:p>${xmlEscape(p)}</text:p>`).join('');
  return zipOf(
    {
      mimetype: 'application/vnd.oasis.opendocument.text',
      'content.xml':
        `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
        `xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
      'META-INF/manifest.xml':
        `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">` +
        `<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>` +
        `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    { store: ['mimetype'] },
  );
}

// --- Archives ----------------------------------------------------------------------------------

/** A zip of the given files (deflated). */
export function makeZip(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  return zipOf(files);
}

/** A zip whose every entry has the "encrypted" flag set (bit 0), in local and central headers. */
export async function makeEncryptedZip(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = Buffer.from(await zipOf(files));
  for (let at = zip.indexOf('PK\x03\x04'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4)) zip.writeUInt16LE(zip.readUInt16LE(at + 6) | 1, at + 6);
  for (let at = zip.indexOf('PK\x01\x02'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4)) zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
  return zip;
}

/** A tar of the given files. */
export async function makeTar(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const [name, content] of Object.entries(files)) tar.entry({ name, mtime: new Date('2017-05-05T20:00:00Z') }, Buffer.from(content));
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const gzip = (bytes: Uint8Array): Buffer => gzipSync(bytes);

/** A zip holding one highly compressible entry of `megabytes` of zeros (about 1000:1). */
export function makeZipBomb(megabytes = 10): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('zeros.bin', new Uint8Array(megabytes * 1024 * 1024), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
  return zip.generateAsync({ type: 'nodebuffer' });
}
