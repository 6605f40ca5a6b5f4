/**
 * Incidents as rows: ids, verdicts, matched rules, action outcomes and times (never message text).
 * An incident carries a stable id made before it is written, so writing it again (a spool flushed
 * twice, a retry after a lost reply) never duplicates it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ActionName } from '../core/index.ts';
import type { ActionOutcome, Incident, IncidentFilter, IncidentInput } from './store.ts';
import type { Row, SqlDatabase } from './sqlDatabase.ts';

/** Gives an incident its id and recording time. */
export function newIncident(input: IncidentInput, recordedAt: number = Date.now()): Incident {
  return { ...input, origin: input.origin ?? 'live', id: randomUUID(), recordedAt, state: 'complete' };
}

/**
 * The write-ahead incident of an event: its id comes from the event key, so that an instance
 * taking over a dead one's event finds the incident already begun.
 */
export function pendingIncident(input: IncidentInput, eventKey: string, intended: ActionName[], recordedAt: number = Date.now()): Incident {
  const h = createHash('sha256').update(`incident:${eventKey}`).digest('hex');
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return { ...input, origin: input.origin ?? 'live', id, recordedAt, state: 'pending', intended, eventKey };
}

/** Why an action of an interrupted incident has no confirmed outcome. */
export const INTERRUPTED_DETAIL = 'outcome unknown: the instance taking it stopped before confirming it';

/** The outcomes of an incident whose instance died: every intended action not confirmed is marked. */
export function interruptedOutcomes(incident: Incident): ActionOutcome[] {
  const confirmed = new Set(incident.actions.map((a) => a.action));
  const missing = (incident.intended ?? []).filter((a) => !confirmed.has(a));
  return [...incident.actions, ...missing.map((action): ActionOutcome => ({ action, outcome: 'failed', detail: INTERRUPTED_DETAIL }))];
}

const COLUMNS =
  'id, platform, workspace_id, channel_id, message_id, author_id, verdict, leak_ids, signal_kinds, rules, window_id, actions, text_hash, message_at, recorded_at, origin, state, intended, event_key, lease_until, notes';

/**
 * Writes an incident; a later write of the same id (progress, completion, a spool flushed twice)
 * replaces it, except that a complete incident is never changed again.
 */
export async function insertIncident(db: SqlDatabase, incident: Incident, leaseUntil: number | null = null): Promise<boolean> {
  const state = incident.state ?? 'complete';
  const changed = await db.run(
    `INSERT INTO incidents (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET actions = excluded.actions, state = excluded.state, lease_until = excluded.lease_until
     WHERE incidents.state <> 'complete'`,
    [
      incident.id,
      incident.platform,
      incident.workspaceId,
      incident.channelId,
      incident.messageId,
      incident.authorId,
      incident.verdict,
      JSON.stringify(incident.leakIds),
      JSON.stringify(incident.signalKinds),
      JSON.stringify(incident.rules),
      incident.windowId,
      JSON.stringify(incident.actions),
      incident.textHash,
      incident.messageAt,
      incident.recordedAt,
      incident.origin ?? 'live',
      state,
      incident.intended ? JSON.stringify(incident.intended) : null,
      incident.eventKey ?? null,
      state === 'pending' ? leaseUntil : null,
      incident.notes !== undefined && incident.notes.length > 0 ? JSON.stringify(incident.notes) : null,
    ],
  );
  return changed > 0;
}

/** The incident with this id, if written. */
export async function selectIncident(db: SqlDatabase, id: string): Promise<Incident | undefined> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM incidents WHERE id = ?`, [id]);
  return rows[0] === undefined ? undefined : incidentFromRow(rows[0]);
}

/** Pending incidents whose lease ran out (their instance died), marked interrupted; returns how many. */
export async function markInterruptedIncidents(db: SqlDatabase, nowMs: number): Promise<number> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM incidents WHERE state = 'pending' AND lease_until <= ?`, [nowMs]);
  let marked = 0;
  for (const incident of rows.map(incidentFromRow)) {
    // Guarded: an instance that takes the event over meanwhile renews the lease first.
    marked += await db.run(`UPDATE incidents SET state = 'interrupted', actions = ?, lease_until = NULL WHERE id = ? AND state = 'pending' AND lease_until <= ?`, [
      JSON.stringify(interruptedOutcomes(incident)),
      incident.id,
      nowMs,
    ]);
  }
  return marked;
}

/** Incidents matching the filter, oldest message first. */
export async function selectIncidents(db: SqlDatabase, filter: IncidentFilter = {}): Promise<Incident[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.windowId !== undefined) {
    where.push('window_id = ?');
    params.push(filter.windowId);
  }
  if (filter.fromMs !== undefined) {
    where.push('message_at >= ?');
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    where.push('message_at < ?');
    params.push(filter.toMs);
  }
  if (filter.platform !== undefined) {
    where.push('platform = ?');
    params.push(filter.platform);
  }
  if (filter.origin !== undefined) {
    where.push('origin = ?');
    params.push(filter.origin);
  }
  if (filter.workspaceId !== undefined) {
    where.push('workspace_id = ?');
    params.push(filter.workspaceId);
  }
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM incidents${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY message_at, recorded_at, id`,
    params,
  );
  return rows.map(incidentFromRow);
}

function incidentFromRow(row: Row): Incident {
  return {
    id: String(row.id),
    platform: row.platform as Incident['platform'],
    workspaceId: String(row.workspace_id),
    channelId: String(row.channel_id),
    messageId: String(row.message_id),
    authorId: String(row.author_id),
    verdict: row.verdict as Incident['verdict'],
    leakIds: JSON.parse(String(row.leak_ids)) as Incident['leakIds'],
    signalKinds: JSON.parse(String(row.signal_kinds)) as Incident['signalKinds'],
    rules: JSON.parse(String(row.rules)) as Incident['rules'],
    windowId: row.window_id === null || row.window_id === undefined ? null : String(row.window_id),
    actions: JSON.parse(String(row.actions)) as Incident['actions'],
    textHash: row.text_hash === null || row.text_hash === undefined ? null : String(row.text_hash),
    // PostgreSQL returns BIGINT as text; epoch milliseconds are exact in a double.
    messageAt: Number(row.message_at),
    recordedAt: Number(row.recorded_at),
    origin: row.origin === 'sweep' ? 'sweep' : 'live',
    state: row.state === 'pending' || row.state === 'interrupted' ? row.state : 'complete',
    ...(typeof row.intended === 'string' && { intended: JSON.parse(row.intended) as ActionName[] }),
    ...(typeof row.event_key === 'string' && { eventKey: row.event_key }),
    ...(typeof row.notes === 'string' && { notes: JSON.parse(row.notes) as string[] }),
  };
}
