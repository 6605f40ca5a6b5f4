/**
 * Incidents as rows: ids, verdicts, matched rules, action outcomes and times (never message text).
 * An incident carries a stable id made before it is written, so writing it again (a spool flushed
 * twice, a retry after a lost reply) never duplicates it.
 */
import { randomUUID } from 'node:crypto';
import type { Incident, IncidentFilter, IncidentInput } from './store.ts';
import type { Row, SqlDatabase } from './sqlDatabase.ts';

/** Gives an incident its id and recording time. */
export function newIncident(input: IncidentInput, recordedAt: number = Date.now()): Incident {
  return { ...input, id: randomUUID(), recordedAt };
}

const COLUMNS =
  'id, platform, workspace_id, channel_id, message_id, author_id, verdict, leak_ids, signal_kinds, rules, window_id, actions, text_hash, message_at, recorded_at';

/** Writes an incident; true when written now, false when it was already there. */
export async function insertIncident(db: SqlDatabase, incident: Incident): Promise<boolean> {
  const changed = await db.run(
    `INSERT INTO incidents (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
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
    ],
  );
  return changed > 0;
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
  };
}
