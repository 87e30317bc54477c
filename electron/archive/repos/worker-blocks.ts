/** Worker blocks as MTurk lists them; an unblock shows up as the block going missing (markMissing). */
import type { WorkerBlock } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, prepared, str, writeEach, type SqlRow } from './statements';

export interface WorkerBlockRecord {
  readonly workerId: string;
  readonly reason: string;
}

export function rowToWorkerBlock(row: SqlRow): WorkerBlock {
  return {
    connectionId: num(row, 'connection_id'),
    firstSeenAt: num(row, 'first_seen_at'),
    lastSeenAt: num(row, 'last_seen_at'),
    goneAt: numOrNull(row, 'remotely_removed_at'),
    workerId: str(row, 'worker_id'),
    reason: str(row, 'reason'),
  };
}

export function upsertWorkerBlocks(db: WriteDb, connectionId: number, records: readonly WorkerBlockRecord[], seenAt: number): number {
  const statement = prepared(
    db,
    `INSERT INTO worker_blocks (connection_id, worker_id, reason, first_seen_at, last_seen_at)
     VALUES (@connectionId, @workerId, @reason, @seenAt, @seenAt)
     ON CONFLICT (connection_id, worker_id) DO UPDATE SET reason = excluded.reason,
       last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_removed_at = NULL`,
  );
  db.transaction(() => {
    writeEach(records, (r) => `block of ${r.workerId}`, (record) => statement.run({ ...record, connectionId, seenAt }));
  })();
  return records.length;
}

/** Current blocks only unless `includeLifted`. */
export function listWorkerBlocks(db: ReadDb, connectionId: number, includeLifted = false): WorkerBlock[] {
  const sql = `SELECT * FROM worker_blocks WHERE connection_id = ?${includeLifted ? '' : ' AND remotely_removed_at IS NULL'} ORDER BY worker_id`;
  return (prepared(db, sql).all(connectionId) as SqlRow[]).map(rowToWorkerBlock);
}

/** An unblock Turkbench made: the block is lifted at once, as the next sync would find. */
export function markBlockLifted(db: WriteDb, connectionId: number, workerId: string, now: number): void {
  prepared(db, `UPDATE worker_blocks SET remotely_removed_at = ? WHERE connection_id = ? AND worker_id = ? AND remotely_removed_at IS NULL`).run(now, connectionId, workerId);
}

export function currentBlock(db: ReadDb, connectionId: number, workerId: string): WorkerBlock | null {
  const row = prepared(db, `SELECT * FROM worker_blocks WHERE connection_id = ? AND worker_id = ? AND remotely_removed_at IS NULL`).get(connectionId, workerId) as SqlRow | undefined;
  return row ? rowToWorkerBlock(row) : null;
}
