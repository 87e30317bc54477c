/**
 * v90: each sync run records whether it was full or incremental. Incremental syncs cannot see every change
 * (a bonus on an otherwise unchanged HIT), so the app schedules a full one when the last is too old — which
 * it can only know if the log says which runs were full. Runs logged before v90 have no mode (NULL).
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`ALTER TABLE sync_log ADD COLUMN mode TEXT CHECK (mode IN ('full', 'incremental'))`);
}
