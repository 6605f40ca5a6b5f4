/**
 * Images (JPEG, PNG, WebP, GIF, TIFF), as attachments or inside archives: their PDQ hash (Meta's
 * perceptual hash, computed by the walker in the worker) is matched against the leak sets' and
 * banks' images within a distance of 31 bits, so a photo resized or recompressed by a chat app
 * still matches.
 * The lookup goes through the engine's multi-index of PDQ hashes and reports the distance found.
 */
import type { Engine } from '../../core/index.ts';
import { nearPdq, PDQ_MIN_QUALITY, type PdqIndex } from '../../core/matchers/pdq.ts';
import type { Inspector } from '../inspector.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** Rules within the distance of `hash`, with their distances (multi-index lookup, as the matcher). */
export function nearImages(engine: Engine, hash: string): { leak: string; rule: string; distance: number; material: boolean }[] {
  const matcher = engine.matchers.find((m) => m.definition.configKey === 'pdq');
  if (!matcher) return [];
  const index = matcher.index as PdqIndex;
  const out = nearPdq(index, hash).map(({ id, distance }) => ({ ...index.rules[id]!, distance, material: matcher.definition.material }));
  return out.sort((a, b) => a.distance - b.distance);
}

export const imagePdqInspector: Inspector = {
  id: 'image-pdq',
  summary: 'images (JPEG, PNG, WebP, GIF, TIFF): PDQ perceptual hash matched against the leak sets and banks (distance ≤ 31)',
  match(file, engine, emit) {
    if (!file.pdq || file.pdq.quality < PDQ_MIN_QUALITY) return;
    const seen = new Set<string>();
    for (const m of nearImages(engine, file.pdq.hash)) {
      const key = `${m.leak}\u0000${m.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      emit({
        kind: 'image',
        leak: m.leak,
        rule: m.rule,
        material: m.material,
        path: file.path,
        distance: m.distance,
        description: `photo matching ${HEX64.test(m.rule) ? `PDQ ${m.rule.slice(0, 12)}…` : m.rule}, distance ${m.distance}${file.depth > 0 ? `, as ${file.path}` : ''}`,
      });
    }
  },
};
