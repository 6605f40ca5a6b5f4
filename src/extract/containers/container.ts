/**
 * A container holds files: archives (zip, tar, gzip) and mail (an e-mail's attachments, the
 * messages of an mbox). Each lives in its own file, declares its types and how it must be given
 * its bytes, and is listed in `registry.ts`. The walker opens containers inside containers.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ExtractLimits } from '../limits.ts';
import type { FileType } from '../types.ts';

/** How a container wants its bytes: random access (a file or memory), a stream, or in memory. */
export type ContainerInputKind = 'random' | 'stream' | 'memory';

export type ContainerInput = { file: string } | { bytes: Buffer } | { stream: Readable };

export interface ContainerEntry {
  /** Its name inside the container (`mails/0001.eml`). */
  name: string;
  /** Declared uncompressed size, when the container states it. */
  size?: number;
  /** Declared compressed size (zip), to refuse bombs before inflating anything. */
  compressedSize?: number;
  /** Set when the entry is refused unread (e.g. `encrypted`). */
  error?: string;
  /** Its bytes. Read each entry fully (or leave it) before asking for the next one. */
  open(): Promise<Readable | Buffer>;
}

export interface OpenedContainer {
  /** The container's own text, for those that have one (an e-mail's body). */
  text?: string;
  entries: AsyncIterable<ContainerEntry>;
  /** Releases what was opened (file handles); safe to call twice. */
  close(): void;
}

export interface Container {
  name: string;
  types: readonly FileType[];
  description: string;
  input: ContainerInputKind;
  /** `name` is the container's own file name (a gzip names its content after it). */
  open(input: ContainerInput, limits: ExtractLimits, name: string): Promise<OpenedContainer>;
}

/** A container's input as a stream, whatever form it was given in. */
export function asStream(input: ContainerInput): Readable {
  if ('stream' in input) return input.stream;
  if ('bytes' in input) return Readable.from([input.bytes]);
  return createReadStream(input.file);
}
