/**
 * PDQ of an image, through `src/image/pdq.ts`. While that module is still a stub ("not
 * implemented"), images simply get no PDQ; a picture that cannot be decoded is reported.
 */
import { pdqHash } from '../image/pdq.ts';
import { ExtractError } from './extractors/extractor.ts';

/** The image's PDQ hash and quality, or undefined when PDQ is not available. */
export async function imageHash(bytes: Buffer): Promise<{ hash: string; quality: number } | undefined> {
  try {
    const { hash, quality } = await pdqHash(bytes);
    return { hash, quality };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/not implemented/i.test(message)) return undefined;
    throw new ExtractError(`damaged image: ${message.slice(0, 200)}`);
  }
}
