/**
 * A file's type from its first bytes (magic numbers and, for text formats, the shape of the
 * start), so a PDF named `.txt` is a PDF. The name only breaks ties between text formats.
 * @see https://en.wikipedia.org/wiki/List_of_file_signatures
 */
import type { FileType } from './types.ts';

/** How many leading bytes `detectType` looks at (a tar header needs 262). */
export const HEAD_BYTES = 4096;

const ascii = (head: Uint8Array, at: number, text: string): boolean => {
  if (head.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (head[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** Detects the type of a file from its first bytes (at least `HEAD_BYTES` when the file is that long). */
export function detectType(head: Uint8Array, name?: string): FileType {
  const binary = binaryType(head);
  if (binary !== undefined) return binary;
  return textType(head, name);
}

function binaryType(h: Uint8Array): FileType | undefined {
  if (h[0] === 0x25 && indexOfAscii(h, '%PDF-', 1024) >= 0) return 'pdf';
  if (ascii(h, 0, 'PK\x03\x04') || ascii(h, 0, 'PK\x05\x06')) return zipFlavour(h);
  if (h[0] === 0x1f && h[1] === 0x8b && h[2] === 0x08) return 'gzip';
  if (ascii(h, 257, 'ustar')) return 'tar';
  if (h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return 'jpeg';
  if (ascii(h, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a')) return 'gif';
  if (ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP')) return 'webp';
  if (ascii(h, 0, 'II*\x00') || ascii(h, 0, 'MM\x00*')) return 'tiff';
  if (ascii(h, 0, '{\\rtf')) return 'rtf';
  // Some PDFs carry junk before the header (allowed within the first 1024 bytes).
  if (indexOfAscii(h, '%PDF-', 1024) >= 0 && looksBinaryAfterPdf(h)) return 'pdf';
  return undefined;
}

function looksBinaryAfterPdf(h: Uint8Array): boolean {
  // A text file merely mentioning "%PDF-" stays text: a real PDF has an object soon after.
  return indexOfAscii(h, ' obj', h.length) >= 0;
}

function indexOfAscii(h: Uint8Array, text: string, within: number): number {
  const end = Math.min(h.length, within + text.length) - text.length;
  for (let i = 0; i <= end; i++) if (ascii(h, i, text)) return i;
  return -1;
}

/**
 * Which zip: ODF puts an uncompressed `mimetype` entry first; OOXML has `[Content_Types].xml` and
 * a `word/`, `xl/` or `ppt/` folder. The head shows the first local headers; `zipTypeFromNames`
 * settles it from the central directory when the zip is opened.
 */
function zipFlavour(h: Uint8Array): FileType {
  if (ascii(h, 30, 'mimetype')) {
    const mime = new TextDecoder().decode(h.subarray(38, Math.min(h.length, 38 + 80)));
    const odf = odfType(mime);
    if (odf) return odf;
  }
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= h.length && ascii(h, at, 'PK\x03\x04')) {
    const view = new DataView(h.buffer, h.byteOffset + at);
    const flags = view.getUint16(6, true);
    const compressed = view.getUint32(18, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    if (at + 30 + nameLength > h.length) break;
    names.push(new TextDecoder().decode(h.subarray(at + 30, at + 30 + nameLength)));
    if (flags & 0x08) break; // sizes follow the data: the next header cannot be found from here
    at += 30 + nameLength + extraLength + compressed;
  }
  return zipTypeFromNames(names);
}

function odfType(mime: string): FileType | undefined {
  if (mime.startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
  if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (mime.startsWith('application/vnd.oasis.opendocument.presentation')) return 'odp';
  return undefined;
}

/** The type of a zip from its entry names (and the content of its `mimetype` entry, for ODF). */
export function zipTypeFromNames(names: readonly string[], mimetype?: string): FileType {
  if (mimetype !== undefined) {
    const odf = odfType(mimetype.trim());
    if (odf) return odf;
  }
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  }
  return 'zip';
}

// --- Text formats ------------------------------------------------------------------------------

const HEADER_LINE = /^[!-9;-~]+:[ \t]?/; // RFC 5322 field name: printable ASCII but ':'
const MAIL_HEADERS = new Set([
  'from', 'to', 'cc', 'subject', 'date', 'message-id', 'mime-version', 'received', 'return-path',
  'delivered-to', 'reply-to', 'content-type', 'x-mailer', 'sender', 'in-reply-to', 'references',
  'dkim-signature', 'thread-topic', 'x-originating-ip', 'user-agent', 'content-transfer-encoding',
]);

function textType(h: Uint8Array, name?: string): FileType {
  if (!looksLikeText(h)) return 'unknown';
  const start = new TextDecoder('latin1').decode(h.subarray(0, 2048)).replace(/^\ufeff|^\xef\xbb\xbf/, '');
  const trimmed = start.trimStart();
  if (/^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(trimmed)) return 'html';
  if (/^<!--/.test(trimmed) && /<html[\s>]/i.test(trimmed)) return 'html';
  if (trimmed.startsWith('{\\rtf')) return 'rtf';
  const lines = start.split(/\r?\n/);
  if (/^From \S/.test(lines[0] ?? '') && isMailHeaderBlock(lines.slice(1))) return 'mbox';
  if (isMailHeaderBlock(lines)) return 'eml';
  const lower = name?.toLowerCase() ?? '';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) {
    if (/<(p|div|br|table|a|span)[\s>/]/i.test(start)) return 'html';
  }
  return 'text';
}

/** At least two header lines, one of them a known mail header, before the first blank line. */
function isMailHeaderBlock(lines: readonly string[]): boolean {
  let headers = 0;
  let known = 0;
  for (const line of lines) {
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (headers === 0) return false;
      continue; // folded continuation
    }
    if (!HEADER_LINE.test(line)) return false;
    headers++;
    if (MAIL_HEADERS.has(line.slice(0, line.indexOf(':')).toLowerCase())) known++;
    if (headers >= 12) break;
  }
  return headers >= 2 && known >= 1;
}

/**
 * Text, not binary: no NUL byte, and either valid UTF-8 (a sequence cut by the end of the head is
 * fine) or few control characters (a single-byte charset such as windows-1252).
 */
export function looksLikeText(h: Uint8Array): boolean {
  if (h.length === 0) return true;
  let controls = 0;
  for (const b of h) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  if (controls > h.length * 0.02) return false;
  return true;
}
