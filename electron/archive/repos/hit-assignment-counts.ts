import type { ReadDb } from '../db-types';
import { prepared } from './statements';

export interface ArchivedAssignmentCounts {
  readonly submitted: number;
  /** Approved or Rejected. */
  readonly reviewed: number;
}

/** What the archive holds of a HIT's assignments, to tell whether deleting it on MTurk would lose anything. */
export function archivedAssignmentCounts(db: ReadDb, connectionId: number, hitId: string): ArchivedAssignmentCounts {
  const row = prepared(
    db,
    `SELECT COALESCE(SUM(status = 'Submitted'), 0) AS submitted, COALESCE(SUM(status IN ('Approved', 'Rejected')), 0) AS reviewed
     FROM assignments WHERE connection_id = ? AND hit_id = ?`,
  ).get(connectionId, hitId) as ArchivedAssignmentCounts;
  return row;
}
