/**
 * Which archive account an app connection's data lives under. Written whenever the connection is opened with its
 * keys; read without them, so the archive stays browsable offline, without keys, and after the connection is removed.
 */
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, type SqlRow } from './statements';

export function linkConnection(db: WriteDb, configId: string, archiveConnectionId: number, now: number): void {
  prepared(
    db,
    `INSERT INTO connection_links (config_id, connection_id, linked_at) VALUES (?, ?, ?)
     ON CONFLICT (config_id) DO UPDATE SET connection_id = excluded.connection_id, linked_at = excluded.linked_at
     WHERE connection_links.connection_id <> excluded.connection_id`,
  ).run(configId, archiveConnectionId, now);
}

export function linkedConnection(db: ReadDb, configId: string): number | null {
  const row = prepared(db, `SELECT connection_id FROM connection_links WHERE config_id = ?`).get(configId) as SqlRow | undefined;
  return row ? num(row, 'connection_id') : null;
}

/** Archive accounts at this kind + endpoint (before links existed, the only way to find one without its key). */
export function connectionsAt(db: ReadDb, kind: string, endpoint: string): number[] {
  const rows = prepared(db, `SELECT id FROM connections WHERE kind = ? AND endpoint = ? ORDER BY id`).all(kind, endpoint) as SqlRow[];
  return rows.map((row) => num(row, 'id'));
}
