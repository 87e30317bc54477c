/**
 * v270: what the Dashboard's spend, liabilities and auto-approval radar read of every approved or submitted
 * assignment, in one index ordered by HIT: counting them per HIT and day never touches the table or sorts.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE INDEX assignments_for_spend ON assignments (connection_id, status, hit_id, approval_time, submit_time, last_seen_at, auto_approval_time);
  `);
}
