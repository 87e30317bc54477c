/** Assignments: batch upserts that keep raw and parsed answers, never delete, and record status changes. */
import type { Assignment, AssignmentStatus, Provenance } from '../../../shared/domain/archive-types';
import { answersFromXml } from '../answer-fields';
import type { ArchiveLog, ReadDb, WriteDb } from '../db-types';
import { silentLog } from '../db-types';
import { num, numOrNull, parseJson, prepared, str, strOrNull, writeEach, type SqlRow } from './statements';

/** What a source says about an assignment; `answers` defaults to the fields parsed from `answerXml`. */
export type AssignmentRecord = Omit<Assignment, keyof Provenance | 'hitTypeId' | 'answers'> & {
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
    requesterFeedback: strOrNull(row, 'requester_feedback'),
  };
}

// Times only ever go from unknown to known, so a sparser source never erases what a richer one said.
const UPSERT_ASSIGNMENT = `
  INSERT INTO assignments (connection_id, assignment_id, hit_id, hit_type_id, worker_id, status, accept_time,
    submit_time, auto_approval_time, approval_time, rejection_time, deadline, answer_xml, answers_json,
    requester_feedback, first_seen_at, last_seen_at)
  VALUES (@connectionId, @assignmentId, @hitId,
    (SELECT hit_type_id FROM hits WHERE connection_id = @connectionId AND hit_id = @hitId),
    @workerId, @status, @acceptTime, @submitTime, @autoApprovalTime, @approvalTime, @rejectionTime, @deadline,
    @answerXml, @answersJson, @requesterFeedback, @seenAt, @seenAt)
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
    requester_feedback = COALESCE(excluded.requester_feedback, requester_feedback),
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
    remotely_disposed_at = NULL`;

/**
 * Upserts in one transaction. The HIT must already be archived (foreign key): sync lists HITs before their
 * assignments. Unparseable answer XML is kept raw and logged, never a reason to drop the assignment.
 */
export function upsertAssignments(
  db: WriteDb,
  connectionId: number,
  records: readonly AssignmentRecord[],
  seenAt: number,
  log: ArchiveLog = silentLog,
): number {
  const statement = prepared(db, UPSERT_ASSIGNMENT);
  db.transaction(() => {
    writeEach(records, (r) => `assignment ${r.assignmentId} of HIT ${r.hitId}`, (record) => {
      let answers = record.answers;
      if (answers === undefined) {
        const parsed = answersFromXml(record.answerXml);
        if (parsed.problem) log.warn(`assignment ${record.assignmentId}: answers kept raw only: ${parsed.problem}`);
        answers = parsed.answers;
      }
      statement.run({
        connectionId,
        seenAt,
        assignmentId: record.assignmentId,
        hitId: record.hitId,
        workerId: record.workerId,
        status: record.status,
        acceptTime: record.acceptTime,
        submitTime: record.submitTime,
        autoApprovalTime: record.autoApprovalTime,
        approvalTime: record.approvalTime,
        rejectionTime: record.rejectionTime,
        deadline: record.deadline,
        answerXml: record.answerXml,
        answersJson: JSON.stringify(answers),
        requesterFeedback: record.requesterFeedback,
      });
    });
  })();
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
