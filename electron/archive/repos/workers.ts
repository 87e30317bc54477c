/** Worker summaries: the `workers` table is maintained by triggers on assignments and bonuses. */
import type { WorkerSummary } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { num, prepared, str, type SqlRow } from './statements';

export function rowToWorkerSummary(row: SqlRow): WorkerSummary {
  return {
    connectionId: num(row, 'connection_id'),
    workerId: str(row, 'worker_id'),
    firstSeenAt: num(row, 'first_seen_at'),
    lastSeenAt: num(row, 'last_seen_at'),
    assignments: num(row, 'assignments'),
    approved: num(row, 'approved'),
    rejected: num(row, 'rejected'),
    bonuses: num(row, 'bonuses'),
    bonusCents: num(row, 'bonus_cents'),
  };
}

export function getWorkerSummary(db: ReadDb, connectionId: number, workerId: string): WorkerSummary | null {
  const row = prepared(db, `SELECT * FROM workers WHERE connection_id = ? AND worker_id = ?`).get(connectionId, workerId) as SqlRow | undefined;
  return row ? rowToWorkerSummary(row) : null;
}

export function listWorkerSummaries(db: ReadDb, connectionId: number): WorkerSummary[] {
  return (prepared(db, `SELECT * FROM workers WHERE connection_id = ? ORDER BY worker_id`).all(connectionId) as SqlRow[]).map(
    rowToWorkerSummary,
  );
}
