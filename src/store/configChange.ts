/**
 * Configuration changes made by chat commands, in the order they were made, with who made them.
 * The id orders them across instances (and lets SQLite instances notice new ones by polling).
 */
import type { ConfigChange } from '../core/index.ts';
import type { Actor, StoredConfigChange } from './store.ts';
import type { Row, SqlDatabase } from './sqlDatabase.ts';

export async function insertConfigChange(db: SqlDatabase, change: ConfigChange, actor: Actor, atMs: number): Promise<StoredConfigChange> {
  const rows = await db.query(
    'INSERT INTO config_changes (change, actor_platform, actor_user, at) VALUES (?, ?, ?, ?) RETURNING id',
    [JSON.stringify(change), actor.platform, actor.userId, atMs],
  );
  return { id: Number(rows[0]!.id), change, actor: { ...actor }, at: atMs };
}

export async function selectConfigChanges(db: SqlDatabase): Promise<StoredConfigChange[]> {
  const rows = await db.query('SELECT id, change, actor_platform, actor_user, at FROM config_changes ORDER BY id');
  return rows.map(configChangeFromRow);
}

/** The id of the newest change (0 when there is none). */
export async function latestConfigChangeId(db: SqlDatabase): Promise<number> {
  const rows = await db.query('SELECT MAX(id) AS id FROM config_changes');
  return Number(rows[0]?.id ?? 0);
}

function configChangeFromRow(row: Row): StoredConfigChange {
  return {
    id: Number(row.id),
    change: JSON.parse(String(row.change)) as ConfigChange,
    actor: { platform: row.actor_platform as Actor['platform'], userId: String(row.actor_user) },
    at: Number(row.at),
  };
}
