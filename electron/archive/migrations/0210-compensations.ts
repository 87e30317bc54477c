/**
 * v210: compensations — a one-off HIT only the named workers can see (a private qualification granted to them), paying
 * workers who could not submit elsewhere. Each worker's assignment and payment is tracked until every one is paid.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE compensations (
      id TEXT PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      config_id TEXT NOT NULL,
      amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
      reason TEXT NOT NULL,
      message TEXT,
      qualification_type_id TEXT,
      hit_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX compensations_by_connection ON compensations (connection_id, created_at);

    CREATE TABLE compensation_workers (
      compensation_id TEXT NOT NULL REFERENCES compensations (id),
      worker_id TEXT NOT NULL,
      assignment_id TEXT,
      paid_at INTEGER,
      PRIMARY KEY (compensation_id, worker_id)
    ) WITHOUT ROWID;
  `);
}
