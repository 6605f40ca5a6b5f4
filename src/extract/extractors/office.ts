/**
 * Office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP) with officeparser, from memory. These are
 * zips: the central directory is checked first (encrypted entries, bombs, total size), because
 * the parser inflates the parts it reads whole.
 * @see https://github.com/harshankur/officeParser#readme
 */
import type { ZipFile } from 'yauzl';
import { withoutSourceMaps } from '../withoutSourceMaps.ts';
import { listZip, openZip, zipRefusal } from '../zipIndex.ts';
import { capText, ExtractError, type Extractor } from './extractor.ts';

/** officeparser, loaded on the first office document (it bundles a pdf.js of its own). */
let parser: Promise<typeof import('officeparser')> | undefined;
const loadParser = () => (parser ??= withoutSourceMaps(() => import('officeparser')));

export const officeExtractor: Extractor = {
  name: 'office',
  types: ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'],
  description: 'Word, Excel, PowerPoint and OpenDocument text (officeparser), after a zip-bomb check of the parts',
  async extractText(bytes, limits) {
    let zip: ZipFile;
    try {
      zip = await openZip({ bytes });
    } catch (err) {
      throw new ExtractError(`damaged document: ${(err as Error).message}`);
    }
    try {
      const refusal = zipRefusal(await listZip(zip), bytes.length, limits);
      if (refusal) throw new ExtractError(refusal);
    } finally {
      zip.close();
    }
    try {
      const { parseOfficeAsync } = await loadParser();
      return capText(await parseOfficeAsync(bytes, { outputErrorToConsole: false }), limits);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new ExtractError(`damaged document: ${message.replace(/^\[OfficeParser\]: /, '').slice(0, 200)}`);
    }
  },
};
