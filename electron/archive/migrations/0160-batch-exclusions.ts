/**
 * v160, for running a batch after its launch:
 * - exclusion_type_id: the hidden exclusion qualification type of a micro-batched batch, granted to every worker who
 *   submits one of its assignments and required absent (hidden from discovery) by its HIT type, so nobody works a row
 *   twice;
 * - paused_at: set while the requester has the batch paused (its HITs expired), so no later sub-HIT is published.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    ALTER TABLE batches ADD COLUMN exclusion_type_id TEXT;
    ALTER TABLE batches ADD COLUMN paused_at INTEGER;
  `);
}
