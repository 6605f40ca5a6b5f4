/**
 * `infohashes[]`: a BitTorrent infohash. Magnet links name it in hex or in base32; both are
 * turned into hex, so either spelling matches either spelling in the configuration.
 */
import { z } from 'zod';
import { infohashToHex } from '../links.ts';
import { buildExactIndex, matchExact, type ExactIndex } from './exactSet.ts';
import type { MatcherDefinition } from './matcher.ts';

export const magnetEntry = z
  .string({ error: 'expected an infohash (40 hex digits or 32 base32 letters)' })
  .transform((text, ctx) => {
    const raw = text.trim().replace(/^urn:btih:/i, '');
    const hex = infohashToHex(raw);
    if (!hex) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not an infohash (expected 40 hex digits or 32 base32 letters)` });
      return z.NEVER;
    }
    return hex;
  });

export const magnetMatcher: MatcherDefinition<ExactIndex> = {
  kind: 'magnet',
  configKey: 'infohashes',
  material: true,
  entry: magnetEntry,
  describe: (rule) => `torrent with infohash ${rule.slice(0, 12)}…`,
  build: buildExactIndex,
  match: (index, features, emit) => matchExact(index, features.infohashes, emit),
};
