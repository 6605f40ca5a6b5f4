/**
 * The store's contract, shared by both bots, the scheduler and the CLI. Implementations: SQLite
 * (default, one file under ./data/) and PostgreSQL (when DATABASE_URL is set, for several
 * instances). It holds ids, verdicts and hashes, never message text or file content.
 */
import type { ActionName, ConfigChange, SignalKind, Verdict } from '../core/index.ts';
import type { LastSeen } from './channelCursor.ts';
import type { SweepClaim, SweepProgress, SweepRecord } from './sweepProgress.ts';

export type { LastSeen } from './channelCursor.ts';
export type { SweepClaim, SweepProgress, SweepRecord } from './sweepProgress.ts';

import type { PlatformName } from '../platform/platform.ts';

export type Platform = PlatformName;

/** Where an incident comes from: a message as it was posted, or one found later by a sweep of the history. */
export type IncidentOrigin = 'live' | 'sweep';

/**
 * `pending`: written before acting (write-ahead), outcomes still coming; `complete`: every outcome
 * known; `interrupted`: the instance acting died mid-way, the unconfirmed actions are marked so.
 */
export type IncidentState = 'pending' | 'complete' | 'interrupted';

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
  /** `live` unless given. */
  origin?: IncidentOrigin;
  /**
   * What could not be looked at, e.g. `not inspected: busy (capture.png)`: attachments (or parts
   * of them) not inspected, with the reason and the file name, never content. Absent when none.
   */
  notes?: string[];
}

export interface Incident extends IncidentInput {
  id: string;
  /** When the incident was recorded, epoch ms. */
  recordedAt: number;
  /** `complete` unless given. */
  state?: IncidentState;
  /** The actions decided, recorded before any was taken (write-ahead incidents). */
  intended?: ActionName[];
  /** The event that the incident is about (one incident per event). */
  eventKey?: string;
}

export interface IncidentFilter {
  windowId?: string;
  fromMs?: number;
  toMs?: number;
  platform?: Platform;
  workspaceId?: string;
  origin?: IncidentOrigin;
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
  /** Records a complete incident; resolves once it is durable (or safely spooled). */
  recordIncident(incident: IncidentInput): Promise<Incident>;
  /**
   * Write-ahead: records the incident of event `eventKey` as `pending`, with the actions about to
   * be taken, before any is taken; resolves once durable (or spooled). When an instance that died
   * left one for this event, that one is returned (its confirmed outcomes stand).
   */
  openIncident(input: IncidentInput, eventKey: string, intended: ActionName[]): Promise<Incident>;
  /** Writes an incident's progress or its completion (same id: replaces it); durable or spooled. */
  saveIncident(incident: Incident): Promise<void>;
  /**
   * Marks the pending incidents whose instance stopped answering (lease over) as `interrupted`,
   * their unconfirmed actions failed with the reason. Returns how many.
   */
  markInterrupted(nowMs: number): Promise<number>;
  listIncidents(filter?: IncidentFilter): Promise<Incident[]>;
  /**
   * True when this instance is to handle event `key`: the first claim, or a claim left unfinished
   * by an instance that died (its lease is over). Call `finishEvent` when done.
   */
  claimEvent(key: string, atMs: number): Promise<boolean>;
  /** Marks a claimed event handled to the end: never claimed again. */
  finishEvent(key: string): Promise<void>;
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
  /**
   * Claims one channel's part of a sweep (`key`) for this instance: the progress to resume from,
   * `done`, or `held` while another instance holds a lease on it that has not run out.
   */
  claimSweep(key: string, atMs: number, leaseMs: number): Promise<SweepClaim>;
  /** Saves a claimed sweep's progress and renews its lease; false when the claim was lost. */
  saveSweep(key: string, progress: SweepProgress, atMs: number, leaseMs: number, done?: boolean): Promise<boolean>;
  /** Sweeps with progress since `sinceMs`, newest first. */
  listSweeps(sinceMs: number): Promise<SweepRecord[]>;
  /** Records the last message seen in channels (only moving forward). */
  markSeen(seen: readonly LastSeen[]): Promise<void>;
  /** The last message seen in each channel whose key starts with `prefix`. */
  lastSeen(prefix: string): Promise<LastSeen[]>;
  close(): Promise<void>;
}
