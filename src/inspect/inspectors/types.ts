/** File types the inspectors tell apart (those of the walker, `src/extract/`). */
import { IMAGE_TYPES, type FileType } from '../../extract/types.ts';

/** True for the image types PDQ and OCR read. */
export function isImage(type: string): boolean {
  return IMAGE_TYPES.has(type as FileType);
}
