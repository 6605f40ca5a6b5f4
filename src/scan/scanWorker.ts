/**
 * A worker thread of `scan --jobs N`: compiles the engine once from the configuration and rules
 * it is sent first (only the core is loaded here: no file reading, no extractors), then
 * classifies each chunk it is sent and answers with the result, under the task's number. The
 * source comes as a message, not as the thread's start-up data, so that `scan` can start the
 * thread while it is still reading the configuration.
 *
 * pool.ts runs this module bundled into one plain JavaScript file (no TypeScript loader in the
 * worker), or through worker.mjs when it cannot bundle.
 */
import { parentPort } from 'node:worker_threads';
// From its own module, not core/index.ts: the worker's bundle need not hold the YAML parsers of the configuration.
import { compileEngine, type Engine } from '../core/engine.ts';
import { classifyChunk, withLinesEncoded, type ChunkTask } from './classifyChunk.ts';
import { HeapKeeper } from './heap.ts';
import type { WorkerAnswer, WorkerReady, WorkerSource } from './pool.ts';

const heap = new HeapKeeper();
const port = parentPort!;
let engine: Engine | undefined;

port.on('message', (message: WorkerSource | { id: number; task: ChunkTask }) => {
  if ('source' in message) {
    engine ??= compileEngine(message.source.config, [], message.source.extra);
    port.postMessage({ ready: true } satisfies WorkerReady);
    return;
  }
  const { id, task } = message;
  let answer: WorkerAnswer;
  try {
    // pool.ts sends the source before any task: without it, this is a bug of the sender.
    if (engine === undefined) throw new Error('a chunk came before the engine it is classified with');
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
