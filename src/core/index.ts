/**
 * blackout-guard's core: pure, platform-free functions taking data and returning data. Both bots,
 * the scheduler and the CLI make the same decisions through this surface.
 */
export type { Attachment, MessageInput } from './message.ts';
export type { Classification, Signal, SignalKind, Verdict } from './verdict.ts';
export { VERDICTS } from './verdict.ts';
export * from './config/schema.ts';
export { parseConfigText, validateConfig, type ParsedConfig } from './config/parse.ts';
export { ConfigError, formatProblem, type ConfigProblem } from './config/problems.ts';
export { applyChanges, type ConfigChange, type LeakListKey } from './config/changes.ts';
export { parseDuration, formatDuration as formatDurationSpec } from './config/duration.ts';
export { compileEngine, type Engine, type LeakDocument } from './engine.ts';
export { classify, classifyFeatures } from './classify.ts';
export { messageFeatures, type MessageFeatures } from './features.ts';
export * from './windows.ts';
export { decide, decideSweep, DEFAULT_ACTIONS, type Decision, type MessageContext } from './policy.ts';
export { ACTIONS, ACTION_NAMES, actionDefinition, inRunOrder, type ActionName } from './actions/registry.ts';
export { MATCHERS } from './matchers/registry.ts';
export type { ConfigKey, ExtraRules, RuleEntry } from './matchers/matcher.ts';
export { COMMISSION_STATEMENT, COMMISSION_NAME } from './statement.ts';
export { renderWarning, renderMentionReminder, type Warning, type WarningInput } from './texts/warning.ts';
export { renderReminder, type ReminderKind } from './texts/reminder.ts';
export { renderSweepNotice, renderSweepDigest, type SweepNoticeInput, type SweepDigestInput, type SweepDigestChannel } from './texts/sweep.ts';
export { formatInstant, formatDuration } from './texts/format.ts';
export { fill } from './texts/template.ts';
