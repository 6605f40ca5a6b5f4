/**
 * The heavy half of `scan`, run on a worker thread (or inline with `--jobs 1`): parses one chunk
 * of an export into records, classifies each, and returns the `--json` lines, the counts for the
 * summary and the problems, in input order. No message text leaves this function.
 */
import type { Engine, Verdict } from '../core/index.ts';
import { parseChunk, type ExportChunk } from '../chatExports/chunks.ts';
import { classifyRecord, resultLine } from '../chatExports/classifyRecord.ts';
import { isProblem, type ExportProblem } from '../chatExports/record.ts';
import { ScanTally, type TallyData } from '../cli/scanSummary.ts';

export interface ChunkTask {
  chunk: ExportChunk;
  /** Zone of times written without an offset. */
  zone: string;
  /** Write `--json` lines. */
  json: boolean;
  /** Verdicts whose lines are written (all when undefined). */
  only?: readonly Verdict[];
}

export interface ChunkResult {
  /** The `--json` lines of the chunk, `\n`-terminated ('' without `--json`). */
  out: string;
  tally: TallyData;
  problems: ExportProblem[];
  /** Size of the chunk's input, in bytes. */
  bytes: number;
}

export function classifyChunk(engine: Engine, task: ChunkTask): ChunkResult {
  const tally = new ScanTally();
  const problems: ExportProblem[] = [];
  let out = '';
  parseChunk(task.chunk, task.zone, (item) => {
    if (isProblem(item)) {
      problems.push(item);
      return;
    }
    const result = classifyRecord(engine, item);
    tally.add(item, result);
    if (task.json && (task.only === undefined || task.only.includes(result.verdict))) {
      out += `${JSON.stringify(resultLine(item, result))}\n`;
    }
  });
  return { out, tally: tally.toData(), problems, bytes: task.chunk.bytes.byteLength };
}
