/** Assignments: batch upserts that keep raw and parsed answers, never delete, and record status changes. */
import type { Assignment, AssignmentStatus, Provenance } from '../../../shared/domain/archive-types';
import { answersFromXml } from '../answer-fields';
import type { ArchiveLog, ReadDb, WriteDb } from '../db-types';
import { silentLog } from '../db-types';
import { multiRowSql, num, numOrNull, parseJson, prepared, str, strOrNull, writeInStatements, type SqlRow } from './statements';

/**
 * What a source says about an assignment; `answers` defaults to the fields parsed from `answerXml` (and then
 * `answersProblem` says why they could not be).
 */
export type AssignmentRecord = Omit<Assignment, keyof Provenance | 'hitTypeId' | 'answers' | 'answersProblem'> & {
  readonly answers?: Readonly<Record<string, string>>;
};

export function rowToAssignment(row: SqlRow): Assignment {
  return {
    connectionId: num(row, 'connection_id'),
    firstSeenAt: num(row, 'first_seen_at'),
    lastSeenAt: num(row, 'last_seen_at'),
    goneAt: numOrNull(row, 'remotely_disposed_at'),
    assignmentId: str(row, 'assignment_id'),
    hitId: str(row, 'hit_id'),
    hitTypeId: strOrNull(row, 'hit_type_id'),
    workerId: str(row, 'worker_id'),
    status: str(row, 'status') as AssignmentStatus,
    acceptTime: numOrNull(row, 'accept_time'),
    submitTime: numOrNull(row, 'submit_time'),
    autoApprovalTime: numOrNull(row, 'auto_approval_time'),
    approvalTime: numOrNull(row, 'approval_time'),
    rejectionTime: numOrNull(row, 'rejection_time'),
    deadline: numOrNull(row, 'deadline'),
    answerXml: str(row, 'answer_xml'),
    answers: parseJson<Record<string, string>>(strOrNull(row, 'answers_json'), {}),
    answersProblem: strOrNull(row, 'answers_problem'),
    requesterFeedback: strOrNull(row, 'requester_feedback'),
  };
}

// Times only ever go from unknown to known, so a sparser source never erases what a richer one said.
const COLUMNS = `connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, accept_time, submit_time,
    auto_approval_time, approval_time, rejection_time, deadline, answer_xml, answers_json, answers_problem,
    requester_feedback, first_seen_at, last_seen_at`;
const ON_CONFLICT = `
  ON CONFLICT (connection_id, assignment_id) DO UPDATE SET
    status = excluded.status,
    accept_time = COALESCE(excluded.accept_time, accept_time),
    submit_time = COALESCE(excluded.submit_time, submit_time),
    auto_approval_time = COALESCE(excluded.auto_approval_time, auto_approval_time),
    approval_time = COALESCE(excluded.approval_time, approval_time),
    rejection_time = COALESCE(excluded.rejection_time, rejection_time),
    deadline = COALESCE(excluded.deadline, deadline),
    answer_xml = CASE WHEN excluded.answer_xml <> '' THEN excluded.answer_xml ELSE answer_xml END,
    answers_json = CASE WHEN excluded.answers_json <> '{}' THEN excluded.answers_json ELSE answers_json END,
    answers_problem = CASE WHEN excluded.answer_xml <> '' THEN excluded.answers_problem ELSE answers_problem END,
    requester_feedback = COALESCE(excluded.requester_feedback, requester_feedback),
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
    remotely_disposed_at = NULL`;
/** Rows of one statement are upserted one after another, with their triggers, as single rows are. */
const upsertSql = multiRowSql(`INSERT INTO assignments (${COLUMNS})`, 18, ON_CONFLICT);

const HIT_TYPE_OF_HIT = `SELECT hit_type_id FROM hits WHERE connection_id = ? AND hit_id = ?`;

export interface UpsertAssignmentsOptions {
  readonly log?: ArchiveLog;
  /** Called for each assignment whose answer XML could not be read (it is archived raw, with the reason). */
  readonly onAnswersProblem?: (record: AssignmentRecord, problem: string) => void;
}

/**
 * Upserts in one transaction. The HIT must already be archived (foreign key): sync lists HITs before their
 * assignments. Unparseable answer XML is kept raw with its reason (`answersProblem`), never a reason to drop the
 * assignment. The HIT type is copied from the archived HIT (looked up once per HIT, not per row).
 * A record SQLite refuses fails the whole call with an ArchiveInputError naming it (its `field` is `records[i]`).
 */
export function upsertAssignments(
  db: WriteDb,
  connectionId: number,
  records: readonly AssignmentRecord[],
  seenAt: number,
  options: UpsertAssignmentsOptions = {},
): number {
  const log = options.log ?? silentLog;
  const hitType = prepared(db, HIT_TYPE_OF_HIT).pluck();
  let lastHit: string | null = null;
  let lastType: unknown = null;
  const row = (record: AssignmentRecord): unknown[] => {
    let answers = record.answers;
    let problem: string | null = null;
    if (answers === undefined) {
      const parsed = answersFromXml(record.answerXml);
      answers = parsed.answers;
      problem = parsed.problem;
      if (problem !== null) {
        log.warn(`assignment ${record.assignmentId}: answers kept raw only: ${problem}`);
        options.onAnswersProblem?.(record, problem);
      }
    }
    if (record.hitId !== lastHit) {
      lastType = hitType.get(connectionId, record.hitId) ?? null;
      lastHit = record.hitId;
    }
    return [
      connectionId, record.assignmentId, record.hitId, lastType, record.workerId, record.status, record.acceptTime,
      record.submitTime, record.autoApprovalTime, record.approvalTime, record.rejectionTime, record.deadline,
      record.answerXml, JSON.stringify(answers), problem, record.requesterFeedback, seenAt, seenAt,
    ];
  };
  const describe = (r: AssignmentRecord): string => `assignment ${r.assignmentId} of HIT ${r.hitId}`;
  db.transaction(() => writeInStatements(db, records, upsertSql, row, describe))();
  return records.length;
}

export function getAssignment(db: ReadDb, connectionId: number, assignmentId: string): Assignment | null {
  const row = prepared(db, `SELECT * FROM assignments WHERE connection_id = ? AND assignment_id = ?`).get(
    connectionId,
    assignmentId,
  ) as SqlRow | undefined;
  return row ? rowToAssignment(row) : null;
}

export function assignmentStatusHistory(db: ReadDb, connectionId: number, assignmentId: string): { status: string; seenAt: number }[] {
  const rows = prepared(
    db,
    `SELECT h.status, h.seen_at FROM assignment_status_history h JOIN assignments a ON a.id = h.assignment_row_id
     WHERE a.connection_id = ? AND a.assignment_id = ? ORDER BY h.seen_at, h.id`,
  ).all(connectionId, assignmentId) as SqlRow[];
  return rows.map((row) => ({ status: str(row, 'status'), seenAt: num(row, 'seen_at') }));
}
