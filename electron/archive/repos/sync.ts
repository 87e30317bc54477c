/** Sync bookkeeping: a resumable checkpoint per connection + resource, and a log row per run. */
import { SYNC_PROBLEMS_SHOWN, type SyncProblem, type SyncRun, type SyncState, type SyncStatus } from '../../../shared/domain/archive-types';
import { redact } from '../../logging/redact';
import type { ReadDb, WriteDb } from '../db-types';
import { num, numOrNull, parseJson, prepared, str, strOrNull, type SqlRow } from './statements';

function rowToSyncState(row: SqlRow): SyncState {
  return {
    connectionId: num(row, 'connection_id'),
    resource: str(row, 'resource'),
    checkpoint: parseJson<unknown>(strOrNull(row, 'checkpoint_json'), null),
    status: str(row, 'status') as SyncStatus,
    startedAt: numOrNull(row, 'started_at'),
    finishedAt: numOrNull(row, 'finished_at'),
    items: num(row, 'items'),
  };
}

function rowToSyncRun(row: SqlRow, problems: readonly SyncProblem[] = []): SyncRun {
  return {
    id: num(row, 'id'),
    connectionId: num(row, 'connection_id'),
    resource: str(row, 'resource'),
    startedAt: num(row, 'started_at'),
    finishedAt: numOrNull(row, 'finished_at'),
    status: str(row, 'status') as SyncStatus,
    items: num(row, 'items'),
    pages: num(row, 'pages'),
    errors: num(row, 'errors'),
    lastError: strOrNull(row, 'last_error'),
    mode: strOrNull(row, 'mode') as SyncRun['mode'],
    skipped: num(row, 'skipped'),
    problems,
  };
}

const rowToProblem = (row: SqlRow): SyncProblem => ({
  objectKind: str(row, 'object_kind'),
  objectId: str(row, 'object_id'),
  problem: str(row, 'problem'),
  skipped: num(row, 'skipped') === 1,
});

/** Opens a run; the checkpoint of an unfinished earlier run is kept so the sync can resume from it. */
export function startSyncRun(db: WriteDb, connectionId: number, resource: string, now: number, mode: SyncRun['mode'] = null): SyncRun {
  return db.transaction(() => {
    const row = prepared(
      db,
      `INSERT INTO sync_log (connection_id, resource, started_at, status, mode) VALUES (?, ?, ?, 'running', ?) RETURNING *`,
    ).get(connectionId, resource, now, mode) as SqlRow;
    prepared(
      db,
      `INSERT INTO sync_state (connection_id, resource, status, started_at, items) VALUES (?, ?, 'running', ?, 0)
       ON CONFLICT (connection_id, resource) DO UPDATE SET status = 'running', started_at = excluded.started_at,
         finished_at = NULL, items = 0`,
    ).run(connectionId, resource, now);
    return rowToSyncRun(row);
  })();
}

/** Call in the same transaction as the page's upserts, so the checkpoint never runs ahead of the data. */
export function recordSyncPage(db: WriteDb, runId: number, page: { items: number; checkpoint: unknown }): void {
  const run = prepared(db, `UPDATE sync_log SET items = items + ?, pages = pages + 1 WHERE id = ? RETURNING connection_id, resource`).get(
    page.items,
    runId,
  ) as SqlRow | undefined;
  if (!run) throw new Error(`Sync run ${runId} does not exist`);
  prepared(db, `UPDATE sync_state SET checkpoint_json = ?, items = items + ? WHERE connection_id = ? AND resource = ?`).run(
    JSON.stringify(page.checkpoint),
    page.items,
    run.connection_id,
    run.resource,
  );
}

/** Redacted here, where it is stored: an endpoint that echoes request headers puts key ids and signatures in errors. */
export function recordSyncError(db: WriteDb, runId: number, message: string): void {
  prepared(db, `UPDATE sync_log SET errors = errors + 1, last_error = ? WHERE id = ?`).run(redact(message), runId);
}

/**
 * Runs still `running` when the app starts were cut short by a kill or crash (a live run is never left behind by
 * a clean stop): marks them `interrupted`, keeping their checkpoint so the next sync resumes. Returns how many.
 */
export function markInterruptedRuns(db: WriteDb): number {
  return db.transaction(() => {
    prepared(db, `UPDATE sync_state SET status = 'interrupted' WHERE status = 'running'`).run();
    return prepared(db, `UPDATE sync_log SET status = 'interrupted' WHERE status = 'running'`).run().changes;
  })();
}

/** A record the run could not archive as sent; `skipped` ones also count in the run's `skipped`. Redacted like errors. */
export function recordSyncProblem(db: WriteDb, runId: number, problem: SyncProblem, now: number): void {
  prepared(db, `INSERT INTO sync_problems (run_id, object_kind, object_id, problem, seen_at, skipped) VALUES (?, ?, ?, ?, ?, ?)`).run(
    runId,
    problem.objectKind,
    problem.objectId,
    redact(problem.problem),
    now,
    problem.skipped ? 1 : 0,
  );
  if (problem.skipped) prepared(db, `UPDATE sync_log SET skipped = skipped + 1 WHERE id = ?`).run(runId);
}

export function listSyncProblems(db: ReadDb, runId: number, limit = SYNC_PROBLEMS_SHOWN): SyncProblem[] {
  const rows = prepared(db, `SELECT * FROM sync_problems WHERE run_id = ? ORDER BY id LIMIT ?`).all(runId, limit) as SqlRow[];
  return rows.map(rowToProblem);
}

/**
 * A succeeded run clears the checkpoint (the next run starts from the top); a failed one keeps it for resuming.
 * `totals` are the run's final counts (what it archived, the API pages it fetched), replacing the running ones.
 */
export function finishSyncRun(
  db: WriteDb,
  runId: number,
  status: Exclude<SyncStatus, 'running' | 'interrupted'>,
  now: number,
  totals?: { readonly items: number; readonly pages: number },
): void {
  db.transaction(() => {
    const run = prepared(
      db,
      `UPDATE sync_log SET status = ?, finished_at = ?, items = COALESCE(?, items), pages = COALESCE(?, pages)
       WHERE id = ? RETURNING connection_id, resource, items`,
    ).get(status, now, totals?.items ?? null, totals?.pages ?? null, runId) as SqlRow | undefined;
    if (!run) throw new Error(`Sync run ${runId} does not exist`);
    prepared(
      db,
      `UPDATE sync_state SET status = ?, finished_at = ?, items = ?,
         checkpoint_json = CASE WHEN ? = 'succeeded' THEN NULL ELSE checkpoint_json END
       WHERE connection_id = ? AND resource = ?`,
    ).run(status, now, run.items, status, run.connection_id, run.resource);
  })();
}

export function getSyncState(db: ReadDb, connectionId: number, resource: string): SyncState | null {
  const row = prepared(db, `SELECT * FROM sync_state WHERE connection_id = ? AND resource = ?`).get(connectionId, resource) as
    | SqlRow
    | undefined;
  return row ? rowToSyncState(row) : null;
}

/** When the last full sync of this resource that succeeded started, or null if there was none. */
export function lastFullSyncStart(db: ReadDb, connectionId: number, resource: string): number | null {
  const row = prepared(
    db,
    `SELECT MAX(started_at) AS at FROM sync_log WHERE connection_id = ? AND resource = ? AND mode = 'full' AND status = 'succeeded'`,
  ).get(connectionId, resource) as { at: number | null };
  return row.at;
}

export function listSyncRuns(db: ReadDb, connectionId: number, limit = 50): SyncRun[] {
  const rows = prepared(db, `SELECT *, EXISTS (SELECT 1 FROM sync_problems p WHERE p.run_id = sync_log.id) AS problem_count
     FROM sync_log WHERE connection_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`).all(
    connectionId,
    limit,
  ) as SqlRow[];
  return rows.map((row) => rowToSyncRun(row, num(row, 'problem_count') > 0 ? listSyncProblems(db, num(row, 'id')) : []));
}
