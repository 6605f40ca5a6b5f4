/**
 * Inspection of attachments, the same for Discord, Slack and the command line: a bounded queue in
 * front of a pool of worker threads, then the inspectors' matching on the main thread. Never in
 * the way: a file that cannot be inspected (queue full, time limit, memory cap, damaged,
 * encrypted, bomb) comes back as `not inspected: <reason>`, logged, and the message is moderated
 * on everything else. Only ids, names, reasons and rule names are logged, never content.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Config, Engine } from '../core/index.ts';
import type { ExtractLimits } from '../extract/limits.ts';
import type { Logger } from '../log/logger.ts';
import type { InspectionSignal } from './inspector.ts';
import { INSPECTORS } from './inspectors/registry.ts';
import { InspectionPool, NotInspected } from './pool.ts';
import { BoundedQueue, QueueFull } from './queue.ts';
import type { FileEvidence, InspectTaskOptions, NotInspectedReason } from './types.ts';

export interface InspectionOptions {
  /** Default logger, when `inspect` is given none. */
  logger?: Logger;
  /** Worker threads; default: one less than the cores, at least one, at most four. */
  threads?: number;
  /** Files waiting beyond those being inspected; more are `not inspected: busy`. Default 16. */
  maxQueued?: number;
  /** Time limit of one file in its thread. Default 20 s. */
  timeLimitMs?: number;
  /** Heap cap of one thread, MB. Default 512. */
  memoryMb?: number;
  /** Limits against archive bombs (default: the walker's, as `fingerprint`, with `INSPECTION_LIMITS`). */
  limits?: Partial<ExtractLimits>;
}

/** What a warm-up made ready. */
export interface WarmUpReport {
  /** Inspection threads started. */
  threads: number;
  /** OCR languages whose models every one of those threads holds (none when OCR is off). */
  ocrLanguages: string[];
}

/** Where inspection logs (each moderation passes its own logger and the message's ids). */
export interface InspectContext {
  logger?: Logger;
  ids?: Record<string, unknown>;
}

/** An attachment to inspect, held in memory. */
export interface HeldAttachment {
  name: string;
  bytes: Uint8Array;
}

/** What inspecting one attachment found. */
export interface AttachmentInspection {
  attachment: string;
  signals: InspectionSignal[];
  /** Files (the attachment or parts of it) not inspected, and why. */
  notInspected: { path: string; reason: NotInspectedReason; detail?: string }[];
  /** Files looked at (the attachment and every entry inside). */
  files: number;
}

/**
 * Limits changed from the walker's defaults for a chat attachment: the text kept of one document
 * is matched on the main thread, so it is capped (a million characters, some 150,000 words: an
 * excerpt further into one file is not looked for).
 */
export const INSPECTION_LIMITS: Partial<ExtractLimits> = { maxTextChars: 1_000_000 };

/** `not inspected: busy (capture.png)`: how a file not inspected reads on an incident or a verdict. */
export function notInspectedNote(item: { path: string; reason: NotInspectedReason }): string {
  return `not inspected: ${item.reason} (${item.path})`;
}

export { shouldInspect } from './policy.ts';

/** The options the worker needs from the configuration. */
export function taskOptions(config: Config, limits?: Partial<ExtractLimits>): InspectTaskOptions {
  return { ocr: config.attachments.ocr, ocrLanguages: config.attachments.ocrLanguages, ...(limits && { limits }) };
}

export class AttachmentInspector {
  readonly #queue: BoundedQueue;
  readonly #pool: InspectionPool;
  readonly #limits: Partial<ExtractLimits>;
  readonly #logger: Logger | undefined;

  constructor(options: InspectionOptions = {}) {
    const threads = options.threads ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.#queue = new BoundedQueue({ concurrency: threads, maxQueued: options.maxQueued ?? 16 });
    this.#pool = new InspectionPool({ threads, timeLimitMs: options.timeLimitMs ?? 20_000, memoryMb: options.memoryMb ?? 512 });
    this.#limits = { ...INSPECTION_LIMITS, ...options.limits };
    this.#logger = options.logger;
  }

  /**
   * Starts the threads and loads the OCR models in each (when OCR is on), so the first file is
   * not slowed down. Resolves to what the threads report: how many are warm, and the OCR
   * languages loaded (in all of them).
   */
  async warmUp(config: Config): Promise<WarmUpReport> {
    const threads = await this.#pool.warmUp(taskOptions(config, this.#limits));
    const ocrLanguages = threads[0]?.ocrLanguages ?? [];
    const everywhere = ocrLanguages.filter((code) => threads.every((t) => t.ocrLanguages.includes(code)));
    return { threads: threads.length, ocrLanguages: everywhere };
  }

  /**
   * Inspects one attachment against `engine`. Never throws: whatever goes wrong is a
   * `notInspected` entry. The attachment's bytes are handed to the worker (the buffer is emptied).
   */
  async inspect(engine: Engine, attachment: HeldAttachment, context: InspectContext = {}): Promise<AttachmentInspection> {
    const logger = context.logger ?? this.#logger;
    const ids = context.ids ?? {};
    const result: AttachmentInspection = { attachment: attachment.name, signals: [], notInspected: [], files: 0 };
    let files: FileEvidence[];
    try {
      const task = { name: attachment.name, bytes: attachment.bytes, options: taskOptions(engine.config, this.#limits) };
      ({ files } = await this.#queue.run(() => this.#pool.run(task)));
    } catch (err) {
      const reason: NotInspectedReason = err instanceof QueueFull ? 'busy' : err instanceof NotInspected ? err.reason : 'inspection failed';
      const item = { path: attachment.name, reason, ...(err instanceof NotInspected && err.message !== reason && { detail: err.message }) };
      result.notInspected.push(item);
      logger?.warn({ ...ids, attachment: attachment.name, reason, detail: item.detail }, notInspectedNote(item));
      return result;
    }
    result.files = files.length;
    for (const file of files) {
      // Matching runs on the event loop: let live messages through between the files of an archive.
      if (file !== files[0]) await yieldToLoop();
      if (file.notInspected) {
        const item = { path: file.path, ...file.notInspected };
        result.notInspected.push(item);
        logger?.info({ ...ids, attachment: attachment.name, path: file.path, reason: item.reason, detail: item.detail }, notInspectedNote(item));
      }
      for (const inspector of INSPECTORS) {
        inspector.match(file, engine, (signal) => result.signals.push({ ...signal, inspector: inspector.id, attachment: attachment.name }));
      }
      // The texts are dropped as soon as they are matched.
      delete file.text;
      delete file.ocrText;
    }
    return result;
  }

  /** Files being inspected and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.#queue.running, waiting: this.#queue.waiting };
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}
