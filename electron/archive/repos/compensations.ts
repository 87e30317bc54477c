/**
 * Compensations: a one-off HIT for named workers, and which of them has been paid. Written whole when first made;
 * afterwards its qualification type and HIT are filled in as they are created, and each worker's assignment and payment.
 */
import type { CompensationRecord } from '../../../shared/contract/compensation';
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, prepared, str, strOrNull, type SqlRow } from './statements';

export interface NewCompensation {
  readonly id: string;
  readonly connectionId: number;
  readonly configId: string;
  readonly amountCents: number;
  readonly reason: string;
  readonly message: string | null;
  readonly workerIds: readonly string[];
}

export function insertCompensation(db: WriteDb, c: NewCompensation, now: number): void {
  db.transaction(() => {
    prepared(
      db,
      `INSERT INTO compensations (id, connection_id, config_id, amount_cents, reason, message, created_at, updated_at)
       VALUES (@id, @connectionId, @configId, @amountCents, @reason, @message, @now, @now)`,
    ).run({ id: c.id, connectionId: c.connectionId, configId: c.configId, amountCents: c.amountCents, reason: c.reason, message: c.message, now });
    const worker = prepared(db, `INSERT INTO compensation_workers (compensation_id, worker_id) VALUES (?, ?)`);
    for (const workerId of c.workerIds) worker.run(c.id, workerId);
  })();
}

export function setCompensationQualification(db: WriteDb, id: string, qualificationTypeId: string, now: number): void {
  prepared(db, `UPDATE compensations SET qualification_type_id = ?, updated_at = ? WHERE id = ?`).run(qualificationTypeId, now, id);
}

export function setCompensationHit(db: WriteDb, id: string, hitId: string, now: number): void {
  prepared(db, `UPDATE compensations SET hit_id = ?, updated_at = ? WHERE id = ?`).run(hitId, now, id);
}

/** The worker's assignment on the HIT; paid once its approval is confirmed (never unset). */
export function setCompensationAssignment(db: WriteDb, id: string, workerId: string, assignmentId: string, paidAt: number | null): void {
  prepared(db, `UPDATE compensation_workers SET assignment_id = ?, paid_at = COALESCE(paid_at, ?) WHERE compensation_id = ? AND worker_id = ?`).run(assignmentId, paidAt, id, workerId);
}

function toRecord(db: ReadDb, row: SqlRow): CompensationRecord {
  const workers = (prepared(db, `SELECT * FROM compensation_workers WHERE compensation_id = ? ORDER BY worker_id`).all(str(row, 'id')) as SqlRow[]).map((w) => ({
    workerId: str(w, 'worker_id'),
    assignmentId: strOrNull(w, 'assignment_id'),
    paidAt: numOrNull(w, 'paid_at'),
  }));
  return {
    id: str(row, 'id'),
    configId: str(row, 'config_id'),
    amountCents: num(row, 'amount_cents'),
    reason: str(row, 'reason'),
    message: strOrNull(row, 'message'),
    qualificationTypeId: strOrNull(row, 'qualification_type_id'),
    hitId: strOrNull(row, 'hit_id'),
    workers,
    createdAt: num(row, 'created_at'),
  };
}

export function getCompensation(db: ReadDb, id: string): CompensationRecord | null {
  const row = prepared(db, `SELECT * FROM compensations WHERE id = ?`).get(id) as SqlRow | undefined;
  return row ? toRecord(db, row) : null;
}

export function listCompensations(db: ReadDb, connectionId: number): CompensationRecord[] {
  return (prepared(db, `SELECT * FROM compensations WHERE connection_id = ? ORDER BY created_at DESC, id`).all(connectionId) as SqlRow[]).map((row) => toRecord(db, row));
}
