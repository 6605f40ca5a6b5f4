/**
 * Reading a zip's central directory with yauzl: entry names (raw, never trusted), sizes and the
 * encryption flag, without inflating anything. Shared by the zip container and the office
 * extractor (a DOCX is a zip, and can be a bomb too).
 * @see https://github.com/thejoshwolfe/yauzl#readme
 */
import { inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formatBytes, ratioProblem, type ExtractLimits } from './limits.ts';

// Exported by yauzl but missing from its type definitions' default export.
const { getFileNameLowLevel } = yauzl as unknown as {
  getFileNameLowLevel(flags: number, raw: Buffer, extraFields: Entry['extraFields'], strict: boolean): string;
};

export interface ZipEntryInfo {
  /** The name as written in the zip (not validated: used only to name things in reports). */
  name: string;
  entry: Entry;
  directory: boolean;
  encrypted: boolean;
}

/** Opens a zip from a file or from memory; entries are read one by one (`lazyEntries`). */
export function openZip(input: { file: string } | { bytes: Buffer }): Promise<ZipFile> {
  // decodeStrings off: yauzl would otherwise abort the whole zip on one unsafe entry name.
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
  return 'file' in input ? yauzl.openPromise(input.file, options) : yauzl.fromBufferPromise(input.bytes, options);
}

/** Every entry of the central directory, in order. */
export async function listZip(zip: ZipFile): Promise<ZipEntryInfo[]> {
  const out: ZipEntryInfo[] = [];
  for await (const entry of zip.eachEntry()) {
    const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
    out.push({ name, entry, directory: name.endsWith('/'), encrypted: (entry.generalPurposeBitFlag & 1) !== 0 });
  }
  return out;
}

/**
 * Why a zip's entries must not be inflated (encrypted, a bomb, too large in total), or undefined.
 * Used before handing a whole office document to a parser that inflates it in memory.
 */
export function zipRefusal(entries: readonly ZipEntryInfo[], compressedTotal: number, limits: ExtractLimits): string | undefined {
  let total = 0;
  for (const e of entries) {
    if (e.encrypted) return 'encrypted';
    const bomb = ratioProblem(e.entry.uncompressedSize, e.entry.compressedSize, limits);
    if (bomb) return bomb;
    total += e.entry.uncompressedSize;
  }
  if (total > limits.maxFileBytes) return `too large to read: ${formatBytes(total)} uncompressed > ${formatBytes(limits.maxFileBytes)}`;
  return ratioProblem(total, compressedTotal, limits);
}

/** Reads one small entry whole (e.g. ODF's `mimetype`). */
export async function readZipEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw new Error(`entry over ${maxBytes} bytes`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A small entry's bytes from its stored ones: inflated in one call, never past the size the
 * central directory declares (a bomb declares a small one), and exactly that size, as yauzl
 * checks for a stream. Shared by the zip container and the Slack export's zip.
 */
export function entryBytes(entry: Entry, stored: Buffer): Buffer {
  const declared = entry.uncompressedSize;
  let data = stored;
  if (entry.compressionMethod !== 0) {
    try {
      // One byte more than declared is enough to tell an entry that lies about its size.
      data = inflateRawSync(stored, { maxOutputLength: declared + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`too many bytes in the stream: more than the ${declared} declared`);
      throw err;
    }
  }
  if (data.length > declared) throw new Error(`too many bytes in the stream: more than the ${declared} declared`);
  if (data.length < declared) throw new Error(`not enough bytes in the stream: ${data.length} of the ${declared} declared`);
  return data;
}
