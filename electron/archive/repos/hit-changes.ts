/**
 * What a confirmed Turkbench action changes on an archived HIT, written at once so views need not wait for a sync.
 * Each sets last_seen_at: the archive knows the HIT's state as of now (the status trigger records the history).
 */
import type { HitStatus } from '../../../shared/domain/archive-types';
import type { WriteDb } from '../db-types';
import { prepared } from './statements';

/**
 * A new expiration; a past one expires the HIT as MTurk does (no slots left; Reviewable once nothing is pending). A
 * future one on a HIT an expiry emptied reopens what is not yet taken or done, as MTurk does on an extension.
 */
export function setHitExpiration(db: WriteDb, connectionId: number, hitId: string, expiration: number, now: number): void {
  const reopened = `MAX(0, max_assignments - IFNULL(assignments_pending, 0) - IFNULL(assignments_completed, 0))`;
  prepared(
    db,
    `UPDATE hits SET expiration = ?, last_seen_at = ?,
       assignments_available = CASE WHEN ? <= ? THEN 0 WHEN IFNULL(assignments_available, 0) = 0 THEN ${reopened} ELSE assignments_available END,
       status = CASE
         WHEN status NOT IN ('Assignable', 'Unassignable', 'Reviewable') THEN status
         WHEN ? <= ? THEN (CASE WHEN IFNULL(assignments_pending, 0) > 0 THEN 'Unassignable' ELSE 'Reviewable' END)
         WHEN IFNULL(assignments_available, 0) > 0 OR ${reopened} > 0 THEN 'Assignable'
         ELSE status END
     WHERE connection_id = ? AND hit_id = ?`,
  ).run(expiration, now, expiration, now, expiration, now, connectionId, hitId);
}

export function addHitAssignments(db: WriteDb, connectionId: number, hitId: string, count: number, now: number): void {
  prepared(
    db,
    `UPDATE hits SET max_assignments = max_assignments + ?, assignments_available = IFNULL(assignments_available, 0) + ?, last_seen_at = ?,
       status = CASE WHEN status IN ('Unassignable', 'Reviewable') AND expiration > ? THEN 'Assignable' ELSE status END
     WHERE connection_id = ? AND hit_id = ?`,
  ).run(count, count, now, now, connectionId, hitId);
}

export function setHitStatus(db: WriteDb, connectionId: number, hitId: string, status: HitStatus, now: number): void {
  prepared(db, `UPDATE hits SET status = ?, last_seen_at = ? WHERE connection_id = ? AND hit_id = ?`).run(status, now, connectionId, hitId);
}

// Named parameters: better-sqlite3 binds numbered ones (?1) only by name, so a plain list of values would fail.
const fromType = (column: string): string =>
  `${column} = COALESCE((SELECT ${column} FROM hit_types WHERE connection_id = @connectionId AND hit_type_id = @hitTypeId), ${column})`;
const SET_HIT_TYPE = `UPDATE hits SET hit_type_id = @hitTypeId, last_seen_at = @now,
    ${['title', 'description', 'keywords', 'reward_cents', 'assignment_duration_s', 'auto_approval_delay_s', 'qualification_requirements'].map(fromType).join(',\n    ')}
  WHERE connection_id = @connectionId AND hit_id = @hitId`;

/** The HIT takes the new type's properties, when that type is archived; otherwise only its id (a sync fills the rest). */
export function setHitType(db: WriteDb, connectionId: number, hitId: string, hitTypeId: string, now: number): void {
  prepared(db, SET_HIT_TYPE).run({ hitTypeId, now, connectionId, hitId });
}

/** Deleted on MTurk: kept here for good, flagged as gone. */
export function markHitDeleted(db: WriteDb, connectionId: number, hitId: string, now: number): void {
  prepared(
    db,
    `UPDATE hits SET status = 'Disposed', last_seen_at = ?, remotely_disposed_at = COALESCE(remotely_disposed_at, ?) WHERE connection_id = ? AND hit_id = ?`,
  ).run(now, now, connectionId, hitId);
}
