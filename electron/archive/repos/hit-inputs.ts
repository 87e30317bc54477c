/**
 * A HIT's inputs — what the worker was shown, needed to judge the answers: the input row of the batch Turkbench
 * launched it from, or the Input.* columns of a website results file it was imported from. Imports are found through
 * the HIT's assignments (indexed by assignment id); a HIT imported without any assignment falls back to a scan of the
 * imported rows.
 */
import type { HitInputs } from '../../../shared/contract/browse';
import type { ReadDb } from '../db-types';
import { prepared, type SqlRow } from './statements';

const INPUT_PREFIX = 'Input.';

const SELECT = `SELECT r.cells_json, i.header_json, i.file_name, i.imported_at FROM csv_import_rows r JOIN csv_imports i ON i.id = r.import_id`;

export function inputsForHit(db: ReadDb, connectionId: number, hitId: string): HitInputs | null {
  return batchInputs(db, connectionId, hitId) ?? importedInputs(db, connectionId, hitId);
}

function batchInputs(db: ReadDb, connectionId: number, hitId: string): HitInputs | null {
  const row = prepared(
    db,
    `SELECT h.row_number, h.input_json, b.id, b.name, b.created_at, b.input_columns_json FROM batch_hits h JOIN batches b ON b.id = h.batch_id
      WHERE h.hit_id = ? AND b.connection_id = ?`,
  ).get(hitId, connectionId) as SqlRow | undefined;
  if (!row) return null;
  const values = JSON.parse(row.input_json as string) as Record<string, string>;
  const columns = JSON.parse(row.input_columns_json as string) as string[];
  return {
    origin: { kind: 'batch', batchId: row.id as string, name: row.name as string, rowNumber: row.row_number as number, at: row.created_at as number },
    fields: columns.map((name) => ({ name, value: values[name] ?? '' })),
  };
}

function importedInputs(db: ReadDb, connectionId: number, hitId: string): HitInputs | null {
  const viaAssignment = prepared(
    db,
    `${SELECT} WHERE r.assignment_id IN (SELECT assignment_id FROM assignments WHERE connection_id = ? AND hit_id = ?)
       AND i.connection_id = ? ORDER BY r.import_id DESC LIMIT 1`,
  ).get(connectionId, hitId, connectionId) as SqlRow | undefined;
  const row =
    viaAssignment ??
    (prepared(db, `${SELECT} WHERE r.hit_id = ? AND i.connection_id = ? ORDER BY r.import_id DESC LIMIT 1`).get(hitId, connectionId) as
      | SqlRow
      | undefined);
  if (!row) return null;
  const header = JSON.parse(row.header_json as string) as string[];
  const cells = JSON.parse(row.cells_json as string) as string[];
  const fields = header.flatMap((name, i) => (name.startsWith(INPUT_PREFIX) ? [{ name: name.slice(INPUT_PREFIX.length), value: cells[i] ?? '' }] : []));
  return { origin: { kind: 'import', fileName: row.file_name as string, at: row.imported_at as number }, fields };
}
