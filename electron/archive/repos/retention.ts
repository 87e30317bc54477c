/**
 * Which HITs MTurk will dispose of soon. The 120 days' starting point is undocumented; we count from
 * the earlier of the HIT's Expiration and the first time the archive saw it Reviewable/Reviewing, which is never
 * later than either reading, so the warning comes early rather than late.
 */
import type { DisposalRisk } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { rowToHit } from './hits';
import { num, prepared, type SqlRow } from './statements';

export const DISPOSAL_AFTER_DAYS = 120;
const DAY_MS = 86_400_000;

// Candidates first, through indexes: disposal ≤ horizon means expiration or first-reviewable ≤ horizon − 120 days.
const DISPOSING_SQL = `
  WITH candidates AS (
    SELECT id FROM hits WHERE connection_id = @connectionId AND expiration <= @cutoff
    UNION
    SELECT hit_row_id FROM hit_status_history WHERE status IN ('Reviewable', 'Reviewing') AND seen_at <= @cutoff
  )
  SELECT * FROM (
    SELECT h.*,
      MIN(h.expiration, IFNULL(
        (SELECT MIN(s.seen_at) FROM hit_status_history s WHERE s.hit_row_id = h.id AND s.status IN ('Reviewable', 'Reviewing')),
        h.expiration)) + @retentionMs AS disposes_at,
      (SELECT COUNT(*) FROM assignments a WHERE a.connection_id = h.connection_id AND a.hit_id = h.hit_id) AS archived_assignments
    FROM candidates JOIN hits h ON h.id = candidates.id
    WHERE h.connection_id = @connectionId AND h.remotely_disposed_at IS NULL AND h.status IS NOT 'Disposed'
  )
  WHERE disposes_at <= @horizon
  ORDER BY disposes_at, id`;

/** HITs (not yet gone) whose disposal falls before now + days, soonest first, including overdue ones. */
export function hitsDisposingWithin(db: ReadDb, connectionId: number, now: number, days: number): DisposalRisk[] {
  const rows = prepared(db, DISPOSING_SQL).all({
    connectionId,
    retentionMs: DISPOSAL_AFTER_DAYS * DAY_MS,
    horizon: now + days * DAY_MS,
    cutoff: now + days * DAY_MS - DISPOSAL_AFTER_DAYS * DAY_MS,
  }) as SqlRow[];
  return rows.map((row) => {
    const hit = rowToHit(row);
    const archivedAssignments = num(row, 'archived_assignments');
    return {
      hit,
      disposesAt: num(row, 'disposes_at'),
      archivedAssignments,
      resultsArchived: archivedAssignments >= (hit.assignmentsCompleted ?? 0),
    };
  });
}
