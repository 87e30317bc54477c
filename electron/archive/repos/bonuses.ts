/** Bonuses: MTurk gives them no id, so (assignment, worker, grant time, amount) identifies one. */
import type { Bonus } from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { num, prepared, str, strOrNull, writeEach, type SqlRow } from './statements';

export type BonusRecord = Omit<Bonus, 'connectionId' | 'firstSeenAt'>;

export function rowToBonus(row: SqlRow): Bonus {
  return {
    connectionId: num(row, 'connection_id'),
    workerId: str(row, 'worker_id'),
    assignmentId: str(row, 'assignment_id'),
    amountCents: num(row, 'amount_cents'),
    reason: str(row, 'reason'),
    grantTime: num(row, 'grant_time'),
    uniqueRequestToken: strOrNull(row, 'unique_request_token'),
    firstSeenAt: num(row, 'first_seen_at'),
  };
}

const UPSERT_BONUS = `
  INSERT INTO bonuses (connection_id, worker_id, assignment_id, amount_cents, reason, grant_time, unique_request_token, first_seen_at)
  VALUES (@connectionId, @workerId, @assignmentId, @amountCents, @reason, @grantTime, @uniqueRequestToken, @seenAt)
  ON CONFLICT (connection_id, assignment_id, worker_id, grant_time, amount_cents) DO UPDATE SET
    reason = excluded.reason,
    unique_request_token = COALESCE(unique_request_token, excluded.unique_request_token)`;

export function upsertBonuses(db: WriteDb, connectionId: number, records: readonly BonusRecord[], seenAt: number): number {
  const statement = prepared(db, UPSERT_BONUS);
  db.transaction(() => {
    writeEach(records, (r) => `bonus to ${r.workerId} for ${r.assignmentId}`, (record) => statement.run({ ...record, connectionId, seenAt }));
  })();
  return records.length;
}

export function bonusesForWorker(db: ReadDb, connectionId: number, workerId: string): Bonus[] {
  const rows = prepared(db, `SELECT * FROM bonuses WHERE connection_id = ? AND worker_id = ? ORDER BY grant_time, id`).all(
    connectionId,
    workerId,
  ) as SqlRow[];
  return rows.map(rowToBonus);
}

export function bonusesForAssignment(db: ReadDb, connectionId: number, assignmentId: string): Bonus[] {
  const rows = prepared(db, `SELECT * FROM bonuses WHERE connection_id = ? AND assignment_id = ? ORDER BY grant_time, id`).all(
    connectionId,
    assignmentId,
  ) as SqlRow[];
  return rows.map(rowToBonus);
}
