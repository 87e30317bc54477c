/**
 * v150: batches launched from a batch folder.
 * - batches: one launch of a folder on one connection — its properties, question template and input columns as
 *   launched (the folder may change afterwards), the HIT type made for it, the job creating its HITs, and its state.
 * - batch_hits: one row per HIT the batch wants (a row, or a sub-HIT of a micro-batched row) with the input values
 *   it was built from and, once created, its HIT id. The deterministic UniqueRequestToken and RequesterAnnotation of
 *   each are derived from (batch, row, part), so a relaunch finds what exists instead of creating it again.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE batches (
      id TEXT PRIMARY KEY,
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      config_id TEXT NOT NULL,
      name TEXT NOT NULL,
      folder TEXT NOT NULL,
      properties_json TEXT NOT NULL,
      question_kind TEXT NOT NULL CHECK (question_kind IN ('html', 'question-form', 'external')),
      template TEXT NOT NULL,
      input_columns_json TEXT NOT NULL,
      hit_type_id TEXT,
      launch_job_id TEXT REFERENCES jobs (id),
      state TEXT NOT NULL CHECK (state IN ('launching', 'launched', 'cancelled')),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX batches_by_folder ON batches (folder, connection_id);

    CREATE TABLE batch_hits (
      batch_id TEXT NOT NULL REFERENCES batches (id),
      row_number INTEGER NOT NULL CHECK (row_number >= 1),
      part INTEGER NOT NULL CHECK (part >= 0),
      max_assignments INTEGER NOT NULL CHECK (max_assignments >= 1),
      input_json TEXT NOT NULL,
      hit_id TEXT,
      PRIMARY KEY (batch_id, row_number, part)
    ) WITHOUT ROWID;
    CREATE INDEX batch_hits_by_hit ON batch_hits (hit_id) WHERE hit_id IS NOT NULL;
  `);
}
