/** Every container, in one list, and the lookup by type the walker uses. */
import type { FileType } from '../types.ts';
import type { Container } from './container.ts';
import { zipContainer } from './zip.ts';
import { tarContainer } from './tar.ts';
import { gzipContainer } from './gzip.ts';
import { emailContainer } from './email.ts';
import { mboxContainer } from './mbox.ts';

export const CONTAINERS: readonly Container[] = [zipContainer, tarContainer, gzipContainer, emailContainer, mboxContainer];

const BY_TYPE = new Map<FileType, Container>(CONTAINERS.flatMap((c) => c.types.map((t) => [t, c] as const)));

/** The container opening `type`, if any. */
export function containerFor(type: FileType): Container | undefined {
  return BY_TYPE.get(type);
}
