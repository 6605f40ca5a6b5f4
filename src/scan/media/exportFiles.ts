/**
 * Finds the files an export carries for its messages' attachments, for `scan --media`:
 * - a DiscordChatExporter export made with `--media` writes each attachment's `url` as a local
 *   path, relative to the JSON file's folder (or absolute when the media folder lies outside it);
 * - a Slack export made with its files (slackdump's standard layout) holds each file as
 *   `__uploads/<FILE_ID>/<name>`, or `<channel>/attachments/<FILE_ID>-<name>`, found by id.
 * Files are read into memory up to `attachments.maxBytes`, never copied; only regular files are
 * read, and remote URLs never are.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { ExportFormat } from '../../chatExports/detect.ts';
import type { ExportTree } from '../../chatExports/exportTree.ts';
import { openFolderTree } from '../../chatExports/folderTree.ts';
import type { MediaRef } from '../../chatExports/record.ts';
import { openZipTree } from '../../chatExports/zipTree.ts';

/** A file of the export, read; or why it could not be. */
export type FoundMedia = { bytes: Uint8Array } | { missing: true } | { tooLarge: true };

/** The files of one export. */
export interface ExportFiles {
  /** The file `ref` names, read into memory when it is at most `maxBytes`. */
  read(ref: MediaRef, maxBytes: number): Promise<FoundMedia>;
  /** Releases the export (an open zip). */
  close(): void;
}

/** The files of the export at `path`, of `format`; undefined for a format that carries none (JSON Lines). */
export function exportFiles(path: string, format: ExportFormat): ExportFiles | undefined {
  if (format === 'discord') return discordFiles(path);
  if (format === 'slack-folder' || format === 'slack-zip') return new SlackFiles(path, format);
  return undefined;
}

function discordFiles(jsonFile: string): ExportFiles {
  const folder = dirname(jsonFile);
  return {
    async read(ref, maxBytes) {
      if (ref.path === undefined) return { missing: true };
      // Written on Windows with backslashes; some versions percent-encode the name.
      const written = ref.path.replace(/\\/g, '/');
      const candidates = [written];
      if (written.includes('%')) {
        try {
          candidates.push(decodeURIComponent(written));
        } catch {
          // Not percent-encoding after all.
        }
      }
      for (const candidate of candidates) {
        const file = isAbsolute(candidate) ? candidate : resolve(folder, candidate);
        const info = await stat(file).catch(() => undefined);
        if (info === undefined || !info.isFile()) continue;
        if (info.size > maxBytes) return { tooLarge: true };
        return { bytes: await readFile(file) };
      }
      return { missing: true };
    },
    close: () => {},
  };
}

/**
 * `__uploads/<id>/<name>` (slackdump) and `<channel>/attachments/<id>-<name>`. Slack file ids are
 * `F` and capitals or digits: a channel named `attachments` has day files (`2017-05-06.json`),
 * which must not pass for files.
 */
const UPLOAD = /(?:^|\/)__uploads\/([A-Za-z0-9]+)\/[^/]+$/;
const ATTACHMENT = /(?:^|\/)attachments\/(F[A-Z0-9]+)-[^/]+$/;

class SlackFiles implements ExportFiles {
  #tree: Promise<{ tree: ExportTree; byId: Map<string, string> }> | undefined;

  constructor(
    private readonly path: string,
    private readonly format: 'slack-folder' | 'slack-zip',
  ) {}

  async read(ref: MediaRef, maxBytes: number): Promise<FoundMedia> {
    if (ref.fileId === undefined) return { missing: true };
    // Opened once, on the first file asked for: a second handle beside the one reading messages.
    this.#tree ??= this.#open();
    const { tree, byId } = await this.#tree;
    const entry = byId.get(ref.fileId);
    if (entry === undefined) return { missing: true };
    if ((tree.files.get(entry) ?? 0) > maxBytes) return { tooLarge: true };
    return { bytes: await readAll(await tree.open(entry), maxBytes) };
  }

  async #open(): Promise<{ tree: ExportTree; byId: Map<string, string> }> {
    const tree = this.format === 'slack-zip' ? await openZipTree(this.path) : await openFolderTree(this.path);
    const byId = new Map<string, string>();
    for (const entry of tree.files.keys()) {
      const id = UPLOAD.exec(entry)?.[1] ?? ATTACHMENT.exec(entry)?.[1];
      if (id === undefined) continue;
      // slackdump's __uploads/ first; a file listed twice is the same file.
      if (!byId.has(id) || UPLOAD.test(entry)) byId.set(id, entry);
    }
    return { tree, byId };
  }

  close(): void {
    const opened = this.#tree;
    this.#tree = undefined;
    opened?.then(({ tree }) => tree.close()).catch(() => undefined);
  }
}

/** The stream's bytes, refusing more than `maxBytes` (a zip entry may be bigger than it says). */
async function readAll(input: Readable, maxBytes: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const part of input as AsyncIterable<Buffer>) {
    length += part.length;
    if (length > maxBytes) {
      input.destroy();
      throw new Error('larger than its size in the export says');
    }
    parts.push(part);
  }
  return Buffer.concat(parts, length);
}
