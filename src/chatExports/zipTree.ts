/**
 * A Slack export as the zip Slack hands out. Only the central directory is read up front; each
 * entry is inflated as a stream when its turn comes. Odd entries (absolute or `..` paths,
 * encrypted files, folders) are left out with a reason rather than failing the whole zip.
 */
import yauzl, { type Entry } from 'yauzl';
import type { ExportTree } from './exportTree.ts';

// Exported by yauzl but missing from its type definitions.
const { getFileNameLowLevel } = yauzl as unknown as {
  getFileNameLowLevel(flags: number, raw: Buffer, extraFields: Entry['extraFields'], strict: boolean): string;
};

/** Opens the zip and lists its entries. Rejects when the file is not a readable zip. */
export async function openZipTree(file: string): Promise<ExportTree> {
  // decodeStrings off: yauzl would otherwise abort the whole zip on one unsafe name.
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false });
  const entries = new Map<string, Entry>();
  const files = new Map<string, number>();
  const skipped: ExportTree['skipped'] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
      const unsafe = yauzl.validateFileName(name);
      if (unsafe !== null) skipped.push({ path: name, reason: `unsafe entry name (${unsafe})` });
      else if (entry.isEncrypted()) skipped.push({ path: name, reason: 'encrypted entry' });
      else if (!entries.has(name)) {
        entries.set(name, entry);
        files.set(name, entry.uncompressedSize);
      }
    }
  } catch (err) {
    zip.close();
    throw err;
  }
  return {
    label: file,
    files,
    skipped,
    describe: (path) => `${file}!${path}`,
    open: async (path) => {
      const entry = entries.get(path);
      if (entry === undefined) throw new Error(`no entry ${path} in ${file}`);
      return zip.openReadStreamPromise(entry);
    },
    close: () => zip.close(),
  };
}
