/**
 * What the archive knows about the HITs of a batch and their assignments, for its progress figures: the archived HIT
 * behind each (row, part) of a launched batch, the HITs carrying a batch tag, and the assignments of a set of HITs.
 */
import type { AssignmentFacts, HitFacts } from '../../../shared/batch/progress';
import type { ReadDb } from '../db-types';
import { num, numOrNull, prepared, str, strOrNull, type SqlRow } from './statements';

/** An archived HIT as a batch's figures need it. */
export interface ArchivedBatchHit {
  readonly hitId: string;
  readonly title: string;
  readonly status: string | null;
  readonly rewardCents: number;
  readonly maxAssignments: number;
  readonly expiresAt: number;
  readonly createdAt: number;
  readonly requesterAnnotation: string | null;
  readonly qualificationRequirements: string;
}

export interface ArchivedAssignment {
  readonly hitId: string;
  readonly status: 'Submitted' | 'Approved' | 'Rejected';
  readonly acceptedAt: number | null;
  readonly submittedAt: number | null;
}

const HIT_COLUMNS = `hit_id, title, status, reward_cents, max_assignments, expiration, creation_time, requester_annotation, qualification_requirements`;

const rowToHit = (row: SqlRow): ArchivedBatchHit => ({
  hitId: str(row, 'hit_id'),
  title: str(row, 'title'),
  status: strOrNull(row, 'status'),
  rewardCents: num(row, 'reward_cents'),
  maxAssignments: num(row, 'max_assignments'),
  expiresAt: num(row, 'expiration'),
  createdAt: num(row, 'creation_time'),
  requesterAnnotation: strOrNull(row, 'requester_annotation'),
  qualificationRequirements: str(row, 'qualification_requirements'),
});

/** The archived HITs with these ids on one archive account. */
export function archivedHits(db: ReadDb, connectionId: number, hitIds: readonly string[]): ArchivedBatchHit[] {
  if (hitIds.length === 0) return [];
  const rows = prepared(db, `SELECT ${HIT_COLUMNS} FROM hits WHERE connection_id = ? AND hit_id IN (SELECT value FROM json_each(?))`).all(connectionId, JSON.stringify(hitIds)) as SqlRow[];
  return rows.map(rowToHit);
}

/** The partial index `hits_batch_tagged` is used only by a query repeating its condition exactly. */
export const TAGGED_CONDITION = `requester_annotation LIKE '%tb:%:r%'`;
export const TAGGED_HITS_SQL = `SELECT ${HIT_COLUMNS} FROM hits WHERE connection_id = ? AND ${TAGGED_CONDITION} AND requester_annotation LIKE ?
  AND NOT EXISTS (SELECT 1 FROM batch_hits bh WHERE bh.hit_id = hits.hit_id) ORDER BY creation_time`;

/**
 * HITs whose annotation carries a batch tag (`tb:<batch>:r<row>`), optionally of one batch, that no recorded batch
 * HIT is: the candidates for batches found on MTurk. The tag is matched loosely here; the caller reads it exactly.
 */
export function taggedHits(db: ReadDb, connectionId: number, batchId?: string): ArchivedBatchHit[] {
  const pattern = batchId === undefined ? '%' : `%tb:${batchId}:r%`;
  return (prepared(db, TAGGED_HITS_SQL).all(connectionId, pattern) as SqlRow[]).map(rowToHit);
}

/** Every batch id with a row on this account (launched by Turkbench here). */
export function launchedBatchIds(db: ReadDb, connectionId: number): Set<string> {
  return new Set((prepared(db, `SELECT id FROM batches WHERE connection_id = ?`).all(connectionId) as SqlRow[]).map((r) => str(r, 'id')));
}

export function assignmentsOfHits(db: ReadDb, connectionId: number, hitIds: readonly string[]): ArchivedAssignment[] {
  if (hitIds.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT hit_id, status, accept_time, submit_time FROM assignments WHERE connection_id = ? AND hit_id IN (SELECT value FROM json_each(?))`,
  ).all(connectionId, JSON.stringify(hitIds)) as SqlRow[];
  return rows.map((row) => ({
    hitId: str(row, 'hit_id'),
    status: str(row, 'status') as ArchivedAssignment['status'],
    acceptedAt: numOrNull(row, 'accept_time'),
    submittedAt: numOrNull(row, 'submit_time'),
  }));
}

/**
 * What the figures of a launched batch need, read in two joins without its inputs: per HIT it wants, whether it was
 * created and its archived state; per assignment of those HITs, its times and its HIT's reward and size.
 */
export function launchedBatchFacts(db: ReadDb, connectionId: number, batchId: string): { hits: HitFacts[]; assignments: AssignmentFacts[] } {
  const hits = (
    prepared(
      db,
      `SELECT COALESCE(h.max_assignments, bh.max_assignments) AS max_assignments, bh.hit_id IS NOT NULL AS created, h.expiration, h.status FROM batch_hits bh
        LEFT JOIN hits h ON h.connection_id = ? AND h.hit_id = bh.hit_id WHERE bh.batch_id = ?`,
    ).all(connectionId, batchId) as SqlRow[]
  ).map((row) => ({ created: num(row, 'created') === 1, maxAssignments: num(row, 'max_assignments'), expiresAt: numOrNull(row, 'expiration'), status: strOrNull(row, 'status') }));
  const assignments = (
    prepared(
      db,
      // CROSS JOIN keeps this order (the batch's HITs, then theirs): left to itself the planner may walk every
      // assignment of the account instead.
      `SELECT a.status, a.accept_time, a.submit_time, h.reward_cents, h.max_assignments FROM batch_hits bh
        CROSS JOIN hits h ON h.connection_id = ? AND h.hit_id = bh.hit_id
        CROSS JOIN assignments a ON a.connection_id = h.connection_id AND a.hit_id = h.hit_id
       WHERE bh.batch_id = ?`,
    ).all(connectionId, batchId) as SqlRow[]
  ).map((row) => ({
    status: str(row, 'status') as AssignmentFacts['status'],
    acceptedAt: numOrNull(row, 'accept_time'),
    submittedAt: numOrNull(row, 'submit_time'),
    rewardCents: num(row, 'reward_cents'),
    hitMaxAssignments: num(row, 'max_assignments'),
  }));
  return { hits, assignments };
}
