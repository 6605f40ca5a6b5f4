/**
 * The bank file format, version 1. Compact binary, read in one pass without parsing text:
 *
 *     "BGBANK\r\n"          8 bytes, magic (the \r\n catches text-mode copies)
 *     header length         4 bytes, unsigned little-endian
 *     header                JSON (UTF-8): format version, leak id, name, times, counts, the
 *                           shingling parameters, the body's length and SHA-256, its sections
 *     padding               to a multiple of 4 bytes
 *     body                  sections, each starting on a multiple of 4 bytes:
 *       sha256              32 bytes per file hash
 *       md5                 16 bytes per file hash
 *       documentShingles    4 bytes (u32 LE) per document: how many shingle hashes it has
 *       shingles            4 bytes (u32 LE) per hash, each document's sorted
 *       pdq                 32 bytes per image hash
 *       pdqQuality          1 byte per image hash
 *       strings             raw DEFLATE of a JSON object of string lists: fileNames, urls,
 *                           domains, infohashes, documentIds, imageIds
 *
 * The SHA-256 of the body is checked before anything is used, so a truncated or corrupted bank
 * is refused whole, never half-loaded; counts are checked against the sections' sizes.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SHINGLE_WORDS } from '../core/matchers/shingleTable.ts';
import { WINDOW } from '../core/matchers/winnow.ts';
import { bankCounts, BankError, type Bank, type BankInfo } from './bank.ts';

export const MAGIC = Buffer.from('BGBANK\r\n', 'latin1');
export const FORMAT_VERSION = 1;

const SECTIONS = ['sha256', 'md5', 'documentShingles', 'shingles', 'pdq', 'pdqQuality', 'strings'] as const;
type SectionName = (typeof SECTIONS)[number];

interface Header {
  format: 'blackout-guard bank';
  version: number;
  leak: string;
  name?: string;
  created: string;
  updated: string;
  counts: Record<string, number>;
  /** How document shingles were made; a bank made otherwise could not match. */
  shingles: { words: number; window: number; hash: string };
  body: { bytes: number; sha256: string; sections: Record<SectionName, [offset: number, bytes: number]> };
}

const SHINGLE_HASH = 'fnv1a32-words/murmur3-fmix-4';

interface Strings {
  fileNames: string[];
  urls: string[];
  domains: string[];
  infohashes: string[];
  documentIds: string[];
  imageIds: string[];
}

if (endianness() !== 'LE') throw new Error('bank files are read with little-endian typed arrays');

const align4 = (n: number) => (n + 3) & ~3;

/** The bank as the bytes of a file. */
export function encodeBank(bank: Bank): Buffer {
  const hexes = (list: string[], bytes: number) => {
    const out = Buffer.alloc(list.length * bytes);
    for (const [i, h] of list.entries()) out.write(h, i * bytes, bytes, 'hex');
    return out;
  };
  const counts = Uint32Array.from(bank.documents, (d) => d.shingles.length);
  const total = counts.reduce((a, b) => a + b, 0);
  const shingles = new Uint32Array(total);
  let at = 0;
  for (const d of bank.documents) {
    shingles.set(d.shingles, at);
    at += d.shingles.length;
  }
  const strings: Strings = {
    fileNames: bank.fileNames,
    urls: bank.urls,
    domains: bank.domains,
    infohashes: bank.infohashes,
    documentIds: bank.documents.map((d) => d.id),
    imageIds: bank.images.map((i) => i.id),
  };
  const parts: Record<SectionName, Buffer> = {
    sha256: hexes(bank.sha256, 32),
    md5: hexes(bank.md5, 16),
    documentShingles: Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength),
    shingles: Buffer.from(shingles.buffer, shingles.byteOffset, shingles.byteLength),
    pdq: hexes(
      bank.images.map((i) => i.hash),
      32,
    ),
    pdqQuality: Buffer.from(bank.images.map((i) => Math.max(0, Math.min(100, Math.round(i.quality))))),
    strings: deflateRawSync(Buffer.from(JSON.stringify(strings), 'utf8')),
  };
  const sections = {} as Header['body']['sections'];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const name of SECTIONS) {
    const part = parts[name];
    sections[name] = [offset, part.length];
    chunks.push(part);
    const padded = align4(part.length);
    if (padded > part.length) chunks.push(Buffer.alloc(padded - part.length));
    offset += padded;
  }
  const body = Buffer.concat(chunks, offset);
  const header: Header = {
    format: 'blackout-guard bank',
    version: FORMAT_VERSION,
    leak: bank.info.leak,
    ...(bank.info.name !== undefined ? { name: bank.info.name } : {}),
    created: bank.info.created,
    updated: bank.info.updated,
    counts: bankCounts(bank),
    shingles: { words: SHINGLE_WORDS, window: WINDOW, hash: SHINGLE_HASH },
    body: { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), sections },
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(align4(MAGIC.length + 4 + json.length));
  MAGIC.copy(head, 0);
  head.writeUInt32LE(json.length, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  return Buffer.concat([head, body]);
}

/** Reads a bank from the bytes of `file`; throws {@link BankError} saying what is wrong. */
export function decodeBank(data: Buffer, file: string): Bank {
  const fail = (reason: string): never => {
    throw new BankError(file, reason);
  };
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    fail('not a blackout-guard bank (made by "blackout-guard fingerprint")');
  }
  const headerBytes = data.readUInt32LE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerBytes;
  if (headerEnd > data.length) fail(`truncated: the header needs ${headerEnd} bytes, the file has ${data.length}`);
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', MAGIC.length + 4, headerEnd)) as Header;
  } catch {
    return fail('corrupted: its header is not readable');
  }
  if (header?.format !== 'blackout-guard bank' || typeof header.body?.sha256 !== 'string') fail('corrupted: its header is not a bank header');
  if (header.version !== FORMAT_VERSION) {
    fail(`format version ${header.version} is not supported (this blackout-guard reads version ${FORMAT_VERSION})`);
  }
  if (header.shingles?.words !== SHINGLE_WORDS || header.shingles.hash !== SHINGLE_HASH) {
    fail('its document fingerprints were made with other shingling parameters');
  }
  const bodyStart = align4(headerEnd);
  const found = data.length - bodyStart;
  if (found < header.body.bytes) fail(`truncated: ${found} of ${header.body.bytes} bytes of fingerprints`);
  if (found > header.body.bytes) fail(`corrupted: ${found - header.body.bytes} bytes more than its header says`);
  const body = data.subarray(bodyStart);
  if (createHash('sha256').update(body).digest('hex') !== header.body.sha256) {
    fail('corrupted: its checksum does not match (damaged or edited after it was written)');
  }
  const section = (name: SectionName, unit: number, count: number): Buffer => {
    const [offset, bytes] = header.body.sections[name] ?? fail(`corrupted: section ${name} missing`);
    if (offset + bytes > body.length || bytes !== unit * count) fail(`corrupted: section ${name} does not hold ${count} entries`);
    return body.subarray(offset, offset + bytes);
  };
  const c = header.counts;
  const hexes = (buf: Buffer, unit: number) => {
    const out = new Array<string>(buf.length / unit);
    for (let i = 0; i < out.length; i++) out[i] = buf.toString('hex', i * unit, (i + 1) * unit);
    return out;
  };
  let strings: Strings;
  try {
    const [offset, bytes] = header.body.sections.strings;
    strings = JSON.parse(inflateRawSync(body.subarray(offset, offset + bytes)).toString('utf8')) as Strings;
  } catch {
    return fail('corrupted: its names cannot be read');
  }
  const countOf = (key: string) => {
    const n = c[key];
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : fail(`corrupted: count ${key} missing`);
  };
  const nDocs = countOf('documents');
  const nImages = countOf('images');
  const counts = copyU32(section('documentShingles', 4, nDocs));
  const shingles = copyU32(section('shingles', 4, countOf('shingles')));
  const pdq = hexes(section('pdq', 32, nImages), 32);
  const quality = section('pdqQuality', 1, nImages);
  for (const [key, list] of [
    ['fileNames', strings.fileNames],
    ['urls', strings.urls],
    ['domains', strings.domains],
    ['infohashes', strings.infohashes],
    ['documents', strings.documentIds],
    ['images', strings.imageIds],
  ] as const) {
    if (!Array.isArray(list) || list.length !== countOf(key)) fail(`corrupted: the ${key} list does not match its count`);
  }
  let at = 0;
  const documents = strings.documentIds.map((id, i) => {
    const n = counts[i]!;
    const view = shingles.subarray(at, at + n);
    at += n;
    return { id, shingles: view };
  });
  if (at !== shingles.length) fail('corrupted: document fingerprints do not add up');
  const info: BankInfo = {
    leak: header.leak,
    ...(header.name !== undefined ? { name: header.name } : {}),
    created: header.created,
    updated: header.updated,
    files: countOf('files'),
  };
  return {
    info,
    sha256: hexes(section('sha256', 32, countOf('sha256')), 32),
    md5: hexes(section('md5', 16, countOf('md5')), 16),
    fileNames: strings.fileNames,
    urls: strings.urls,
    domains: strings.domains,
    infohashes: strings.infohashes,
    documents,
    images: strings.imageIds.map((id, i) => ({ id, hash: pdq[i]!, quality: quality[i]! })),
  };
}

/** The section as u32 values (copied: a Buffer's offset need not be a multiple of 4). */
function copyU32(buf: Buffer): Uint32Array {
  const out = new Uint32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
