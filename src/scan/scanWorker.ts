/**
 * A worker thread of `scan --jobs N`: compiles the engine once from the configuration and rules
 * sent at start-up (only the core is loaded here: no file reading, no extractors), then
 * classifies the chunks piscina hands it.
 */
import { workerData } from 'piscina';
import { compileEngine } from '../core/index.ts';
import { classifyChunk, type ChunkResult, type ChunkTask } from './classifyChunk.ts';
import { HeapKeeper } from './heap.ts';
import type { EngineSource } from './pool.ts';

const source = workerData as EngineSource;
const engine = compileEngine(source.config, [], source.extra);

const heap = new HeapKeeper();

export default function classify(task: ChunkTask): ChunkResult {
  const result = classifyChunk(engine, task);
  heap.handled(result.bytes);
  return result;
}
