/**
 * How much an input holds, as far as `scan` needs to know before it starts: whether worker threads
 * will be wanted (they start once the input passes a size), so that their code can be prepared
 * while the configuration loads.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Whether the files at `paths` (folders walked, only until the answer is known) hold more than
 * `bytes`. A path that cannot be read counts for nothing: `scan` reports it.
 */
export async function holdMoreThan(paths: readonly string[], bytes: number): Promise<boolean> {
  let total = 0;
  const pending = [...paths];
  while (pending.length > 0 && total <= bytes) {
    const path = pending.pop()!;
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() === true) pending.push(...(await readdir(path).catch(() => [])).map((name) => join(path, name)));
    else total += info?.size ?? 0;
  }
  return total > bytes;
}
