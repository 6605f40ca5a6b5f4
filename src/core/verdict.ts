/**
 * The result of classifying one message. It names rules and leak sets, never the message text.
 */

/** `share`: carries leaked material; `mention`: names a leak set but carries none; `none`. */
export type Verdict = 'share' | 'mention' | 'none';

export const VERDICTS: readonly Verdict[] = ['share', 'mention', 'none'];

/** Kinds of evidence a matcher can report. */
export type SignalKind =
  | 'url'
  | 'domain'
  | 'fileHash'
  | 'fileName'
  | 'magnet'
  | 'excerpt'
  | 'image'
  | 'keyword'
  | 'hashtag';

export interface Signal {
  kind: SignalKind;
  /** Leak set id. */
  leak: string;
  /** The configured rule that matched (a config value or document id), never message text. */
  rule: string;
  /** True when the signal is leaked material itself (makes the verdict `share`). */
  material: boolean;
}

export interface Classification {
  verdict: Verdict;
  /** Whether `at` falls inside at least one blackout window. */
  inBlackout: boolean;
  /** Ids of the windows containing `at`. */
  windows: string[];
  /** Ids of the leak sets that matched. */
  leaks: string[];
  signals: Signal[];
}
