/**
 * Jobs: long work (a bulk action, a sync) with its progress. Written when a job starts and as it moves, so that after a
 * crash or quit the app and the CLI can list what was left unfinished and resume it.
 */
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, parseJson, prepared, str, type SqlRow } from './statements';

export type StoredJobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface StoredJob {
  readonly id: string;
  readonly connectionId: number;
  readonly configId: string;
  readonly kind: string;
  readonly label: string;
  readonly state: StoredJobState;
  readonly params: unknown;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
}

function rowToJob(row: SqlRow): StoredJob {
  return {
    id: str(row, 'id'),
    connectionId: num(row, 'connection_id'),
    configId: str(row, 'config_id'),
    kind: str(row, 'kind'),
    label: str(row, 'label'),
    state: str(row, 'state') as StoredJobState,
    params: parseJson<unknown>(str(row, 'params_json'), null),
    total: num(row, 'total'),
    done: num(row, 'done'),
    failed: num(row, 'failed'),
    createdAt: num(row, 'created_at'),
    updatedAt: num(row, 'updated_at'),
    finishedAt: numOrNull(row, 'finished_at'),
  };
}

export interface NewJob {
  readonly id: string;
  readonly connectionId: number;
  readonly configId: string;
  readonly kind: string;
  readonly label: string;
  readonly params: unknown;
  readonly total: number;
}

export function insertJob(db: WriteDb, job: NewJob, now: number): StoredJob {
  const row = prepared(
    db,
    `INSERT INTO jobs (id, connection_id, config_id, kind, label, state, params_json, total, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?) RETURNING *`,
  ).get(job.id, job.connectionId, job.configId, job.kind, job.label, JSON.stringify(job.params), job.total, now, now) as SqlRow;
  return rowToJob(row);
}

export function updateJobProgress(db: WriteDb, id: string, done: number, failed: number, total: number, now: number): void {
  prepared(db, `UPDATE jobs SET done = ?, failed = ?, total = ?, updated_at = ? WHERE id = ?`).run(done, failed, total, now, id);
}

/**
 * A finished job's item that ended unknown (its answer lost) was later found applied: it is no longer a failure, and a
 * job left with none is a success. The row's `failed` counts failed and unknown items together.
 */
export function settleUnknownAsApplied(db: WriteDb, id: string, now: number): StoredJob | null {
  const row = prepared(
    db,
    `UPDATE jobs SET failed = failed - 1, updated_at = ?, state = CASE WHEN state = 'failed' AND failed = 1 THEN 'succeeded' ELSE state END
     WHERE id = ? AND failed > 0 RETURNING *`,
  ).get(now, id) as SqlRow | undefined;
  return row ? rowToJob(row) : null;
}

export function setJobState(db: WriteDb, id: string, state: StoredJobState, now: number): void {
  const finished = state === 'running' || state === 'interrupted' ? null : now;
  prepared(db, `UPDATE jobs SET state = ?, updated_at = ?, finished_at = ? WHERE id = ?`).run(state, now, finished, id);
}

/** At start: jobs still "running" were cut off by a crash or quit (no process runs them any more). */
export function markRunningJobsInterrupted(db: WriteDb, now: number): number {
  return prepared(db, `UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE state = 'running'`).run(now).changes;
}

export function getJob(db: ReadDb, id: string): StoredJob | null {
  const row = prepared(db, `SELECT * FROM jobs WHERE id = ?`).get(id) as SqlRow | undefined;
  return row ? rowToJob(row) : null;
}

export function listJobs(db: ReadDb, options: { limit: number; unfinishedOnly?: boolean }): StoredJob[] {
  const where = options.unfinishedOnly ? `WHERE state IN ('running', 'interrupted')` : '';
  return (prepared(db, `SELECT * FROM jobs ${where} ORDER BY created_at DESC, id LIMIT ?`).all(options.limit) as SqlRow[]).map(rowToJob);
}

/** Interrupted jobs of a kind on a connection that a new run takes over (a sync resumes from its own checkpoint). */
export function closeInterruptedJobs(db: WriteDb, configId: string, kind: string, now: number): number {
  return prepared(db, `UPDATE jobs SET state = 'cancelled', updated_at = ?, finished_at = ? WHERE config_id = ? AND kind = ? AND state = 'interrupted'`).run(
    now, now, configId, kind,
  ).changes;
}
