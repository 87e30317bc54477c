/**
 * A HIT's inputs (the Input.* columns of a website results file it was imported from): what the worker was
 * shown, needed to judge the answers. Found through the HIT's assignments (indexed by assignment id); a HIT
 * imported without any assignment falls back to a scan of the imported rows.
 */
import type { ReadDb } from '../db-types';
import { prepared, type SqlRow } from './statements';

const INPUT_PREFIX = 'Input.';

export interface HitInputs {
  readonly fileName: string;
  readonly importedAt: number;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

const SELECT = `SELECT r.cells_json, i.header_json, i.file_name, i.imported_at FROM csv_import_rows r JOIN csv_imports i ON i.id = r.import_id`;

export function inputsForHit(db: ReadDb, connectionId: number, hitId: string): HitInputs | null {
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
  return { fileName: row.file_name as string, importedAt: row.imported_at as number, fields };
}
