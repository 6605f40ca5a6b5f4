/**
 * A worker thread of `scan --jobs N`: compiles the engine once from the configuration and rules
 * sent at start-up (only the core is loaded here: no file reading, no extractors), then
 * classifies each chunk it is sent and answers with the result, under the task's number.
 *
 * pool.ts runs this module bundled into one plain JavaScript file (no TypeScript loader in the
 * worker), or through worker.mjs when it cannot bundle.
 */
import { parentPort, workerData } from 'node:worker_threads';
// From its own module, not core/index.ts: the worker's bundle need not hold the YAML parsers of the configuration.
import { compileEngine } from '../core/engine.ts';
import { classifyChunk, withLinesEncoded, type ChunkTask } from './classifyChunk.ts';
import { HeapKeeper } from './heap.ts';
import type { EngineSource, WorkerAnswer, WorkerReady } from './pool.ts';

const source = workerData as EngineSource;
const engine = compileEngine(source.config, [], source.extra);
const heap = new HeapKeeper();
const port = parentPort!;
port.postMessage({ ready: true } satisfies WorkerReady);

port.on('message', ({ id, task }: { id: number; task: ChunkTask }) => {
  let answer: WorkerAnswer;
  try {
    const result = withLinesEncoded(classifyChunk(engine, task));
    heap.handled(result.bytes);
    if (result.out instanceof Uint8Array) {
      // Moved, not copied: the main thread writes the bytes as they are.
      port.postMessage({ id, result } satisfies WorkerAnswer, [result.out.buffer as ArrayBuffer]);
      return;
    }
    answer = { id, result };
  } catch (err) {
    answer = { id, error: (err as Error).message };
  }
  port.postMessage(answer);
});
