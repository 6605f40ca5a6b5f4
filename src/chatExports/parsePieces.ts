/** Runs both reading stages on one thread: cut into chunks, then parse each chunk into records. */
import { isChunk, parseChunk, type ExportPiece } from './chunks.ts';
import type { ExportItem } from './record.ts';

/** Records and problems of `pieces`, in order. */
export async function* parsePieces(pieces: AsyncIterable<ExportPiece>, zone: string): AsyncGenerator<ExportItem> {
  for await (const piece of pieces) {
    if (!isChunk(piece)) {
      yield piece;
      continue;
    }
    const items: ExportItem[] = [];
    parseChunk(piece, zone, (item) => items.push(item));
    yield* items;
  }
}
