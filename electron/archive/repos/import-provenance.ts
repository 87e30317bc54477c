/**
 * What an import must not contradict: archived HITs and assignments that MTurk itself reported (by sync).
 *
 * The archive keeps no source column; what MTurk reported is recognisable by what only MTurk sends. A HIT from
 * MTurk always has a HITStatus (the website CSV has no such column, and its import leaves `status` NULL). An
 * assignment from MTurk always has its Answer document or a Deadline (the CSV has neither, so its import leaves
 * `answer_xml` empty and `deadline` NULL). Upserts never erase either, so once synced a row stays recognisable.
 * A HIT type counts as MTurk's when a HIT of it does (MTurk has no ListHITTypes: types are known through HITs).
 */
import type { Assignment, Hit, HitType } from '../../../shared/domain/archive-types';
import type { ReadDb } from '../db-types';
import { rowToAssignment } from './assignments';
import { rowToHit, rowToHitType } from './hits';
import { prepared, type SqlRow } from './statements';

/** Ids per query: one statement over a JSON array instead of one lookup per row. */
const BATCH = 2_000;

function inBatches<T>(ids: readonly string[], query: (json: string) => T[]): T[] {
  const out: T[] = [];
  for (let at = 0; at < ids.length; at += BATCH) out.push(...query(JSON.stringify(ids.slice(at, at + BATCH))));
  return out;
}

/** Archived HITs among `hitIds` that came from MTurk, by HIT id. */
export function syncedHitsAmong(db: ReadDb, connectionId: number, hitIds: readonly string[]): Map<string, Hit> {
  const statement = prepared(
    db,
    `SELECT * FROM hits WHERE connection_id = ? AND status IS NOT NULL AND hit_id IN (SELECT value FROM json_each(?))`,
  );
  const hits = inBatches(hitIds, (json) => (statement.all(connectionId, json) as SqlRow[]).map(rowToHit));
  return new Map(hits.map((hit) => [hit.hitId, hit]));
}

/** Archived assignments among `assignmentIds` that came from MTurk, by assignment id. */
export function syncedAssignmentsAmong(db: ReadDb, connectionId: number, assignmentIds: readonly string[]): Map<string, Assignment> {
  const statement = prepared(
    db,
    `SELECT * FROM assignments WHERE connection_id = ? AND (answer_xml <> '' OR deadline IS NOT NULL)
       AND assignment_id IN (SELECT value FROM json_each(?))`,
  );
  const assignments = inBatches(assignmentIds, (json) => (statement.all(connectionId, json) as SqlRow[]).map(rowToAssignment));
  return new Map(assignments.map((a) => [a.assignmentId, a]));
}

/** Archived HIT types among `hitTypeIds` that a HIT from MTurk belongs to, by HIT type id. */
export function syncedHitTypesAmong(db: ReadDb, connectionId: number, hitTypeIds: readonly string[]): Map<string, HitType> {
  const statement = prepared(
    db,
    `SELECT * FROM hit_types t WHERE t.connection_id = ? AND t.hit_type_id IN (SELECT value FROM json_each(?))
       AND EXISTS (SELECT 1 FROM hits h WHERE h.connection_id = t.connection_id AND h.hit_type_id = t.hit_type_id AND h.status IS NOT NULL)`,
  );
  const types = inBatches(hitTypeIds, (json) => (statement.all(connectionId, json) as SqlRow[]).map(rowToHitType));
  return new Map(types.map((type) => [type.hitTypeId, type]));
}
