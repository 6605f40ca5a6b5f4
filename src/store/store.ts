/**
 * The store's contract, shared by both bots, the scheduler and the CLI. Implementations: SQLite
 * (default, one file under ./data/) and PostgreSQL (when DATABASE_URL is set, for several
 * instances). It holds ids, verdicts and hashes, never message text or file content.
 */
import type { ActionName, ConfigChange, SignalKind, Verdict } from '../core/index.ts';

export type Platform = 'discord' | 'slack' | 'cli';

/** What became of one action taken for a message. */
export interface ActionOutcome {
  action: ActionName;
  outcome: 'done' | 'failed' | 'skipped';
  /** Why it failed or was skipped, e.g. "missing Manage Messages", "rate limited". Never message text. */
  detail?: string;
}

export interface IncidentInput {
  platform: Platform;
  /** Discord guild id or Slack team id. */
  workspaceId: string;
  channelId: string;
  messageId: string;
  authorId: string;
  verdict: Verdict;
  leakIds: string[];
  signalKinds: SignalKind[];
  /** Configured rules that matched (configuration values, not message text). */
  rules: string[];
  /** The blackout window in force, if any. */
  windowId: string | null;
  actions: ActionOutcome[];
  /** Keyed hash (HMAC-SHA256) of the message text, if a key is configured. */
  textHash: string | null;
  /** When the message was posted, epoch ms. */
  messageAt: number;
}

export interface Incident extends IncidentInput {
  id: string;
  /** When the incident was recorded, epoch ms. */
  recordedAt: number;
}

export interface IncidentFilter {
  windowId?: string;
  fromMs?: number;
  toMs?: number;
  platform?: Platform;
  workspaceId?: string;
}

export interface Actor {
  platform: Platform;
  userId: string;
}

export interface StoredConfigChange {
  id: number;
  change: ConfigChange;
  actor: Actor;
  at: number;
}

export interface Store {
  /** Records an incident; resolves once it is durable (or safely spooled). */
  recordIncident(incident: IncidentInput): Promise<Incident>;
  listIncidents(filter?: IncidentFilter): Promise<Incident[]>;
  /** True the first time `key` is claimed (deduplication of events seen twice). */
  claimEvent(key: string, atMs: number): Promise<boolean>;
  /**
   * True when a warning may be posted now for `key` (platform, channel, user): no warning in the
   * last `intervalMs`. Taking the slot records `atMs` atomically.
   */
  takeWarningSlot(key: string, atMs: number, intervalMs: number): Promise<boolean>;
  /** Gives back the slot taken at `atMs` when the warning could not be posted. */
  releaseWarningSlot(key: string, atMs: number): Promise<void>;
  /**
   * Claims a reminder (task and fire time) for this instance: true for exactly one caller across
   * every instance, unless the claim was not marked sent within `leaseMs` (the claimer died).
   */
  claimReminder(key: string, atMs: number, leaseMs: number): Promise<boolean>;
  /** Marks a claimed reminder as posted, so that it is never claimed again. */
  markReminderSent(key: string, atMs: number): Promise<void>;
  /** Whether a reminder was already posted. */
  reminderSent(key: string): Promise<boolean>;
  addConfigChange(change: ConfigChange, actor: Actor, atMs: number): Promise<StoredConfigChange>;
  listConfigChanges(): Promise<StoredConfigChange[]>;
  /**
   * Calls `listener` when any instance adds a configuration change; returns an unsubscribe. It is
   * also called when the store starts (or, after a lost connection, resumes) following changes,
   * since one may have been made meanwhile.
   */
  watchConfigChanges(listener: () => void): () => void;
  close(): Promise<void>;
}
