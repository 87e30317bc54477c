/**
 * v120: what the actions engine needs.
 * - connection_links: which archive account an app connection's data lives under, so the archive opens without keys
 *   (the account is identified by a hash of its access key id, which is unknown until the keys are read).
 * - jobs: every long piece of work (a bulk action, a sync) with its progress, so a crash or quit leaves a record to resume.
 * - operations_journal gains the job it belongs to and the object it acts on, for resuming and for the audit view.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE connection_links (
      config_id TEXT PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      linked_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      config_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      label TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
      params_json TEXT NOT NULL,
      total INTEGER NOT NULL CHECK (total >= 0),
      done INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX jobs_by_time ON jobs (created_at);
    CREATE INDEX jobs_unfinished ON jobs (connection_id) WHERE state IN ('running', 'interrupted');

    ALTER TABLE operations_journal ADD COLUMN job_id TEXT REFERENCES jobs (id);
    ALTER TABLE operations_journal ADD COLUMN target TEXT;
    CREATE INDEX operations_journal_by_job ON operations_journal (job_id, target) WHERE job_id IS NOT NULL;
    CREATE INDEX operations_journal_by_time ON operations_journal (created_at);
  `);
}
