/**
 * v100: what a sync could not archive, and runs that never finished.
 * - `interrupted`: a run the app was killed during stays `running` forever otherwise; it is marked at the next start.
 *   SQLite cannot change a CHECK constraint in place, so sync_log and sync_state are rebuilt (both are small).
 * - `sync_problems`: a record MTurk sent that the archive refused (a HIT whose CreationTime is not a time), or an
 *   answer kept raw because it is not readable XML; named by object id with the reason, per run.
 * - `assignments.answers_problem`: why an assignment's answer XML could not be read (its raw XML is kept).
 */
import type { WriteDb } from '../db-types';

const STATUSES = `'running', 'succeeded', 'failed', 'cancelled', 'interrupted'`;

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE sync_log_v100 (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      resource TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      status TEXT NOT NULL CHECK (status IN (${STATUSES})),
      items INTEGER NOT NULL DEFAULT 0,
      pages INTEGER NOT NULL DEFAULT 0,
      errors INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      mode TEXT CHECK (mode IN ('full', 'incremental')),
      skipped INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO sync_log_v100 (id, connection_id, resource, started_at, finished_at, status, items, pages, errors, last_error, mode)
      SELECT id, connection_id, resource, started_at, finished_at, status, items, pages, errors, last_error, mode FROM sync_log;
    DROP TABLE sync_log;
    ALTER TABLE sync_log_v100 RENAME TO sync_log;
    CREATE INDEX sync_log_by_time ON sync_log (connection_id, started_at);

    CREATE TABLE sync_state_v100 (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      resource TEXT NOT NULL,
      checkpoint_json TEXT,
      status TEXT NOT NULL CHECK (status IN (${STATUSES})),
      started_at INTEGER,
      finished_at INTEGER,
      items INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (connection_id, resource)
    ) WITHOUT ROWID;
    INSERT INTO sync_state_v100 SELECT connection_id, resource, checkpoint_json, status, started_at, finished_at, items FROM sync_state;
    DROP TABLE sync_state;
    ALTER TABLE sync_state_v100 RENAME TO sync_state;

    CREATE TABLE sync_problems (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES sync_log (id),
      object_kind TEXT NOT NULL,
      object_id TEXT NOT NULL,
      problem TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      skipped INTEGER NOT NULL CHECK (skipped IN (0, 1))
    );
    CREATE INDEX sync_problems_by_run ON sync_problems (run_id, id);

    ALTER TABLE assignments ADD COLUMN answers_problem TEXT;
  `);
}
