/**
 * v190: bonus ledgers — named lists of intended bonus payments, sent exactly once.
 * - bonus_ledgers: one ledger on one connection, with the hash of the file it came from (sending the same file again
 *   finds this ledger instead of making a second one) and the latest job paying it.
 * - bonus_ledger_rows: one intended payment per row. Its UniqueRequestToken is derived from (ledger, row); its state
 *   says whether MTurk paid it, refused it (with MTurk's message), or it was already paid before the ledger existed.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE bonus_ledgers (
      id TEXT PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      config_id TEXT NOT NULL,
      name TEXT NOT NULL,
      file_name TEXT NOT NULL,
      content_sha256 TEXT NOT NULL,
      send_job_id TEXT REFERENCES jobs (id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX bonus_ledgers_by_content ON bonus_ledgers (connection_id, content_sha256);

    CREATE TABLE bonus_ledger_rows (
      ledger_id TEXT NOT NULL REFERENCES bonus_ledgers (id),
      row_number INTEGER NOT NULL CHECK (row_number >= 1),
      worker_id TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
      reason TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('unsent', 'paid', 'failed', 'already-paid')),
      error TEXT,
      paid_at INTEGER,
      PRIMARY KEY (ledger_id, row_number)
    ) WITHOUT ROWID;
    CREATE INDEX bonus_ledger_rows_by_assignment ON bonus_ledger_rows (assignment_id, worker_id);
  `);
}
