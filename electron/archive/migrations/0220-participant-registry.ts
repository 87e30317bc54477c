/**
 * v220: the participant registry and exclusion rules. A study's participants (worker ids) are kept apart from any
 * account, so a lab carries them across accounts (export and import); a rule marks a batch or HIT type whose
 * submitters are granted a hidden exclusion qualification after every sync.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE study_participants (
      study TEXT NOT NULL,
      worker_id TEXT NOT NULL,
      source TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (study, worker_id)
    ) WITHOUT ROWID;

    CREATE TABLE exclusion_rules (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      source_kind TEXT NOT NULL CHECK (source_kind IN ('batch', 'hit-type')),
      source_id TEXT NOT NULL,
      into_type_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (connection_id, source_kind, source_id, into_type_id)
    ) WITHOUT ROWID;
  `);
}
