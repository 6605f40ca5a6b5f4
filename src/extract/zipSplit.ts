/**
 * A large zip on disk read by every thread of the pool, not one: its central directory is read
 * here (in the main thread, nothing inflated) and its entries cut into parts of about `partBytes`
 * of compressed data, each read by a worker (`walkZipPart` in `visit.ts`); the zip's own record
 * (its hashes) is made here while they work. The 2017 dump was posted as a few large archives.
 * @see https://github.com/thejoshwolfe/yauzl#readme
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectType, HEAD_BYTES, zipTypeFromNames } from './detect.ts';
import { ratioProblem, type ExtractLimits } from './limits.ts';
import type { FoundFile } from './types.ts';
import type { ZipPart } from './visit.ts';
import { listZip, openZip, type ZipEntryInfo } from './zipIndex.ts';

/** Local header of an entry, without its name and extra field (counted with its data). */
const LOCAL_HEADER_BYTES = 30;

/**
 * The parts of the zip at `path`, or undefined when it is to be read whole by one thread: not a
 * plain zip (an office document, a damaged zip: the usual reading reports it), over a limit as a
 * whole (refused as usual), or too small to be worth two parts.
 */
export async function planZipParts(path: string, size: number, limits: ExtractLimits, partBytes: number): Promise<ZipPart[] | undefined> {
  if (size <= partBytes) return undefined;
  const handle = await open(path);
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (detectType(head, basename(path)) !== 'zip') return undefined;
  let entries: ZipEntryInfo[];
  try {
    const zip = await openZip({ file: path });
    try {
      entries = await listZip(zip);
    } finally {
      zip.close();
    }
  } catch {
    return undefined;
  }
  const names = entries.map((e) => e.name);
  if (names.includes('mimetype') || zipTypeFromNames(names) !== 'zip') return undefined;
  // The entries as the zip container lists them (its `walkZipPart` ranges count these).
  const listed = entries.filter((e) => !e.directory && !e.name.startsWith('__MACOSX/'));
  let total = 0;
  for (const e of listed) total += e.entry.uncompressedSize;
  if (listed.length > limits.maxEntries || total > limits.maxTotalBytes || ratioProblem(total, size, limits)) return undefined;
  const parts: ZipPart[] = [];
  let first = 0;
  let compressed = 0;
  let expanded = 0;
  const cut = (end: number) => {
    const count = end - first;
    parts.push({
      first,
      count,
      compressedBytes: compressed,
      // Shares of the zip's limits: the parts together never get more than the zip would.
      limits: {
        maxEntries: Math.floor((limits.maxEntries * count) / listed.length),
        maxTotalBytes: Math.floor(limits.maxTotalBytes * (total === 0 ? count / listed.length : expanded / total)),
      },
    });
    first = end;
    compressed = 0;
    expanded = 0;
  };
  for (let i = 0; i < listed.length; i++) {
    const e = listed[i]!.entry;
    compressed += e.compressedSize + LOCAL_HEADER_BYTES + e.fileNameLength + e.extraFieldLength;
    expanded += e.uncompressedSize;
    if (compressed >= partBytes) cut(i + 1);
  }
  if (first < listed.length) cut(listed.length);
  return parts.length >= 2 ? parts : undefined;
}

/**
 * The zip's own record: its hashes, streamed from the file (as the one-thread reading gives it).
 * `signal` stops the reading (the walk was left before its end).
 */
export async function zipRecord(path: string, signal?: AbortSignal): Promise<FoundFile> {
  const record: FoundFile = { path, name: basename(path), type: 'zip', bytes: 0 };
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  try {
    for await (const chunk of createReadStream(path, { signal }) as AsyncIterable<Buffer>) {
      sha256.update(chunk);
      md5.update(chunk);
      record.bytes += chunk.length;
    }
    record.sha256 = sha256.digest('hex');
    record.md5 = md5.digest('hex');
  } catch (err) {
    record.error = `unreadable: ${(err as Error).message.slice(0, 200)}`;
  }
  return record;
}
