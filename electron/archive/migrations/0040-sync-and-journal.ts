/** v40: sync checkpoints and run log; the operations journal (intent before a paid call, outcome after). */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE sync_state (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      resource TEXT NOT NULL,
      checkpoint_json TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
      started_at INTEGER,
      finished_at INTEGER,
      items INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (connection_id, resource)
    ) WITHOUT ROWID;

    CREATE TABLE sync_log (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      resource TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
      items INTEGER NOT NULL DEFAULT 0,
      pages INTEGER NOT NULL DEFAULT 0,
      errors INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    );
    CREATE INDEX sync_log_by_time ON sync_log (connection_id, started_at);

    CREATE TABLE operations_journal (
      id INTEGER PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      kind TEXT NOT NULL,
      idempotency_token TEXT NOT NULL,
      request_json TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'confirmed', 'failed', 'unknown')),
      outcome_json TEXT,
      cost_cents INTEGER CHECK (cost_cents >= 0),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (connection_id, idempotency_token)
    );
    -- Small: only what a restart must resume or reconcile.
    CREATE INDEX operations_journal_unfinished ON operations_journal (connection_id, created_at)
      WHERE state IN ('pending', 'sent', 'unknown');
  `);
}
