/**
 * Runs chosen matchers of the engine over features built from what was found inside a file (its
 * text, its hashes and name), as a message's features would be. Only the engine's indexes are
 * used, so the cost does not grow with the number of rules.
 */
import { messageFeatures, type Attachment, type Engine, type SignalKind } from '../core/index.ts';

export interface MatchedRule {
  kind: SignalKind;
  leak: string;
  rule: string;
  material: boolean;
}

/** Matches `input` with the engine's matchers of the given kinds only. */
export function matchKinds(
  engine: Engine,
  kinds: ReadonlySet<SignalKind>,
  input: { text?: string; attachments?: readonly Attachment[] },
): MatchedRule[] {
  const features = messageFeatures({ text: input.text ?? '', ...(input.attachments && { attachments: input.attachments }) });
  const out: MatchedRule[] = [];
  const seen = new Set<string>();
  for (const { definition, index } of engine.matchers) {
    if (!kinds.has(definition.kind)) continue;
    definition.match(index, features, (leak: string, rule: string) => {
      const key = `${definition.kind}\u0000${leak}\u0000${rule}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ kind: definition.kind, leak, rule, material: definition.material });
    });
  }
  return out;
}
