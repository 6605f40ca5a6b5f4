/**
 * The heavy half of `scan`, run on a worker thread (or inline with `--jobs 1`): parses one chunk
 * of an export into records, classifies each, and returns the `--json` lines, the counts for the
 * summary and the problems, in input order. No message text leaves this function.
 */
import type { Classification, Engine, Verdict } from '../core/index.ts';
import { parseChunk, type ExportChunk } from '../chatExports/chunks.ts';
import { classifyRecord, resultLine } from '../chatExports/classifyRecord.ts';
import { isProblem, type ExportProblem, type ExportRecord } from '../chatExports/record.ts';
import { shouldInspect } from '../inspect/policy.ts';
import { ScanTally, type TallyData } from '../cli/scanSummary.ts';

export interface ChunkTask {
  chunk: ExportChunk;
  /** Zone of times written without an offset. */
  zone: string;
  /** Write `--json` lines. */
  json: boolean;
  /** Verdicts whose lines are written (all when undefined). */
  only?: readonly Verdict[];
  /** Attachments the export holds are to be inspected (`--media`): such messages are handed back as `pending`. */
  media?: boolean;
}

/**
 * A message whose attachments are to be inspected (on the main thread's inspection pool) before
 * it is counted and written: its record without the text, and the verdict on its text.
 */
export interface PendingRecord {
  /** Where its line goes in `out` (a character offset): the output keeps input order. */
  at: number;
  record: ExportRecord;
  classification: Classification;
}

export interface ChunkResult {
  /**
   * The `--json` lines of the chunk, `\n`-terminated ('' without `--json`); from a worker thread,
   * their UTF-8 bytes (a string only while messages are `pending`, whose lines are put in place by offset).
   */
  out: string | Uint8Array;
  tally: TallyData;
  problems: ExportProblem[];
  /** Size of the chunk's input, in bytes. */
  bytes: number;
  /** With `media`, the messages whose attachments are to be inspected, in order (not yet counted). */
  pending?: PendingRecord[];
}

export function classifyChunk(engine: Engine, task: ChunkTask): ChunkResult {
  const tally = new ScanTally();
  const problems: ExportProblem[] = [];
  let out = '';
  const pending: PendingRecord[] = [];
  parseChunk(task.chunk, task.zone, (item) => {
    if (isProblem(item)) {
      problems.push(item);
      return;
    }
    const result = classifyRecord(engine, item);
    if (task.media === true && item.media !== undefined) {
      // The same rule as the bots': a share by its text is not inspected further.
      if (result.verdict !== 'share' && shouldInspect(engine.config, result.inBlackout)) {
        pending.push({ at: out.length, record: { ...item, text: '' }, classification: result });
        return;
      }
      tally.files.notNeeded += item.media.length;
    }
    tally.add(item, result);
    if (task.json && (task.only === undefined || task.only.includes(result.verdict))) {
      out += `${JSON.stringify(resultLine(item, result))}\n`;
    }
  });
  return { out, tally: tally.toData(), problems, bytes: task.chunk.bytes.byteLength, ...(pending.length > 0 && { pending }) };
}

const encoder = new TextEncoder();

/**
 * `result` with its lines as UTF-8 bytes (unless messages are pending: their lines are put in
 * place by character offset). A result that waits its turn to be written then holds a buffer
 * outside the heap instead of a string that the collector would copy and promote meanwhile, and a
 * worker thread can move the bytes to the main thread instead of copying text.
 */
export function withLinesEncoded(result: ChunkResult): ChunkResult {
  if (result.pending !== undefined || typeof result.out !== 'string' || result.out === '') return result;
  return { ...result, out: encoder.encode(result.out) };
}
