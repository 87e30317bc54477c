/**
 * What quality control reads from the archive: the flat answers of every assignment of a batch or of a HIT type, and
 * the gold answers of their HITs' input rows (a launched batch's row, or a website file's Input.* columns).
 */
import { goldOfInputs } from '../../../shared/quality/gold';
import type { AnsweredAssignment } from '../../../shared/quality/labels';
import type { ReadDb } from '../db-types';
import { inputsForHit } from './hit-inputs';
import { prepared, type SqlRow } from './statements';

const COLUMNS = `a.assignment_id, a.hit_id, a.worker_id, a.answers_json`;

function toAnswered(row: SqlRow): AnsweredAssignment {
  return { assignmentId: row.assignment_id as string, hitId: row.hit_id as string, workerId: row.worker_id as string, answers: JSON.parse(row.answers_json as string) as Record<string, string> };
}

export function batchExists(db: ReadDb, connectionId: number, batchId: string): boolean {
  return prepared(db, `SELECT 1 FROM batches WHERE id = ? AND connection_id = ?`).get(batchId, connectionId) !== undefined;
}

export function answeredAssignments(db: ReadDb, connectionId: number, scope: { batchId?: string; hitTypeId?: string }): AnsweredAssignment[] {
  const rows =
    scope.batchId !== undefined
      ? prepared(
          db,
          `SELECT ${COLUMNS} FROM assignments a WHERE a.connection_id = ?
             AND a.hit_id IN (SELECT h.hit_id FROM batch_hits h WHERE h.batch_id = ? AND h.hit_id IS NOT NULL)
           ORDER BY a.hit_id, a.submit_time, a.assignment_id`,
        ).all(connectionId, scope.batchId)
      : prepared(db, `SELECT ${COLUMNS} FROM assignments a WHERE a.connection_id = ? AND a.hit_type_id = ? ORDER BY a.hit_id, a.submit_time, a.assignment_id`).all(
          connectionId,
          scope.hitTypeId ?? '',
        );
  return (rows as SqlRow[]).map(toAnswered);
}

/** Per HIT that has any: answer field → gold label. */
export function goldOfHits(db: ReadDb, connectionId: number, hitIds: Iterable<string>): Map<string, Map<string, string>> {
  const gold = new Map<string, Map<string, string>>();
  for (const hitId of hitIds) {
    const inputs = inputsForHit(db, connectionId, hitId);
    const golds = inputs ? goldOfInputs(inputs.fields) : null;
    if (golds && golds.size > 0) gold.set(hitId, golds);
  }
  return gold;
}
