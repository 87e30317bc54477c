/**
 * Batches launched from a folder and the HITs each wants: what was launched (so results can be joined to input rows
 * even after the folder changes), and which HIT each (row, part) became.
 */
import type { QuestionKind } from '../../../shared/batch/lint';
import type { BatchProperties } from '../../../shared/batch/properties';
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, parseJson, prepared, str, strOrNull, type SqlRow } from './statements';

export type BatchState = 'launching' | 'launched' | 'cancelled';

export interface StoredBatch {
  readonly id: string;
  readonly connectionId: number;
  readonly configId: string;
  readonly name: string;
  readonly folder: string;
  readonly properties: BatchProperties;
  readonly kind: QuestionKind;
  readonly template: string;
  readonly inputColumns: readonly string[];
  readonly hitTypeId: string | null;
  /** Micro-batched only: the hidden qualification type that keeps a worker from a second sub-HIT of the batch. */
  readonly exclusionTypeId: string | null;
  /** When the requester paused the batch; null while it runs. */
  readonly pausedAt: number | null;
  /** The latest job creating this batch's HITs. */
  readonly launchJobId: string | null;
  readonly state: BatchState;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface BatchHit {
  readonly rowNumber: number;
  /** 0 for a row published as one HIT; 0, 1, … for the sub-HITs of a micro-batched row. */
  readonly part: number;
  readonly maxAssignments: number;
  readonly input: Readonly<Record<string, string>>;
  readonly hitId: string | null;
}

export type NewBatch = Omit<StoredBatch, 'hitTypeId' | 'exclusionTypeId' | 'pausedAt' | 'launchJobId' | 'state' | 'createdAt' | 'updatedAt'>;

function rowToBatch(row: SqlRow): StoredBatch {
  return {
    id: str(row, 'id'),
    connectionId: num(row, 'connection_id'),
    configId: str(row, 'config_id'),
    name: str(row, 'name'),
    folder: str(row, 'folder'),
    properties: parseJson<BatchProperties>(str(row, 'properties_json'), null as never),
    kind: str(row, 'question_kind') as QuestionKind,
    template: str(row, 'template'),
    inputColumns: parseJson<string[]>(str(row, 'input_columns_json'), []),
    hitTypeId: strOrNull(row, 'hit_type_id'),
    exclusionTypeId: strOrNull(row, 'exclusion_type_id'),
    pausedAt: numOrNull(row, 'paused_at'),
    launchJobId: strOrNull(row, 'launch_job_id'),
    state: str(row, 'state') as BatchState,
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
  };
}

const rowToHit = (row: SqlRow): BatchHit => ({
  rowNumber: num(row, 'row_number'),
  part: num(row, 'part'),
  maxAssignments: num(row, 'max_assignments'),
  input: parseJson<Record<string, string>>(str(row, 'input_json'), {}),
  hitId: strOrNull(row, 'hit_id'),
});

/** Writes a batch and every HIT it wants in one transaction: a batch is never half-recorded. */
export function insertBatch(db: WriteDb, batch: NewBatch, hits: readonly Omit<BatchHit, 'hitId'>[], now: number): StoredBatch {
  return db.transaction(() => {
    const row = prepared(
      db,
      `INSERT INTO batches (id, connection_id, config_id, name, folder, properties_json, question_kind, template, input_columns_json, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'launching', ?, ?) RETURNING *`,
    ).get(batch.id, batch.connectionId, batch.configId, batch.name, batch.folder, JSON.stringify(batch.properties), batch.kind, batch.template, JSON.stringify(batch.inputColumns), now, now) as SqlRow;
    const insert = prepared(db, `INSERT INTO batch_hits (batch_id, row_number, part, max_assignments, input_json) VALUES (?, ?, ?, ?, ?)`);
    for (const hit of hits) insert.run(batch.id, hit.rowNumber, hit.part, hit.maxAssignments, JSON.stringify(hit.input));
    return rowToBatch(row);
  })();
}

export function getBatch(db: ReadDb, id: string): StoredBatch | null {
  const row = prepared(db, `SELECT * FROM batches WHERE id = ?`).get(id) as SqlRow | undefined;
  return row ? rowToBatch(row) : null;
}

/** The newest batch launched from `folder` on this archive account that has not finished launching. */
export function findUnfinishedBatch(db: ReadDb, connectionId: number, folder: string): StoredBatch | null {
  const row = prepared(db, `SELECT * FROM batches WHERE folder = ? AND connection_id = ? AND state = 'launching' ORDER BY created_at DESC LIMIT 1`).get(folder, connectionId) as
    | SqlRow
    | undefined;
  return row ? rowToBatch(row) : null;
}

/** Every batch launched from `folder` on this archive account, newest first. */
export function batchesFromFolder(db: ReadDb, connectionId: number, folder: string): StoredBatch[] {
  return (prepared(db, `SELECT * FROM batches WHERE folder = ? AND connection_id = ? ORDER BY created_at DESC`).all(folder, connectionId) as SqlRow[]).map(rowToBatch);
}

export function listBatches(db: ReadDb, connectionId: number): StoredBatch[] {
  return (prepared(db, `SELECT * FROM batches WHERE connection_id = ? ORDER BY created_at DESC`).all(connectionId) as SqlRow[]).map(rowToBatch);
}

export function setBatchHitType(db: WriteDb, id: string, hitTypeId: string, now: number): void {
  prepared(db, `UPDATE batches SET hit_type_id = ?, updated_at = ? WHERE id = ?`).run(hitTypeId, now, id);
}

export function setBatchLaunchJob(db: WriteDb, id: string, jobId: string, now: number): void {
  prepared(db, `UPDATE batches SET launch_job_id = ?, updated_at = ? WHERE id = ?`).run(jobId, now, id);
}

/** The HIT a (row, part) became, or null while it has not been created. */
export function batchHitId(db: ReadDb, batchId: string, rowNumber: number, part: number): string | null {
  const row = prepared(db, `SELECT hit_id FROM batch_hits WHERE batch_id = ? AND row_number = ? AND part = ?`).get(batchId, rowNumber, part) as SqlRow | undefined;
  return row ? strOrNull(row, 'hit_id') : null;
}

export function setBatchState(db: WriteDb, id: string, state: BatchState, now: number): void {
  prepared(db, `UPDATE batches SET state = ?, updated_at = ? WHERE id = ?`).run(state, now, id);
}

export function listBatchHits(db: ReadDb, batchId: string): BatchHit[] {
  return (prepared(db, `SELECT * FROM batch_hits WHERE batch_id = ? ORDER BY row_number, part`).all(batchId) as SqlRow[]).map(rowToHit);
}

/** Records the HIT a (row, part) became; a second answer naming another HIT is refused (it would mean two HITs). */
export function setBatchHitId(db: WriteDb, batchId: string, rowNumber: number, part: number, hitId: string): void {
  const current = prepared(db, `SELECT hit_id FROM batch_hits WHERE batch_id = ? AND row_number = ? AND part = ?`).get(batchId, rowNumber, part) as SqlRow | undefined;
  if (!current) throw new Error(`Batch ${batchId} has no row ${rowNumber} part ${part}.`);
  const existing = strOrNull(current, 'hit_id');
  if (existing !== null && existing !== hitId) throw new Error(`Batch ${batchId} row ${rowNumber} part ${part} is already HIT ${existing}, not ${hitId}.`);
  prepared(db, `UPDATE batch_hits SET hit_id = ? WHERE batch_id = ? AND row_number = ? AND part = ?`).run(hitId, batchId, rowNumber, part);
}

export function batchCounts(db: ReadDb, batchId: string): { hits: number; created: number } {
  const row = prepared(db, `SELECT count(*) AS hits, count(hit_id) AS created FROM batch_hits WHERE batch_id = ?`).get(batchId) as SqlRow;
  return { hits: num(row, 'hits'), created: numOrNull(row, 'created') ?? 0 };
}

export function setBatchExclusionType(db: WriteDb, id: string, qualificationTypeId: string, now: number): void {
  prepared(db, `UPDATE batches SET exclusion_type_id = ?, updated_at = ? WHERE id = ?`).run(qualificationTypeId, now, id);
}

/** A batch is micro-batched when some row was split into sub-HITs. */
export function isMicroBatched(db: ReadDb, batchId: string): boolean {
  return prepared(db, `SELECT 1 FROM batch_hits WHERE batch_id = ? AND part > 0 LIMIT 1`).get(batchId) !== undefined;
}

/** The batch's archived assignments, by row, part and submit time. */
export function batchAssignmentIds(db: ReadDb, batchId: string): string[] {
  const rows = prepared(
    db,
    `SELECT a.assignment_id FROM batch_hits h JOIN batches b ON b.id = h.batch_id
       JOIN assignments a ON a.connection_id = b.connection_id AND a.hit_id = h.hit_id
      WHERE h.batch_id = ? ORDER BY h.row_number, h.part, a.submit_time, a.id`,
  ).all(batchId) as SqlRow[];
  return rows.map((row) => str(row, 'assignment_id'));
}

/** Workers with a submitted (or already reviewed) assignment of the batch: who the exclusion must reach. */
export function batchSubmitters(db: ReadDb, batchId: string): string[] {
  const rows = prepared(
    db,
    `SELECT DISTINCT a.worker_id FROM batch_hits h JOIN batches b ON b.id = h.batch_id
       JOIN assignments a ON a.connection_id = b.connection_id AND a.hit_id = h.hit_id
      WHERE h.batch_id = ? AND a.status IN ('Submitted', 'Approved', 'Rejected') ORDER BY a.worker_id`,
  ).all(batchId) as SqlRow[];
  return rows.map((row) => str(row, 'worker_id'));
}

export function setBatchPaused(db: WriteDb, id: string, pausedAt: number | null, now: number): void {
  prepared(db, `UPDATE batches SET paused_at = ?, updated_at = ? WHERE id = ?`).run(pausedAt, now, id);
}
