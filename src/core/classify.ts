/**
 * Classifies one message: `share` when it carries leaked material, `mention` when it only names a
 * leak set, `none` otherwise. The verdict does not depend on time; the result also says whether
 * the message's time is inside a blackout window.
 */
import type { Engine } from './engine.ts';
import { messageFeatures, type MessageFeatures } from './features.ts';
import { knownHosts } from './disguises/knownHosts.ts';
import type { MessageInput } from './message.ts';
import type { Classification, Signal, Verdict } from './verdict.ts';
import { windowsAt } from './windows.ts';

/** Classifies a message with an engine. Pure: the same input always gives the same output. */
export function classify(engine: Engine, message: MessageInput): Classification {
  return classifyFeatures(engine, messageFeatures(message, knownHosts(engine)), message.at);
}

/** Classifies already extracted features (lets callers reuse them). */
export function classifyFeatures(engine: Engine, features: MessageFeatures, atMs: number): Classification {
  const signals: Signal[] = [];
  let seen: Set<string> | undefined;
  for (const { definition, index } of engine.matchers) {
    definition.match(index, features, (leak, rule) => {
      const key = `${definition.kind}\u0000${leak}\u0000${rule}`;
      seen ??= new Set();
      if (seen.has(key)) return;
      seen.add(key);
      signals.push({ kind: definition.kind, leak, rule, material: definition.material });
    });
  }
  const windows = windowsAt(engine.windows, atMs).map((w) => w.id);
  let verdict: Verdict = 'none';
  const leaks: string[] = [];
  for (const s of signals) {
    if (s.material) verdict = 'share';
    else if (verdict === 'none') verdict = 'mention';
    if (!leaks.includes(s.leak)) leaks.push(s.leak);
  }
  return { verdict, inBlackout: windows.length > 0, windows, leaks, signals };
}
