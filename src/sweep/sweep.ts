/**
 * One sweep of what was already posted in one workspace: each watched channel's history since a
 * point in time, classified like live messages (attachments included), and handled by
 * `policy.sweep` when a window is in force at the time of the sweep. Each channel is claimed in
 * the store (once across shards and replicas) and its progress saved page by page, so that a sweep
 * cut by a crash resumes where it stopped and never acts twice on a message. Authors are not
 * pinged: each channel gets one notice and the moderators one digest.
 */
import {
  blackoutEnd,
  classify,
  decideSweep,
  MATCHERS,
  renderSweepDigest,
  renderSweepNotice,
  type ActionName,
  type Classification,
  type Engine,
} from '../core/index.ts';
import type { Logger } from '../log/logger.ts';
import { inspectMessage, processInspector } from '../inspect/index.ts';
import { incidentInput } from '../moderation/incidentInput.ts';
import { INTERRUPTED_DETAIL } from '../store/incident.ts';
import { ActionSkipped, type ChannelHistory, type HistoryChannel, type HistoryPage, type IncomingMessage } from '../platform/index.ts';
import type { ActionOutcome, Incident, Store } from '../store/store.ts';
import type { SweepClaim, SweepProgress } from '../store/sweepProgress.ts';
import { setImmediate as yieldToLive } from 'node:timers/promises';
import { readAhead } from './readAhead.ts';

export interface SweepRequest {
  /**
   * Names the sweep the same way on every instance (`window:fr-2017-t2`, `rules:<hash>`), so that
   * each channel is swept once across them.
   */
  id: string;
  /** Why it runs, for people (the moderators' digest). */
  reason: string;
  /** Messages posted from this time on are swept. */
  sinceMs: number;
  /** Per-channel starting times that replace `sinceMs` (catching up from the last message seen). */
  channelSince?: ReadonlyMap<string, number>;
  /** Only these channels (and their threads); all watched channels when absent. */
  channelIds?: readonly string[];
}

export interface SweepReport {
  id: string;
  platform: string;
  workspaceId: string;
  /** Channels swept by this instance. */
  channels: number;
  /** Channels whose part of this sweep was already done (by this instance or another). */
  alreadyDone: number;
  /**
   * Channels another instance holds: being swept, or left by an instance that died until its lease
   * runs out (the sweep is then run again for them).
   */
  heldElsewhere: number;
  scanned: number;
  found: number;
  removed: number;
  leftUp: number;
}

export interface SweepDeps {
  /** The engine in force (read again for each page, so that a reload applies at once). */
  engine: () => Engine;
  store: Store;
  logger: Logger;
  hashKey?: string;
  /** How long a channel's claim lasts without progress before another instance may take over. */
  leaseMs: number;
  now?: () => number;
  /** Told after each page, for progress bars and `/blackout status`. */
  onProgress?: (channel: HistoryChannel, progress: SweepProgress) => void;
}

const DESCRIBE = new Map(MATCHERS.map((m) => [m.kind, m.describe]));

/** History pages read ahead of the one being handled. */
const READ_AHEAD = 2;

/** Messages acted on at once (across pages): a rate limit's window of deletions can wait while reading goes on. */
const ACTS_IN_FLIGHT = 32;

/** Pages read and classified whose messages are still being acted on, at most. */
const PAGES_OPEN = 16;

/** Longest run of classification without letting the event loop turn. */
const SLICE_MS = 4;

/** Runs one sweep of one workspace. Never throws for one channel's failure (it is logged). */
export async function runSweep(deps: SweepDeps, source: ChannelHistory, request: SweepRequest): Promise<SweepReport> {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ platform: source.platform, workspace: source.workspaceId, sweep: request.id });
  const report: SweepReport = { id: request.id, platform: source.platform, workspaceId: source.workspaceId, channels: 0, alreadyDone: 0, heldElsewhere: 0, scanned: 0, found: 0, removed: 0, leftUp: 0 };
  const wanted = request.channelIds ? new Set(request.channelIds) : undefined;
  const channels = (await source.channels()).filter(
    (c) => !wanted || wanted.has(c.id) || (c.parentId !== undefined && wanted.has(c.parentId)),
  );
  const digest: { channel: HistoryChannel; progress: SweepProgress }[] = [];
  for (const channel of channels) {
    const key = `${request.id}:${source.platform}:${source.workspaceId}:${channel.id}`;
    let claim: SweepClaim;
    try {
      claim = await deps.store.claimSweep(key, now(), deps.leaseMs);
    } catch (err) {
      log.warn({ channel: channel.id, err }, 'sweep of a channel could not be claimed; skipped');
      continue;
    }
    if (claim === 'done') {
      report.alreadyDone += 1;
      continue;
    }
    if (claim === 'held') {
      report.heldElsewhere += 1;
      continue;
    }
    const progress = claim;
    report.channels += 1;
    try {
      const done = await sweepChannel(deps, source, request, channel, key, progress, log);
      if (!done) continue;
      report.scanned += progress.scanned;
      report.found += progress.found;
      report.removed += progress.removed;
      report.leftUp += progress.leftUp.length;
      if (progress.found > 0) digest.push({ channel, progress });
    } catch (err) {
      // The claim's lease runs out and another instance (or the next sweep) resumes from the saved cursor.
      log.error({ channel: channel.id, err }, 'sweep of a channel failed; it resumes from its saved progress');
    }
  }
  await postDigest(deps, source, request, report, digest, log);
  log.info({ ...report }, 'sweep finished');
  return report;
}

/** Sweeps one claimed channel to its end; false when the claim was lost to another instance. */
async function sweepChannel(
  deps: SweepDeps,
  source: ChannelHistory,
  request: SweepRequest,
  channel: HistoryChannel,
  key: string,
  progress: SweepProgress,
  log: Logger,
): Promise<boolean> {
  const now = deps.now ?? Date.now;
  const sinceMs = request.channelSince?.get(channel.id) ?? request.sinceMs;
  let inWindow = false;
  let sliceStart = performance.now();
  // Messages are acted on while the next ones are classified and the next pages read: deletions
  // waiting for the platform's rate limit do not hold the reading up. A page's cursor is saved
  // once every message of it, and of the pages before, has been handled.
  const acting = new Set<Promise<void>>();
  const handled: { page: HistoryPage; done: Promise<unknown>; settled: boolean }[] = [];
  let failure: { err: unknown } | undefined;
  let lost = false;
  let saving: Promise<unknown> = Promise.resolve();
  let savedAt = now();
  const save = (last = false): Promise<boolean> => {
    savedAt = now();
    const saved = saving.then(() => deps.store.saveSweep(key, { ...progress, leftUp: [...progress.leftUp], rules: [...progress.rules] }, now(), deps.leaseMs, last));
    saving = saved.catch(() => undefined);
    return saved;
  };
  // Deletions held by a rate limit may keep a page open longer than the lease: it is renewed.
  const renew = setInterval(() => {
    if (now() - savedAt < deps.leaseMs / 3) return;
    save().then(
      (kept) => {
        lost ||= !kept;
      },
      (err: unknown) => log.warn({ channel: channel.id, err }, 'sweep lease could not be renewed'),
    );
  }, Math.max(50, deps.leaseMs / 3));
  renew.unref();

  /** Saves the oldest handled page (its messages are handled); false when the claim was lost. */
  const complete = async (): Promise<boolean | 'last'> => {
    const { page } = handled.shift()!;
    if (failure) throw failure.err;
    progress.scanned += page.messages.length;
    progress.cursor = page.next ?? progress.cursor;
    const last = page.next === undefined;
    if (last && progress.removed > 0 && inWindow && !progress.noticed) {
      // Marked before posting: a notice is posted at most once, even if this instance dies now.
      progress.noticed = true;
      if (!(await save())) return false;
      await postNotice(deps, source, channel, progress.removed, log);
    }
    if (lost || !(await save(last))) {
      log.warn({ channel: channel.id }, 'sweep claim taken over by another instance; stopping here');
      return false;
    }
    deps.onProgress?.(channel, progress);
    return last ? 'last' : true;
  };
  /** Saves the handled pages whose messages are all handled, in order (all of them with `drain`). */
  const flush = async (drain: boolean): Promise<boolean | 'last'> => {
    while (handled.length > 0 && (drain || handled[0]!.settled || handled.length > PAGES_OPEN)) {
      await handled[0]!.done;
      const result = await complete();
      if (result !== true) return result;
    }
    return true;
  };

  try {
    for await (const page of readAhead((cursor) => source.page(channel, sinceMs, cursor), progress.cursor, READ_AHEAD)) {
      if (lost) return false;
      const acts: Promise<void>[] = [];
      for (const message of page.messages) {
        // Live moderation shares this event loop: classifying a page is cut into slices of a few
        // milliseconds, between which live messages are handled.
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToLive();
          sliceStart = performance.now();
        }
        const engine = deps.engine();
        // A window is in force or not at the time of the sweep: a link posted before the window
        // opened is removed once it is open.
        // Attachments are inspected as for a live message (documents, archives, photos, screenshots).
        const classification = await inspectMessage(
          message.held?.length ? processInspector() : undefined,
          engine,
          classify(engine, { text: message.text, attachments: message.attachments, at: now() }),
          message.held,
          { logger: log, ids: { channel: message.channelId, message: message.messageId } },
        );
        if (classification.verdict !== 'share') continue;
        inWindow ||= classification.inBlackout;
        const decision = decideSweep(
          engine.config,
          classification,
          {
            channelId: message.channelId,
            ...(message.parentChannelId !== undefined && { parentChannelId: message.parentChannelId }),
            authorId: message.authorId,
            ...(message.roleIds !== undefined && { roleIds: message.roleIds }),
          },
          source.alertChannel,
        );
        if (decision.actions.length === 0) continue;
        const task = (async () => {
          // Once per message across sweeps and instances: a resumed or repeated sweep skips it, unless
          // the instance acting on it died (then the write-ahead incident says what it had done).
          const messageKey = `sweep:${source.platform}:${message.channelId}:${message.messageId}`;
          if (!(await claimMessage(deps.store, messageKey, now()))) return;
          progress.found += 1;
          for (const s of classification.signals) {
            const rule = DESCRIBE.get(s.kind)!(s.rule);
            if (!progress.rules.includes(rule)) progress.rules.push(rule);
          }
          const outcomes = await act(deps, source, message, classification, decision.actions, messageKey, log);
          await deps.store.finishEvent(messageKey).catch((err: unknown) => log.warn({ channel: message.channelId, err }, 'sweep could not mark a message handled'));
          if (outcomes.some((o) => o.action === 'delete' && o.outcome === 'done')) progress.removed += 1;
          else if (decision.actions.includes('delete')) progress.leftUp.push(source.link(message));
        })().catch((err: unknown) => {
          failure ??= { err };
        });
        acting.add(task);
        acts.push(task);
        void task.finally(() => acting.delete(task));
        if (acting.size >= ACTS_IN_FLIGHT) await Promise.race(acting);
      }
      const entry = { page, done: Promise.all(acts), settled: false };
      void entry.done.then(() => {
        entry.settled = true;
      });
      handled.push(entry);
      const result = await flush(false);
      if (result !== true) return result !== false;
    }
    const result = await flush(true);
    return result !== false;
  } finally {
    clearInterval(renew);
    // A channel left early still lets its messages' actions end (each is claimed and written ahead).
    await Promise.all(acting);
    await saving;
  }
}

/**
 * Takes the sweep's actions on one message, write-ahead as live moderation does: the incident
 * (saying it came from a sweep) is durable with the intended actions before any is taken, so that
 * an instance dying mid-way leaves a record, and a takeover keeps the outcomes it confirmed.
 */
async function act(
  deps: SweepDeps,
  source: ChannelHistory,
  message: IncomingMessage,
  classification: Classification,
  actions: readonly ActionName[],
  key: string,
  log: Logger,
): Promise<ActionOutcome[]> {
  const ids = { channel: message.channelId, message: message.messageId };
  const outcomes: ActionOutcome[] = [];
  let incident: Incident | undefined;
  let confirmed = new Map<ActionName, ActionOutcome>();
  if (actions.includes('record')) {
    try {
      incident = await deps.store.openIncident(incidentInput(message, classification, deps.hashKey, 'sweep'), key, [...actions]);
      confirmed = new Map(incident.actions.filter((a) => a.detail !== INTERRUPTED_DETAIL).map((a) => [a.action, a]));
    } catch (err) {
      log.error({ ...ids, err }, 'sweep incident could not be written before acting; acting anyway');
    }
  }
  const save = async (state?: 'complete') => {
    if (!incident) return;
    incident = { ...incident, actions: [...outcomes], ...(state && { state }) };
    await deps.store.saveIncident(incident);
  };
  for (const action of actions) {
    const earlier = confirmed.get(action);
    if (earlier) {
      outcomes.push(earlier);
      continue;
    }
    if (action === 'delete') {
      try {
        await source.deleteMessage(message);
        outcomes.push({ action, outcome: 'done' });
      } catch (err) {
        const skipped = err instanceof ActionSkipped;
        outcomes.push({ action, outcome: skipped ? 'skipped' : 'failed', detail: (err as Error).message });
        log[skipped ? 'info' : 'warn']({ ...ids, detail: (err as Error).message }, `sweep delete ${skipped ? 'skipped' : 'failed'}`);
      }
      await save().catch((err: unknown) => log.warn({ ...ids, err }, 'sweep incident progress could not be written'));
    } else if (action === 'alert') {
      // Gathered into the sweep's one digest.
      outcomes.push({ action, outcome: source.alertChannel ? 'done' : 'skipped', ...(!source.alertChannel && { detail: 'no moderators channel configured' }) });
    } else if (action === 'record') {
      try {
        if (incident) await save('complete');
        else await deps.store.recordIncident({ ...incidentInput(message, classification, deps.hashKey, 'sweep'), actions: [...outcomes] });
        outcomes.push({ action, outcome: 'done' });
      } catch (err) {
        outcomes.push({ action, outcome: 'failed', detail: (err as Error).message });
        log.error({ ...ids, err }, 'sweep incident could not be recorded');
      }
    } else {
      outcomes.push({ action, outcome: 'done' });
    }
  }
  log.info({ ...ids, author: message.authorId, verdict: classification.verdict, leaks: classification.leaks, actions: outcomes.map((o) => `${o.action}:${o.outcome}`) }, 'message moderated by a sweep');
  return outcomes;
}

async function claimMessage(store: Store, key: string, atMs: number): Promise<boolean> {
  try {
    return await store.claimEvent(key, atMs);
  } catch {
    // During a store outage a sweep still acts (its channel claim already failed or succeeded).
    return true;
  }
}

async function postNotice(deps: SweepDeps, source: ChannelHistory, channel: HistoryChannel, removed: number, log: Logger): Promise<void> {
  const engine = deps.engine();
  const now = (deps.now ?? Date.now)();
  const window = engine.windows.find((w) => w.startMs <= now && now < w.endMs);
  if (!window) return;
  const endMs = blackoutEnd(engine.windows, now);
  const language = source.language ?? engine.config.language;
  try {
    await source.notice(channel.id, renderSweepNotice(engine.config, { language, removed, window, ...(endMs !== undefined && { endMs }) }));
  } catch (err) {
    log.warn({ channel: channel.id, err }, 'sweep notice could not be posted');
  }
}

async function postDigest(
  deps: SweepDeps,
  source: ChannelHistory,
  request: SweepRequest,
  report: SweepReport,
  channels: { channel: HistoryChannel; progress: SweepProgress }[],
  log: Logger,
): Promise<void> {
  if (channels.length === 0 || !source.alertChannel) return;
  const engine = deps.engine();
  if (!engine.config.policy.sweep.includes('alert')) return;
  const digest = renderSweepDigest({
    language: source.language ?? engine.config.language,
    reason: request.reason,
    scanned: report.scanned,
    channels: channels.map(({ channel, progress }) => ({ channel: channel.label, found: progress.found, removed: progress.removed, leftUp: progress.leftUp })),
    rules: [...new Set(channels.flatMap((c) => c.progress.rules))],
  });
  try {
    await source.digest(source.alertChannel, digest);
  } catch (err) {
    log.warn({ err }, 'sweep digest could not be posted');
  }
}
