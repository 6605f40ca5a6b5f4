/**
 * The attachment half of `scan --media`, on the main thread: the messages a chunk hands back as
 * pending get their attachments read from the export and inspected by the same engine as the
 * bots' (src/inspect/: extraction, PDQ and OCR in its pool of worker threads, matching here),
 * then are counted and their lines put back in their place, so the output keeps input order.
 *
 * Memory stays bounded: at most {@link AttachmentInspector} threads × 2 files are held at once
 * (each up to `attachments.maxBytes`), the others wait their turn without being read.
 */
import { availableParallelism } from 'node:os';
import type { Engine } from '../../core/index.ts';
import { resultLine } from '../../chatExports/classifyRecord.ts';
import type { MediaRef } from '../../chatExports/record.ts';
import { ScanTally } from '../../cli/scanSummary.ts';
import { AttachmentInspector, withInspection, type AttachmentInspection, type NotInspectedReason } from '../../inspect/index.ts';
import { BoundedQueue } from '../../inspect/queue.ts';
import type { ChunkResult, ChunkTask, PendingRecord } from '../classifyChunk.ts';
import type { ExportFiles } from './exportFiles.ts';

export class MediaInspection {
  readonly #engine: Engine;
  readonly #threads: number;
  /** Files read and being inspected (or waiting for a thread), at most two per thread. */
  readonly #files: BoundedQueue;
  #inspector: AttachmentInspector | undefined;

  constructor(engine: Engine, threads = Math.min(4, Math.max(1, availableParallelism() - 1))) {
    this.#engine = engine;
    this.#threads = threads;
    this.#files = new BoundedQueue({ concurrency: threads * 2, maxQueued: Number.POSITIVE_INFINITY });
  }

  /**
   * `result` with its pending messages inspected, counted and written in their place. Never
   * throws: a file that cannot be read or inspected is a note on its message.
   */
  async complete(result: ChunkResult, files: ExportFiles | undefined, task: Pick<ChunkTask, 'json' | 'only'>): Promise<ChunkResult> {
    const pending = result.pending;
    if (pending === undefined || pending.length === 0) return result;
    const tally = new ScanTally();
    tally.merge(result.tally);
    const lines = await Promise.all(pending.map((p) => this.#message(p, files, tally, task)));
    // With pending messages the lines come as text (classifyChunk.ts): offsets are in characters.
    const text = typeof result.out === 'string' ? result.out : new TextDecoder().decode(result.out);
    let out = '';
    let from = 0;
    for (const [i, p] of pending.entries()) {
      out += text.slice(from, p.at) + lines[i];
      from = p.at;
    }
    out += text.slice(from);
    return { out, tally: tally.toData(), problems: result.problems, bytes: result.bytes };
  }

  async #message(p: PendingRecord, files: ExportFiles | undefined, tally: ScanTally, task: Pick<ChunkTask, 'json' | 'only'>): Promise<string> {
    const found = await Promise.all((p.record.media ?? []).map((ref) => this.#files.run(() => this.#attachment(ref, files))));
    for (const inspection of found) {
      const root = inspection.notInspected.find((item) => item.path === inspection.attachment);
      if (root === undefined) tally.files.inspected += 1;
      else tally.notInspected(root.reason);
    }
    const classification = withInspection(p.classification, found);
    tally.add(p.record, classification);
    if (!task.json || (task.only !== undefined && !task.only.includes(classification.verdict))) return '';
    return `${JSON.stringify(resultLine(p.record, classification))}\n`;
  }

  async #attachment(ref: MediaRef, files: ExportFiles | undefined): Promise<AttachmentInspection> {
    const notInspected = (reason: NotInspectedReason, detail?: string): AttachmentInspection => ({
      attachment: ref.name,
      signals: [],
      notInspected: [{ path: ref.name, reason, ...(detail !== undefined && { detail }) }],
      files: 0,
    });
    if (files === undefined) return notInspected('missing');
    const { maxBytes } = this.#engine.config.attachments;
    let read: Awaited<ReturnType<ExportFiles['read']>>;
    try {
      read = await files.read(ref, maxBytes);
    } catch (err) {
      return notInspected('damaged', (err as Error).message);
    }
    if ('missing' in read) return notInspected('missing');
    if ('tooLarge' in read) return notInspected('too large');
    this.#inspector ??= new AttachmentInspector({ threads: this.#threads, maxQueued: this.#threads });
    return this.#inspector.inspect(this.#engine, { name: ref.name, bytes: read.bytes });
  }

  /** Ends the inspection threads, if any were started. */
  async close(): Promise<void> {
    await this.#inspector?.close();
  }
}
