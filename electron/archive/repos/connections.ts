/** Connections: one per account at an endpoint; every other table is keyed by one. */
import type { ArchiveConnection, ArchiveConnectionKind } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, strOrNull, type SqlRow } from './statements';

export interface ConnectionInput {
  readonly kind: ArchiveConnectionKind;
  readonly endpoint: string;
  readonly label: string;
  readonly accountFingerprint: string | null;
}

function rowToConnection(row: SqlRow): ArchiveConnection {
  return {
    id: num(row, 'id'),
    kind: str(row, 'kind') as ArchiveConnectionKind,
    endpoint: str(row, 'endpoint'),
    label: str(row, 'label'),
    accountFingerprint: strOrNull(row, 'account_fingerprint'),
    createdAt: num(row, 'created_at'),
  };
}

/** Returns the connection for this kind + endpoint + account, creating it the first time (label is updated). */
export function ensureConnection(db: WriteDb, input: ConnectionInput, now: number): ArchiveConnection {
  const find = prepared(
    db,
    `SELECT * FROM connections WHERE kind = ? AND endpoint = ? AND IFNULL(account_fingerprint, '') = IFNULL(?, '')`,
  );
  return db.transaction(() => {
    const existing = find.get(input.kind, input.endpoint, input.accountFingerprint) as SqlRow | undefined;
    if (existing) {
      prepared(db, `UPDATE connections SET label = ? WHERE id = ?`).run(input.label, existing.id);
      return { ...rowToConnection(existing), label: input.label };
    }
    const row = prepared(
      db,
      `INSERT INTO connections (kind, endpoint, label, account_fingerprint, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
    ).get(input.kind, input.endpoint, input.label, input.accountFingerprint, now) as SqlRow;
    return rowToConnection(row);
  })();
}

export function getConnection(db: ReadDb, id: number): ArchiveConnection | null {
  const row = prepared(db, `SELECT * FROM connections WHERE id = ?`).get(id) as SqlRow | undefined;
  return row ? rowToConnection(row) : null;
}

export function listConnections(db: ReadDb): ArchiveConnection[] {
  return (prepared(db, `SELECT * FROM connections ORDER BY id`).all() as SqlRow[]).map(rowToConnection);
}
