/**
 * What quality control reads from the archive: the flat answers of every assignment of a batch, a HIT type or a set of
 * HITs, and the gold answers of their HITs' input rows (a launched batch's row, or a website file's Input.* columns).
 */
import { goldOfInputs } from '../../../shared/quality/gold';
import type { AnsweredAssignment } from '../../../shared/quality/labels';
import type { ReadDb } from '../db-types';
import { prepared, type SqlRow } from './statements';

const COLUMNS = `a.assignment_id, a.hit_id, a.worker_id, a.answers_json`;
const INPUT_PREFIX = 'Input.';

function toAnswered(row: SqlRow): AnsweredAssignment {
  return { assignmentId: row.assignment_id as string, hitId: row.hit_id as string, workerId: row.worker_id as string, answers: JSON.parse(row.answers_json as string) as Record<string, string> };
}

export function batchExists(db: ReadDb, connectionId: number, batchId: string): boolean {
  return prepared(db, `SELECT 1 FROM batches WHERE id = ? AND connection_id = ?`).get(batchId, connectionId) !== undefined;
}

/** Every assignment of these HITs, in one set query. */
export function assignmentsOfHits(db: ReadDb, connectionId: number, hitIds: readonly string[]): AnsweredAssignment[] {
  const rows = prepared(db, `SELECT ${COLUMNS} FROM assignments a WHERE a.connection_id = ? AND a.hit_id IN (SELECT value FROM json_each(?))`).all(connectionId, JSON.stringify(hitIds));
  return (rows as SqlRow[]).map(toAnswered);
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

/** Each assignment of a launched batch with its status and submit time: what a bonus can be paid on. */
export function batchWork(db: ReadDb, connectionId: number, batchId: string): { workerId: string; assignmentId: string; status: 'Submitted' | 'Approved' | 'Rejected'; submitTime: number | null }[] {
  const rows = prepared(
    db,
    `SELECT a.worker_id, a.assignment_id, a.status, a.submit_time FROM assignments a WHERE a.connection_id = ?
       AND a.hit_id IN (SELECT h.hit_id FROM batch_hits h WHERE h.batch_id = ? AND h.hit_id IS NOT NULL)`,
  ).all(connectionId, batchId) as SqlRow[];
  return rows.map((r) => ({ workerId: r.worker_id as string, assignmentId: r.assignment_id as string, status: r.status as 'Submitted' | 'Approved' | 'Rejected', submitTime: (r.submit_time as number | null) ?? null }));
}

/**
 * Per HIT that has any: answer field → gold label, from a launched batch's input row or, for HITs imported from a
 * website results file, its Input.gold_* columns. Two set queries for all the HITs, whatever their number.
 */
export function goldOfHits(db: ReadDb, connectionId: number, hitIds: Iterable<string>): Map<string, Map<string, string>> {
  const ids = JSON.stringify([...hitIds]);
  const gold = new Map<string, Map<string, string>>();
  const put = (hitId: string, fields: readonly { name: string; value: string }[]): void => {
    const golds = goldOfInputs(fields);
    if (golds.size > 0 && !gold.has(hitId)) gold.set(hitId, golds);
  };
  const batchRows = prepared(
    db,
    `SELECT h.hit_id, h.input_json FROM batch_hits h JOIN batches b ON b.id = h.batch_id
      WHERE b.connection_id = ? AND h.hit_id IN (SELECT value FROM json_each(?))`,
  ).all(connectionId, ids) as SqlRow[];
  for (const row of batchRows) {
    const values = JSON.parse(row.input_json as string) as Record<string, string>;
    put(row.hit_id as string, Object.entries(values).map(([name, value]) => ({ name, value })));
  }
  // Imported rows are found through their assignments (indexed by assignment id); the newest import wins.
  const importedRows = prepared(
    db,
    `SELECT a.hit_id, r.cells_json, i.header_json FROM assignments a
       JOIN csv_import_rows r ON r.assignment_id = a.assignment_id JOIN csv_imports i ON i.id = r.import_id AND i.connection_id = a.connection_id
      WHERE a.connection_id = ? AND a.hit_id IN (SELECT value FROM json_each(?)) AND i.header_json LIKE '%"Input.gold\\_%' ESCAPE '\\'
      ORDER BY r.import_id DESC`,
  ).all(connectionId, ids) as SqlRow[];
  for (const row of importedRows) {
    const header = JSON.parse(row.header_json as string) as string[];
    const cells = JSON.parse(row.cells_json as string) as string[];
    put(row.hit_id as string, header.flatMap((name, i) => (name.startsWith(INPUT_PREFIX) ? [{ name: name.slice(INPUT_PREFIX.length), value: cells[i] ?? '' }] : [])));
  }
  return gold;
}
