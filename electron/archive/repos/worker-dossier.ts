/** Reads behind the Workers list and a worker's dossier: everything the archive holds about one worker. */
import type { DossierAssignment, WorkerRow } from '../../../shared/domain/workers';
import type { ReadDb } from '../db-types';
import { ArchiveInputError } from './archive-input-error';
import { rowToAssignment } from './assignments';
import { num, prepared, str, type SqlRow } from './statements';
import { rowToWorkerSummary } from './workers';

export interface WorkerPageQuery {
  /** Worker ids starting with this text (case-insensitive). */
  readonly search?: string;
  /** Exactly these workers (a pasted list). */
  readonly workerIds?: readonly string[];
  readonly after?: string | null;
  readonly limit: number;
}

// Each row sums one worker's approved rewards: by its worker index, never by a scan of every approved assignment.
export const WORKER_ROW_SQL = `
  SELECT w.*,
    (SELECT COALESCE(SUM(h.reward_cents), 0) FROM assignments a INDEXED BY assignments_by_worker JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id
      WHERE a.connection_id = w.connection_id AND a.worker_id = w.worker_id AND a.status = 'Approved') AS earned_cents,
    EXISTS (SELECT 1 FROM worker_blocks b WHERE b.connection_id = w.connection_id AND b.worker_id = w.worker_id AND b.remotely_removed_at IS NULL) AS blocked,
    (SELECT COUNT(*) FROM qualification_grants g WHERE g.connection_id = w.connection_id AND g.worker_id = w.worker_id AND g.status = 'Granted') AS qualifications
  FROM workers w`;

function rowToWorkerRow(row: SqlRow): WorkerRow {
  const summary = rowToWorkerSummary(row);
  const decided = summary.approved + summary.rejected;
  return {
    ...summary,
    approvalRatePercent: decided === 0 ? null : Math.round((summary.approved / decided) * 1000) / 10,
    earnedCents: num(row, 'earned_cents'),
    blocked: num(row, 'blocked') === 1,
    qualifications: num(row, 'qualifications'),
  };
}

export const MAX_WORKER_PAGE = 1000;

/** One page of workers in id order; the cursor is the last worker id of the page. */
export function workerPage(db: ReadDb, connectionId: number, query: WorkerPageQuery): { rows: WorkerRow[]; nextCursor: string | null } {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_WORKER_PAGE) {
    throw new ArchiveInputError(`Page size must be a whole number from 1 to ${MAX_WORKER_PAGE}; got ${query.limit}.`, 'limit');
  }
  const where = ['w.connection_id = ?'];
  const params: unknown[] = [connectionId];
  if (query.search) {
    // worker_id is compared as stored (MTurk ids are upper case), so a prefix range keeps the primary key's order.
    const prefix = query.search.trim().toUpperCase();
    where.push(`w.worker_id >= ? AND w.worker_id < ?`);
    params.push(prefix, `${prefix}\uffff`);
  }
  if (query.workerIds) {
    where.push(`w.worker_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(query.workerIds));
  }
  if (query.after) {
    where.push('w.worker_id > ?');
    params.push(query.after);
  }
  const rows = prepared(db, `${WORKER_ROW_SQL} WHERE ${where.join(' AND ')} ORDER BY w.worker_id LIMIT ?`).all(...params, query.limit + 1) as SqlRow[];
  const page = rows.slice(0, query.limit).map(rowToWorkerRow);
  return { rows: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.workerId : null };
}

export function workerRow(db: ReadDb, connectionId: number, workerId: string): WorkerRow | null {
  const row = prepared(db, `${WORKER_ROW_SQL} WHERE w.connection_id = ? AND w.worker_id = ?`).get(connectionId, workerId) as SqlRow | undefined;
  return row ? rowToWorkerRow(row) : null;
}

/**
 * How many of a worker's assignments a dossier carries, newest first: a prolific worker's thousands (each with its
 * answers) would take half a second to read and more to show; the rest are one filter away in the HITs area.
 */
export const DOSSIER_ASSIGNMENTS = 500;

export function assignmentsOfWorker(db: ReadDb, connectionId: number, workerId: string, limit = DOSSIER_ASSIGNMENTS): DossierAssignment[] {
  const rows = prepared(
    db,
    `SELECT a.*, h.title AS hit_title, h.reward_cents AS hit_reward_cents FROM assignments a INDEXED BY assignments_by_worker
     LEFT JOIN hits h ON h.connection_id = a.connection_id AND h.hit_id = a.hit_id
     WHERE a.connection_id = ? AND a.worker_id = ? ORDER BY a.submit_time DESC, a.id DESC LIMIT ?`,
  ).all(connectionId, workerId, limit) as SqlRow[];
  return rows.map((row) => ({
    ...rowToAssignment(row),
    hitTitle: row.hit_title === null ? null : str(row, 'hit_title'),
    rewardCents: row.hit_reward_cents === null ? null : num(row, 'hit_reward_cents'),
  }));
}
