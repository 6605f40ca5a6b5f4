/**
 * Reading one top-level file and everything inside it (see `walk.ts` for the rules): typing,
 * hashing while streaming, opening containers within the limits, extracting text, PDQ.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { PeekableStream } from './chunks.ts';
import type { ContainerEntry, ContainerInput } from './containers/container.ts';
import { containerFor } from './containers/registry.ts';
import { countWords } from './decodeText.ts';
import { detectType, HEAD_BYTES, zipTypeFromNames } from './detect.ts';
import { ExtractError } from './extractors/extractor.ts';
import { extractorFor } from './extractors/registry.ts';
import { imageHash } from './imageHash.ts';
import { formatBytes, LimitExceeded, ratioProblem, type ExtractLimits } from './limits.ts';
import { cachedResult, rememberResult, type CachedResult } from './resultCache.ts';
import { IMAGE_TYPES, OFFICE_TYPES, type FileType, type FoundFile } from './types.ts';
import type { ResolvedWalkOptions, Root } from './walk.ts';
import { listZip, openZip, readZipEntry } from './zipIndex.ts';
import type { ZipFile } from 'yauzl';

/** Every file of one top-level file (itself last). */
export async function* walkRoot(root: Root, options: ResolvedWalkOptions): AsyncGenerator<FoundFile> {
  if ('error' in root) {
    yield { path: root.path, name: basename(root.path), type: 'unknown', bytes: 0, error: root.error };
    return;
  }
  if ('bytes' in root) {
    const bytes = Buffer.isBuffer(root.bytes) ? root.bytes : Buffer.from(root.bytes.buffer, root.bytes.byteOffset, root.bytes.byteLength);
    const state: RootState = { options, limits: options.limits, stated: options.limits, rootBytes: bytes.length, expanded: 0, entries: 0 };
    yield* visit({ path: root.name, name: basename(root.name), depth: 0, content: { bytes } }, state);
    return;
  }
  const state: RootState = { options, limits: options.limits, stated: options.limits, rootBytes: root.size, expanded: 0, entries: 0 };
  yield* visit({ path: root.path, name: basename(root.path), depth: 0, content: { file: root.path, size: root.size } }, state);
}

/**
 * A part of a large zip on disk that `pool.ts` spreads over its threads: entries `first` to
 * `first + count - 1` (as the zip container lists them), read under their share of the zip's
 * limits (`limits`: entries and bytes in proportion to the part, `compressedBytes` the part's
 * share of the file for the expansion ratio), so the parts together stay within the zip's.
 */
export interface ZipPart extends EntryRange {
  limits: Pick<ExtractLimits, 'maxEntries' | 'maxTotalBytes'>;
  compressedBytes: number;
}

/**
 * The files of one part of a zip on disk, at every depth (never the zip's own record: the
 * caller makes it). Gives, once done, the error the zip's record gets from this part.
 */
export async function* walkZipPart(root: { path: string; size: number }, options: ResolvedWalkOptions, part: ZipPart): AsyncGenerator<FoundFile, string | undefined> {
  const limits = { ...options.limits, ...part.limits };
  const state: RootState = { options, limits, stated: options.limits, rootBytes: part.compressedBytes, expanded: 0, entries: 0 };
  const node: FileNode = { path: root.path, name: basename(root.path), depth: 0, content: { file: root.path, size: root.size } };
  const record: FoundFile = { path: root.path, name: node.name, type: 'zip', bytes: root.size };
  try {
    yield* openContainer(node, record, { file: root.path }, state, part);
  } catch (err) {
    record.error ??= reasonOf(err);
  }
  return record.error;
}

// --- One file, at any depth ----------------------------------------------------------------------

type Content = { bytes: Buffer } | { file: string; size: number } | { chunks: AsyncIterable<Buffer> };

interface FileNode {
  path: string;
  name: string;
  /** 0 for a top-level file, 1 for an entry of a top-level archive, … */
  depth: number;
  content: Content;
}

/** Counts shared by every file under one top-level file. */
interface RootState {
  options: ResolvedWalkOptions;
  limits: ExtractLimits;
  /** The limits named in reports: the top-level file's (`limits` holds a part's share of them). */
  stated: ExtractLimits;
  rootBytes: number;
  expanded: number;
  entries: number;
  /** Set when a limit stops the whole top-level file. */
  aborted?: string;
}

class Hashes {
  private readonly sha256: Hash = createHash('sha256');
  private readonly md5: Hash = createHash('md5');
  private digests?: { sha256: string; md5: string };
  size = 0;
  update(chunk: Buffer): void {
    this.sha256.update(chunk);
    this.md5.update(chunk);
    this.size += chunk.length;
  }
  /** Once every byte has been seen (later calls give the same digests). */
  digest(): { sha256: string; md5: string } {
    this.digests ??= { sha256: this.sha256.digest('hex'), md5: this.md5.digest('hex') };
    return this.digests;
  }
}

/** How a file of this type is read. */
type Plan = 'memory' | 'stream-container' | 'zip' | 'text' | 'hash';

function planFor(type: FileType): Plan {
  if (type === 'zip' || OFFICE_TYPES.has(type)) return 'zip';
  if (type === 'text') return 'text';
  const container = containerFor(type);
  if (container?.input === 'stream') return 'stream-container';
  if (container || extractorFor(type) || IMAGE_TYPES.has(type)) return 'memory';
  return 'hash';
}

/** The short reason reported for an error. */
function reasonOf(err: unknown): string {
  if (err instanceof ExtractError || err instanceof LimitExceeded) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `unreadable: ${message.slice(0, 200)}`;
}

async function* visit(node: FileNode, root: RootState): AsyncGenerator<FoundFile> {
  const record: FoundFile = { path: node.path, name: node.name, type: 'unknown', bytes: 0 };
  const hashes = new Hashes();
  let complete = false;
  try {
    const { content } = node;
    if ('bytes' in content) {
      hashes.update(content.bytes);
      complete = true;
      record.type = detectType(content.bytes.subarray(0, HEAD_BYTES), node.name);
      const plan = planFor(record.type);
      if (plan === 'text') await setText(record, content.bytes.subarray(0, textBytes(root.limits)), root);
      else if (plan !== 'hash' && content.bytes.length > root.limits.maxFileBytes) record.error = tooLarge(content.bytes.length, root.limits);
      else yield* inMemory(node, record, content.bytes, hashes.digest().sha256, root);
    } else {
      const source = 'file' in content ? (createReadStream(content.file) as AsyncIterable<Buffer>) : content.chunks;
      const stream = new PeekableStream(source, (chunk) => hashes.update(chunk));
      try {
        record.type = detectType(await stream.head(HEAD_BYTES), node.name);
        const plan = planFor(record.type);
        if (plan === 'stream-container' && node.depth < root.limits.maxDepth) {
          yield* streamContainer(node, record, stream, root);
        } else if (plan === 'zip' && 'file' in content && content.size > ZIP_IN_MEMORY_BYTES && node.depth < root.limits.maxDepth) {
          await drainInto(stream);
          complete = true;
          yield* zipOnDisk(node, record, content.file, content.size, hashes.digest().sha256, root);
        } else if (plan === 'memory' || plan === 'zip') {
          const bytes = await readBounded(stream, root.limits.maxFileBytes);
          complete = true;
          if (bytes === undefined) record.error = tooLarge(hashes.size, root.limits);
          else yield* inMemory(node, record, bytes, hashes.digest().sha256, root);
        } else if (plan === 'text') {
          const start = await readStart(stream, textBytes(root.limits));
          complete = true;
          await setText(record, start, root);
        } else {
          if (plan !== 'hash') record.error = `not opened: nested more than ${root.limits.maxDepth} deep`;
          await drainInto(stream);
          complete = true;
        }
        if (!complete) {
          await drainInto(stream);
          complete = true;
        }
      } finally {
        await stream.close().catch(() => undefined);
      }
    }
  } catch (err) {
    record.error ??= reasonOf(err);
  }
  record.bytes = hashes.size;
  if (complete) {
    const { sha256, md5 } = hashes.digest();
    record.sha256 = sha256;
    record.md5 = md5;
  }
  yield record;
}

/**
 * A zip on disk up to this size is read once, into memory, as it is hashed, and opened there;
 * a larger one is opened in place (read again, entry by entry, in small random reads).
 */
const ZIP_IN_MEMORY_BYTES = 32 * 1024 * 1024;

/** Bytes of a plain text file read for its text (the rest is only hashed). */
const textBytes = (limits: ExtractLimits) => Math.min(limits.maxFileBytes, limits.maxTextChars * 2);

const tooLarge = (size: number, limits: ExtractLimits) => `too large to read: ${formatBytes(size)} > ${formatBytes(limits.maxFileBytes)}`;

/** Reads the rest of a peeked stream (hashing it on the way). */
async function drainInto(stream: PeekableStream): Promise<void> {
  for await (const _ of stream.all()) {
    /* hashed by the stream's onChunk */
  }
}

/** The whole stream in memory, or undefined past `max` bytes (the rest is still read, and hashed). */
async function readBounded(stream: PeekableStream, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of stream.all()) {
    size += chunk.length;
    if (size > max) {
      over = true;
      chunks.length = 0;
    } else if (!over) chunks.push(chunk);
  }
  return over ? undefined : Buffer.concat(chunks, size);
}

/** The first `max` bytes in memory; the rest is read (and hashed) and let go. */
async function readStart(stream: PeekableStream, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream.all()) {
    if (size < max) chunks.push(size + chunk.length > max ? chunk.subarray(0, max - size) : chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

async function setText(record: FoundFile, bytes: Buffer, root: RootState): Promise<void> {
  const extractor = extractorFor(record.type);
  if (!extractor) return;
  giveText(record, await extractor.extractText(bytes, root.limits), root);
}

function giveText(record: FoundFile, text: string, root: RootState): void {
  record.words = countWords(text);
  if (root.options.text) record.text = text;
}

/** A file held in memory: refine a zip's type, then open it, extract its text or hash its picture. */
async function* inMemory(node: FileNode, record: FoundFile, bytes: Buffer, sha256: string, root: RootState): AsyncGenerator<FoundFile> {
  if (record.type === 'zip' || OFFICE_TYPES.has(record.type)) record.type = await zipType({ bytes });
  if (root.options.keepBytesOf.includes(record.type)) record.content = bytes;
  const container = containerFor(record.type);
  if (container) {
    if (node.depth >= root.limits.maxDepth) {
      record.error = `not opened: nested more than ${root.limits.maxDepth} deep`;
      return;
    }
    yield* openContainer(node, record, { bytes }, root);
    return;
  }
  if (!IMAGE_TYPES.has(record.type) && !extractorFor(record.type)) return;
  // The same document or picture met again (a forwarded attachment): what was read is reused.
  const key = `${sha256}:${root.options.pdq ? 1 : 0}:${root.limits.maxTextChars}`;
  const result = cachedResult(key) ?? (await readLeaf(record.type, bytes, root));
  rememberResult(key, result);
  if (result.type !== record.type) return;
  if (result.text !== undefined) giveText(record, result.text, root);
  if (result.pdq) record.pdq = result.pdq;
  if (result.error) record.error = result.error;
}

/** The text of a document, or the PDQ of an image; a failure is a result too (the short reason). */
async function readLeaf(type: FileType, bytes: Buffer, root: RootState): Promise<CachedResult> {
  try {
    if (IMAGE_TYPES.has(type)) {
      const pdq = root.options.pdq ? await imageHash(bytes) : undefined;
      return pdq ? { type, pdq } : { type };
    }
    const text = await extractorFor(type)!.extractText(bytes, root.limits);
    return { type, text };
  } catch (err) {
    return { type, error: reasonOf(err) };
  }
}

/** The type of a zip from its central directory: a plain zip, or an office document. */
async function zipType(input: { bytes: Buffer } | { file: string }): Promise<FileType> {
  let zip: ZipFile;
  try {
    zip = await openZip(input);
  } catch (err) {
    throw new ExtractError(`damaged zip: ${(err as Error).message}`);
  }
  try {
    const entries = await listZip(zip);
    const mimetype = entries.find((e) => e.name === 'mimetype' && !e.encrypted);
    const mime = mimetype ? (await readZipEntry(zip, mimetype.entry, 200)).toString('latin1') : undefined;
    return zipTypeFromNames(
      entries.map((e) => e.name),
      mime,
    );
  } catch (err) {
    throw new ExtractError(`damaged zip: ${(err as Error).message}`);
  } finally {
    zip.close();
  }
}

/** A zip on disk: opened in place (random access), or read into memory when it is an office document. */
async function* zipOnDisk(node: FileNode, record: FoundFile, file: string, size: number, sha256: string, root: RootState): AsyncGenerator<FoundFile> {
  record.type = await zipType({ file });
  if (record.type === 'zip') {
    yield* openContainer(node, record, { file }, root);
    return;
  }
  if (size > root.limits.maxFileBytes) {
    record.error = tooLarge(size, root.limits);
    return;
  }
  yield* inMemory(node, record, await readFile(file), sha256, root);
}

/** A tar, gzip or mbox read as it streams by; the stream is drained afterwards for the hash. */
async function* streamContainer(node: FileNode, record: FoundFile, stream: PeekableStream, root: RootState): AsyncGenerator<FoundFile> {
  const input = Readable.from(stream.all(), { objectMode: false });
  yield* openContainer(node, record, { stream: input }, root);
  input.destroy();
}

/** Entries `first` to `first + count - 1` of a container, in the order it lists them. */
interface EntryRange {
  first: number;
  count: number;
}

/** Opens a container and visits its files (or a range of them), within the root's limits. */
async function* openContainer(node: FileNode, record: FoundFile, input: ContainerInput, root: RootState, range?: EntryRange): AsyncGenerator<FoundFile> {
  const container = containerFor(record.type)!;
  const opened = await container.open(input, root.limits, node.name);
  try {
    if (opened.text !== undefined) giveText(record, opened.text, root);
    let index = -1;
    for await (const entry of opened.entries) {
      index++;
      if (range && index < range.first) continue;
      if (range && index >= range.first + range.count) break;
      if (root.aborted) break;
      root.entries++;
      if (root.entries > root.limits.maxEntries) {
        root.aborted = `too many files: more than ${root.stated.maxEntries} in one top-level file`;
        break;
      }
      yield* visitEntry(node, entry, root);
    }
  } catch (err) {
    record.error = reasonOf(err);
  } finally {
    opened.close();
  }
  if (root.aborted && !record.error) record.error = root.aborted;
}

async function* visitEntry(parent: FileNode, entry: ContainerEntry, root: RootState): AsyncGenerator<FoundFile> {
  const path = `${parent.path}!/${entry.name}`;
  const name = basename(entry.name);
  const refused = (error: string): FoundFile => ({ path, name, type: 'unknown', bytes: entry.size ?? 0, error });
  if (entry.error) {
    yield refused(entry.error);
    return;
  }
  if (entry.size !== undefined && entry.compressedSize !== undefined) {
    const bomb = ratioProblem(entry.size, entry.compressedSize, root.limits);
    if (bomb) {
      yield refused(bomb);
      return;
    }
  }
  if (entry.size !== undefined && root.expanded + entry.size > root.limits.maxTotalBytes) {
    root.aborted = `too much data: more than ${formatBytes(root.stated.maxTotalBytes)} uncompressed in one top-level file`;
    yield refused(root.aborted);
    return;
  }
  let opened: Readable | Buffer;
  try {
    opened = await entry.open();
  } catch (err) {
    yield refused(reasonOf(err));
    return;
  }
  const child: FileNode = { path, name, depth: parent.depth + 1, content: { bytes: Buffer.alloc(0) } };
  if (Buffer.isBuffer(opened)) {
    count(root, opened.length);
    child.content = { bytes: opened };
  } else {
    child.content = { chunks: counted(opened, root) };
  }
  yield* visit(child, root);
}

/** Adds expanded bytes to the root's count, refusing past the total and the overall ratio. */
function count(root: RootState, n: number): void {
  root.expanded += n;
  if (root.expanded > root.limits.maxTotalBytes) {
    root.aborted = `too much data: more than ${formatBytes(root.stated.maxTotalBytes)} uncompressed in one top-level file`;
    throw new LimitExceeded(root.aborted);
  }
  const bomb = ratioProblem(root.expanded, root.rootBytes, root.limits);
  if (bomb) {
    root.aborted = bomb;
    throw new LimitExceeded(bomb);
  }
}

async function* counted(stream: Readable, root: RootState): AsyncGenerator<Buffer> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    count(root, chunk.length);
    yield chunk;
  }
}
