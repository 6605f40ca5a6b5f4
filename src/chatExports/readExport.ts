/** Opens an export of a known format and yields its pieces (chunks and problems), or its records, in export order. */
import type { ExportPiece } from './chunks.ts';
import type { ExportFormat } from './detect.ts';
import { splitDiscordExport } from './discordExport.ts';
import type { ExportTree } from './exportTree.ts';
import { openFolderTree } from './folderTree.ts';
import { splitJsonLines } from './jsonLines.ts';
import { parsePieces } from './parsePieces.ts';
import type { ExportItem, ReaderOptions } from './record.ts';
import { splitSlackExport } from './slackExport.ts';
import { openZipTree } from './zipTree.ts';

/** The export cut into chunks of raw messages (to parse with `parseChunk`) and problems. */
export async function* splitExport(path: string, format: ExportFormat, options: ReaderOptions): AsyncGenerator<ExportPiece> {
  switch (format) {
    case 'jsonl':
      yield* splitJsonLines(path, options);
      return;
    case 'discord':
      yield* splitDiscordExport(path, options);
      return;
    case 'slack-folder':
    case 'slack-zip': {
      let tree: ExportTree;
      try {
        tree = format === 'slack-zip' ? await openZipTree(path) : await openFolderTree(path);
      } catch (err) {
        yield { error: `cannot open the ${format === 'slack-zip' ? 'zip' : 'folder'}: ${(err as Error).message}`, file: path };
        return;
      }
      yield* splitSlackExport(tree, options);
    }
  }
}

/** The export's records and problems, parsed on this thread. */
export async function* readExport(path: string, format: ExportFormat, options: ReaderOptions): AsyncGenerator<ExportItem> {
  yield* parsePieces(splitExport(path, format, options), options.zone);
}

