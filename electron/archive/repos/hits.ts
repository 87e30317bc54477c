/** HITs and HIT types: batch upserts (never deleting) and single reads. */
import type {
  Hit,
  HitReviewStatus,
  HitStatus,
  HitType,
  Provenance,
  QualificationRequirement,
} from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { multiRowSql, num, numOrNull, parseJson, prepared, str, strOrNull, writeEach, writeInStatements, type SqlRow } from './statements';

/**
 * What a source (an MTurk response, a CSV row) says about a HIT; the archive adds provenance.
 * `qualificationRequirements: null` means "this source does not say" (the website CSV), not "none".
 */
export type HitRecord = Omit<Hit, keyof Provenance | 'qualificationRequirements'> & {
  readonly qualificationRequirements: readonly QualificationRequirement[] | null;
};
export type HitTypeRecord = Omit<HitType, keyof Provenance | 'qualificationRequirements'> & {
  readonly qualificationRequirements: readonly QualificationRequirement[] | null;
};

function provenance(row: SqlRow, goneColumn: string): Provenance {
  return {
    connectionId: num(row, 'connection_id'),
    firstSeenAt: num(row, 'first_seen_at'),
    lastSeenAt: num(row, 'last_seen_at'),
    goneAt: numOrNull(row, goneColumn),
  };
}

export function rowToHit(row: SqlRow): Hit {
  return {
    ...provenance(row, 'remotely_disposed_at'),
    hitId: str(row, 'hit_id'),
    hitTypeId: str(row, 'hit_type_id'),
    hitGroupId: strOrNull(row, 'hit_group_id'),
    hitLayoutId: strOrNull(row, 'hit_layout_id'),
    title: str(row, 'title'),
    description: str(row, 'description'),
    keywords: strOrNull(row, 'keywords'),
    question: strOrNull(row, 'question'),
    rewardCents: num(row, 'reward_cents'),
    maxAssignments: num(row, 'max_assignments'),
    assignmentDurationSeconds: num(row, 'assignment_duration_s'),
    autoApprovalDelaySeconds: num(row, 'auto_approval_delay_s'),
    requesterAnnotation: strOrNull(row, 'requester_annotation'),
    qualificationRequirements: parseJson<QualificationRequirement[]>(strOrNull(row, 'qualification_requirements'), []),
    status: strOrNull(row, 'status') as HitStatus | null,
    reviewStatus: strOrNull(row, 'review_status') as HitReviewStatus | null,
    assignmentsPending: numOrNull(row, 'assignments_pending'),
    assignmentsAvailable: numOrNull(row, 'assignments_available'),
    assignmentsCompleted: numOrNull(row, 'assignments_completed'),
    creationTime: num(row, 'creation_time'),
    expiration: num(row, 'expiration'),
  };
}

export function rowToHitType(row: SqlRow): HitType {
  return {
    ...provenance(row, 'remotely_removed_at'),
    hitTypeId: str(row, 'hit_type_id'),
    title: str(row, 'title'),
    description: str(row, 'description'),
    keywords: strOrNull(row, 'keywords'),
    rewardCents: num(row, 'reward_cents'),
    assignmentDurationSeconds: num(row, 'assignment_duration_s'),
    autoApprovalDelaySeconds: num(row, 'auto_approval_delay_s'),
    qualificationRequirements: parseJson<QualificationRequirement[]>(strOrNull(row, 'qualification_requirements'), []),
  };
}

const UPSERT_HIT_TYPE = `
  INSERT INTO hit_types (connection_id, hit_type_id, title, description, keywords, reward_cents,
    assignment_duration_s, auto_approval_delay_s, qualification_requirements, first_seen_at, last_seen_at)
  VALUES (@connectionId, @hitTypeId, @title, @description, @keywords, @rewardCents,
    @assignmentDurationSeconds, @autoApprovalDelaySeconds, COALESCE(@qualificationRequirements, '[]'), @seenAt, @seenAt)
  ON CONFLICT (connection_id, hit_type_id) DO UPDATE SET
    title = excluded.title, description = excluded.description, keywords = excluded.keywords,
    reward_cents = excluded.reward_cents, assignment_duration_s = excluded.assignment_duration_s,
    auto_approval_delay_s = excluded.auto_approval_delay_s,
    qualification_requirements = COALESCE(@qualificationRequirements, qualification_requirements),
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_removed_at = NULL`;

// Columns a partial source (a website CSV) may not know are kept when the new value is NULL.
const HIT_COLUMNS = `connection_id, hit_id, hit_type_id, hit_group_id, hit_layout_id, title, description, keywords,
    question, reward_cents, max_assignments, assignment_duration_s, auto_approval_delay_s, requester_annotation,
    qualification_requirements, status, review_status, assignments_pending, assignments_available,
    assignments_completed, creation_time, expiration, first_seen_at, last_seen_at`;
/**
 * A source that does not know a HIT's qualification requirements (null) keeps the archived ones; a new HIT then gets
 * none. That choice is per statement, so records are written in runs of the same kind.
 */
const hitConflict = (requirements: 'replace' | 'keep'): string => `
  ON CONFLICT (connection_id, hit_id) DO UPDATE SET
    hit_type_id = excluded.hit_type_id,
    hit_group_id = COALESCE(excluded.hit_group_id, hit_group_id),
    hit_layout_id = COALESCE(excluded.hit_layout_id, hit_layout_id),
    title = excluded.title, description = excluded.description, keywords = excluded.keywords,
    question = COALESCE(excluded.question, question),
    reward_cents = excluded.reward_cents, max_assignments = excluded.max_assignments,
    assignment_duration_s = excluded.assignment_duration_s, auto_approval_delay_s = excluded.auto_approval_delay_s,
    requester_annotation = excluded.requester_annotation,
    qualification_requirements = ${requirements === 'replace' ? 'excluded.qualification_requirements' : 'qualification_requirements'},
    status = COALESCE(excluded.status, status),
    review_status = COALESCE(excluded.review_status, review_status),
    assignments_pending = COALESCE(excluded.assignments_pending, assignments_pending),
    assignments_available = COALESCE(excluded.assignments_available, assignments_available),
    assignments_completed = COALESCE(excluded.assignments_completed, assignments_completed),
    creation_time = excluded.creation_time, expiration = excluded.expiration,
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_disposed_at = NULL`;
/** Rows of one statement are upserted one after another, with their status trigger, as single rows are. */
const upsertHitSql = {
  replace: multiRowSql(`INSERT INTO hits (${HIT_COLUMNS})`, 24, hitConflict('replace')),
  keep: multiRowSql(`INSERT INTO hits (${HIT_COLUMNS})`, 24, hitConflict('keep')),
};

function hitTypeParams(connectionId: number, record: HitTypeRecord, seenAt: number): Record<string, unknown> {
  return {
    connectionId,
    seenAt,
    hitTypeId: record.hitTypeId,
    title: record.title,
    description: record.description,
    keywords: record.keywords,
    rewardCents: record.rewardCents,
    assignmentDurationSeconds: record.assignmentDurationSeconds,
    autoApprovalDelaySeconds: record.autoApprovalDelaySeconds,
    qualificationRequirements: record.qualificationRequirements === null ? null : JSON.stringify(record.qualificationRequirements),
  };
}

/** The HIT type a HIT belongs to, as far as the HIT's own properties describe it (MTurk has no ListHITTypes). */
export function hitTypeOf(hit: HitRecord): HitTypeRecord {
  return {
    hitTypeId: hit.hitTypeId,
    title: hit.title,
    description: hit.description,
    keywords: hit.keywords,
    rewardCents: hit.rewardCents,
    assignmentDurationSeconds: hit.assignmentDurationSeconds,
    autoApprovalDelaySeconds: hit.autoApprovalDelaySeconds,
    qualificationRequirements: hit.qualificationRequirements,
  };
}

export function upsertHitTypes(db: WriteDb, connectionId: number, records: readonly HitTypeRecord[], seenAt: number): number {
  const statement = prepared(db, UPSERT_HIT_TYPE);
  db.transaction(() => {
    writeEach(records, (r) => `HIT type ${r.hitTypeId}`, (record) => statement.run(hitTypeParams(connectionId, record, seenAt)));
  })();
  return records.length;
}

/** Upserts HITs and the HIT types they imply, in one transaction; a status change lands in hit_status_history. */
export function upsertHits(db: WriteDb, connectionId: number, records: readonly HitRecord[], seenAt: number): number {
  const typeStatement = prepared(db, UPSERT_HIT_TYPE);
  const row = (hit: HitRecord): unknown[] => [
    connectionId, hit.hitId, hit.hitTypeId, hit.hitGroupId, hit.hitLayoutId, hit.title, hit.description, hit.keywords,
    hit.question, hit.rewardCents, hit.maxAssignments, hit.assignmentDurationSeconds, hit.autoApprovalDelaySeconds,
    hit.requesterAnnotation, hit.qualificationRequirements === null ? '[]' : JSON.stringify(hit.qualificationRequirements),
    hit.status, hit.reviewStatus, hit.assignmentsPending, hit.assignmentsAvailable, hit.assignmentsCompleted,
    hit.creationTime, hit.expiration, seenAt, seenAt,
  ];
  const describe = (hit: HitRecord): string => `HIT ${hit.hitId}`;
  db.transaction(() => {
    // Each HIT type once, from its first HIT, before the HITs that name it.
    const firstOfType = new Map<string, HitRecord>();
    for (const hit of records) if (!firstOfType.has(hit.hitTypeId)) firstOfType.set(hit.hitTypeId, hit);
    writeEach([...firstOfType.values()], (hit) => `HIT type ${hit.hitTypeId} of HIT ${hit.hitId}`, (hit) => typeStatement.run(hitTypeParams(connectionId, hitTypeOf(hit), seenAt)));
    for (let first = 0; first < records.length; ) {
      const keep = records[first]!.qualificationRequirements === null;
      let end = first + 1;
      while (end < records.length && (records[end]!.qualificationRequirements === null) === keep) end++;
      writeInStatements(db, records, upsertHitSql[keep ? 'keep' : 'replace'], row, describe, { from: first, to: end });
      first = end;
    }
  })();
  return records.length;
}

export function getHit(db: ReadDb, connectionId: number, hitId: string): Hit | null {
  const row = prepared(db, `SELECT * FROM hits WHERE connection_id = ? AND hit_id = ?`).get(connectionId, hitId) as SqlRow | undefined;
  return row ? rowToHit(row) : null;
}

export function getHitType(db: ReadDb, connectionId: number, hitTypeId: string): HitType | null {
  const row = prepared(db, `SELECT * FROM hit_types WHERE connection_id = ? AND hit_type_id = ?`).get(connectionId, hitTypeId) as
    | SqlRow
    | undefined;
  return row ? rowToHitType(row) : null;
}

export interface StatusChange {
  readonly status: string;
  readonly seenAt: number;
}

export function hitStatusHistory(db: ReadDb, connectionId: number, hitId: string): StatusChange[] {
  const rows = prepared(
    db,
    `SELECT h.status, h.seen_at FROM hit_status_history h JOIN hits ON hits.id = h.hit_row_id
     WHERE hits.connection_id = ? AND hits.hit_id = ? ORDER BY h.seen_at, h.id`,
  ).all(connectionId, hitId) as SqlRow[];
  return rows.map((row) => ({ status: str(row, 'status'), seenAt: num(row, 'seen_at') }));
}
