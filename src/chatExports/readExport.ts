/** Opens an export of a known format and yields its records and problems, in export order. */
import { readDiscordExport } from './discordExport.ts';
import type { ExportFormat } from './detect.ts';
import { openFolderTree } from './folderTree.ts';
import { readJsonLines } from './jsonLines.ts';
import type { ExportItem, ReaderOptions } from './record.ts';
import { readSlackExport } from './slackExport.ts';
import { openZipTree } from './zipTree.ts';
import type { ExportTree } from './exportTree.ts';

export async function* readExport(path: string, format: ExportFormat, options: ReaderOptions): AsyncGenerator<ExportItem> {
  switch (format) {
    case 'jsonl':
      yield* readJsonLines(path, options);
      return;
    case 'discord':
      yield* readDiscordExport(path, options);
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
      yield* readSlackExport(tree, options);
    }
  }
}
