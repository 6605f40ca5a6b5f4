/**
 * A matcher finds one kind of evidence. Each lives in its own file, declares the schema of its
 * configuration entries, builds an index from every leak set's entries at once, and matches a
 * message's features against that index in time independent of the number of entries.
 */
import type { z } from 'zod';
import type { MessageFeatures } from '../features.ts';
import type { SignalKind } from '../verdict.ts';

/** One configuration entry of a leak set, already validated and normalised by `entry`. */
export interface RuleEntry {
  leak: string;
  /** The canonical value (what signals report as `rule`). */
  value: string;
  /** For documents: the text to fingerprint (dropped after the index is built). */
  text?: string;
  /** For documents: shingle hashes computed beforehand (the loader and banks keep no text). */
  shingles?: Uint32Array;
  /** For documents of a bank: `shingles` is a winnowed sample (`winnow.ts`), matched as such. */
  sampled?: boolean;
  /** For images: the PDQ hash (64 hex digits) when `value` names the image instead. */
  hash?: string;
  /** For images: the PDQ quality (0..100) when known. */
  quality?: number;
}

/** The leak set keys rules come from (a matcher's `configKey`). */
export type ConfigKey = MatcherDefinition['configKey'];

/**
 * Rules from outside the configuration file's lists, by key: the fingerprints of the files
 * named by `documents[]` and everything the banks of `banks[]` hold.
 */
export type ExtraRules = Partial<Record<ConfigKey, readonly RuleEntry[]>>;

/** Called by a matcher for every rule that matched. */
export type Emit = (leak: string, rule: string) => void;

export interface MatcherDefinition<Index = unknown> {
  kind: SignalKind;
  /** The leak set key its entries come from. */
  configKey:
    | 'hashtags'
    | 'keywords'
    | 'urls'
    | 'domains'
    | 'sha256'
    | 'md5'
    | 'fileNames'
    | 'infohashes'
    | 'documents'
    | 'pdq';
  /** Whether a match is leaked material (`share`) or only a mention. */
  material: boolean;
  /** Validates and canonicalises one configuration entry. */
  entry: z.ZodType<string, string>;
  /** How a match of `rule` reads for people (moderators' alerts, reports). */
  describe(rule: string): string;
  build(entries: readonly RuleEntry[]): Index;
  match(index: Index, features: MessageFeatures, emit: Emit): void;
  /**
   * Read-only, for matchers of links: whether a link to `host` (canonical) could match. The
   * link finder undoes a disguise only where the result is such a host (docs/links.md).
   */
  knowsHost?(index: Index, host: string): boolean;
}

/** One shared one-element list per leak id: most entries belong to a single leak set. */
const SINGLE = new Map<string, readonly string[]>();

/**
 * Adds `leak` to the leak ids listed for `key`. Entries of a single leak set share one list, so
 * a hundred thousand hashes cost a hundred thousand map entries and no more.
 */
export function addLeak(map: Map<string, readonly string[]>, key: string, leak: string): void {
  const leaks = map.get(key);
  if (leaks === undefined) {
    let single = SINGLE.get(leak);
    if (!single) {
      single = Object.freeze([leak]);
      SINGLE.set(leak, single);
    }
    map.set(key, single);
  } else if (!leaks.includes(leak)) {
    map.set(key, [...leaks, leak]);
  }
}
