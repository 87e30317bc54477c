/**
 * v160: the review queue. Draft verdicts the requester has marked but not sent (one per assignment), and indexes
 * that serve the queue in auto-approval order (per status, and across all): the deadline after which MTurk approves
 * on its own.
 */
import type { WriteDb } from '../db-types';

export function up(db: WriteDb): void {
  db.exec(`
    CREATE TABLE review_drafts (
      connection_id INTEGER NOT NULL REFERENCES connections (id),
      assignment_id TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('approve', 'reject')),
      feedback TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (connection_id, assignment_id)
    ) WITHOUT ROWID;
    CREATE INDEX assignments_by_auto_approval ON assignments (connection_id, status, auto_approval_time);
    CREATE INDEX assignments_by_auto_approval_any ON assignments (connection_id, auto_approval_time);
    -- Reviewing one batch: its HIT type's submitted work, soonest deadline first.
    CREATE INDEX assignments_by_type_auto_approval ON assignments (connection_id, hit_type_id, status, auto_approval_time);
  `);
}
