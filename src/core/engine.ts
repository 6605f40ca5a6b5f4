/**
 * The compiled form of a configuration: one index per matcher over every leak set, and the
 * blackout windows. Build it once (and again after a change); classifying is then a lookup.
 */
import type { Config } from './config/schema.ts';
import { MATCHERS } from './matchers/registry.ts';
import type { ExtraRules, MatcherDefinition, RuleEntry } from './matchers/matcher.ts';
import { blackoutWindows, type BlackoutWindow } from './windows.ts';

/** A leaked document's text, read by the loader; only its fingerprints are kept. */
export interface LeakDocument {
  leak: string;
  /** Stable id shown in signals (the path relative to the configuration file). */
  id: string;
  text: string;
}

export interface CompiledMatcher {
  // biome-ignore lint/suspicious/noExplicitAny: the registry holds matchers of every index type; each is used only with the index it built.
  definition: MatcherDefinition<any>;
  index: unknown;
}

export interface Engine {
  readonly config: Config;
  readonly windows: readonly BlackoutWindow[];
  /** Matchers with at least one rule. */
  readonly matchers: readonly CompiledMatcher[];
  /** Number of rules indexed, all kinds together. */
  readonly ruleCount: number;
}

/**
 * Builds the indexes of every leak set. `documents` holds texts named by `documents[]`; `extra`
 * holds rules read from elsewhere (documents' fingerprints, banks), added to each key's rules.
 */
export function compileEngine(config: Config, documents: readonly LeakDocument[] = [], extra: ExtraRules = {}): Engine {
  const matchers: CompiledMatcher[] = [];
  let ruleCount = 0;
  for (const definition of MATCHERS) {
    const entries: RuleEntry[] =
      definition.configKey === 'documents'
        ? documents.map((d) => ({ leak: d.leak, value: d.id, text: d.text }))
        : config.leaks.flatMap((leak) => leak[definition.configKey].map((value) => ({ leak: leak.id, value })));
    for (const entry of extra[definition.configKey] ?? []) entries.push(entry);
    if (entries.length === 0) continue;
    ruleCount += entries.length;
    matchers.push({ definition, index: definition.build(entries) });
  }
  return { config, windows: blackoutWindows(config), matchers, ruleCount };
}
