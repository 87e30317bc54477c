/**
 * Rows, lookups and wire shapes for qualification types, grants and requests (tables in store/qualifications-schema.ts).
 * Every lookup is scoped to the calling requester: another account's type "does not exist" for the caller.
 * Messages are plain sentences: the protocol layer appends the server time "(<epoch-ms>)" as the real service does.
 */
import { systemQualificationType, type SystemQualificationType } from '../rules/system-qualifications';
import { MTurkRequestError, type OpContext } from './types';

export const TYPE_DOES_NOT_EXIST = 'AWS.MechanicalTurk.QualificationTypeDoesNotExist';
export const QUALIFICATION_DOES_NOT_EXIST = 'AWS.MechanicalTurk.QualificationDoesNotExist';
export const REQUEST_DOES_NOT_EXIST = 'AWS.MechanicalTurk.QualificationRequestDoesNotExist';
export const INVALID_PARAMETER_VALUE = 'AWS.MechanicalTurk.InvalidParameterValue';
/** Deleting completes after this much virtual time; until then the name stays reserved. */
export const DISPOSAL_DELAY_MS = 60_000;

export interface QualificationTypeRow {
  qualification_type_id: string;
  requester: string;
  name: string;
  description: string;
  keywords: string | null;
  status: 'Active' | 'Inactive' | 'Disposing';
  retry_delay_s: number | null;
  test: string | null;
  answer_key: string | null;
  test_duration_s: number | null;
  auto_granted: number;
  auto_granted_value: number;
  creation_ms: number;
  deleted_ms: number | null;
  seq: number;
}

export interface GrantRow {
  qualification_type_id: string;
  worker_id: string;
  integer_value: number | null;
  locale_country: string | null;
  locale_subdivision: string | null;
  status: 'Granted' | 'Revoked';
  grant_ms: number;
  revoke_reason: string | null;
  seq: number;
}

export interface RequestRow {
  qualification_request_id: string;
  qualification_type_id: string;
  worker_id: string;
  test: string | null;
  answer: string | null;
  status: 'Pending' | 'Granted' | 'Rejected';
  submit_ms: number;
  decided_ms: number | null;
  integer_value: number | null;
  reason: string | null;
  seq: number;
}

export const epochSeconds = (ms: number): number => ms / 1000;

function compact(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

/** A never-reused, increasing number per table (starts above any existing row's seq). */
export function nextSeq(ctx: OpContext, table: 'qualification_types' | 'qualification_grants' | 'qualification_requests'): number {
  const row = ctx.db
    .prepare(
      `INSERT INTO qualification_sequences (name, value) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table}))
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .get(table) as { value: number };
  return row.value;
}

/**
 * Completes deletions whose delay has passed: the type and its requests disappear, freeing the name. The grants stay
 * (no operation can reach them once the type is gone): holders keep working on existing HITs that require the type.
 */
export function purgeDisposedTypes(ctx: OpContext): void {
  const due = ctx.db
    .prepare("SELECT qualification_type_id FROM qualification_types WHERE status = 'Disposing' AND deleted_ms <= ?")
    .all(ctx.now() - DISPOSAL_DELAY_MS) as { qualification_type_id: string }[];
  if (due.length === 0) return;
  const purge = ctx.db.transaction(() => {
    for (const { qualification_type_id: id } of due) {
      ctx.db.prepare('DELETE FROM qualification_requests WHERE qualification_type_id = ?').run(id);
      ctx.db.prepare('DELETE FROM qualification_types WHERE qualification_type_id = ?').run(id);
    }
  });
  purge();
}

/** Any live (not Disposing) type, whoever owns it — used by worker-side checks. */
export function findLiveType(ctx: OpContext, id: string): QualificationTypeRow | undefined {
  purgeDisposedTypes(ctx);
  const row = ctx.db.prepare('SELECT * FROM qualification_types WHERE qualification_type_id = ?').get(id) as
    | QualificationTypeRow
    | undefined;
  return row && row.status !== 'Disposing' ? row : undefined;
}

export function typeDoesNotExist(id: string): MTurkRequestError {
  return new MTurkRequestError(TYPE_DOES_NOT_EXIST, `QualificationType ${id} does not exist.`);
}

/** A live type owned by the caller, else QualificationTypeDoesNotExist (system types are nobody's to manage). */
export function loadOwnedType(ctx: OpContext, id: string): QualificationTypeRow {
  const row = findLiveType(ctx, id);
  if (row === undefined || row.requester !== ctx.accessKeyId) {
    if (systemQualificationType(ctx.env, id) !== undefined)
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.PermissionDeniedException',
        `QualificationType ${id} is a system Qualification type and cannot be changed or assigned by a requester.`,
      );
    throw typeDoesNotExist(id);
  }
  return row;
}

export function findGrant(ctx: OpContext, typeId: string, workerId: string): GrantRow | undefined {
  return ctx.db
    .prepare('SELECT * FROM qualification_grants WHERE qualification_type_id = ? AND worker_id = ?')
    .get(typeId, workerId) as GrantRow | undefined;
}

/** Creates or overwrites a worker's Qualification: Granted, value, GrantTime = now. */
export function upsertGrant(ctx: OpContext, typeId: string, workerId: string, integerValue: number): void {
  ctx.db
    .prepare(
      `INSERT INTO qualification_grants
         (qualification_type_id, worker_id, integer_value, status, grant_ms, revoke_reason, seq)
       VALUES (?, ?, ?, 'Granted', ?, NULL, ?)
       ON CONFLICT (qualification_type_id, worker_id) DO UPDATE SET
         integer_value = excluded.integer_value, status = 'Granted', grant_ms = excluded.grant_ms, revoke_reason = NULL`,
    )
    .run(typeId, workerId, integerValue, ctx.now(), nextSeq(ctx, 'qualification_grants'));
}

export function qualificationTypeToWire(row: QualificationTypeRow): Record<string, unknown> {
  return compact({
    QualificationTypeId: row.qualification_type_id,
    CreationTime: epochSeconds(row.creation_ms),
    Name: row.name,
    Description: row.description,
    Keywords: row.keywords,
    QualificationTypeStatus: row.status === 'Disposing' ? 'Inactive' : row.status,
    Test: row.test,
    TestDurationInSeconds: row.test_duration_s,
    AnswerKey: row.answer_key,
    RetryDelayInSeconds: row.retry_delay_s,
    IsRequestable: true,
    AutoGranted: row.auto_granted === 1,
    AutoGrantedValue: row.auto_granted === 1 ? row.auto_granted_value : undefined,
  });
}

/** System types are described with a fixed creation time and are never requestable. */
export function systemTypeToWire(type: SystemQualificationType): Record<string, unknown> {
  return {
    QualificationTypeId: type.id,
    CreationTime: epochSeconds(Date.UTC(2005, 9, 1)),
    Name: type.name,
    Description: type.description,
    QualificationTypeStatus: 'Active',
    IsRequestable: false,
    AutoGranted: false,
  };
}

export function grantToWire(row: GrantRow): Record<string, unknown> {
  return compact({
    QualificationTypeId: row.qualification_type_id,
    WorkerId: row.worker_id,
    GrantTime: epochSeconds(row.grant_ms),
    IntegerValue: row.integer_value,
    LocaleValue:
      row.locale_country === null
        ? undefined
        : compact({ Country: row.locale_country, Subdivision: row.locale_subdivision }),
    Status: row.status,
  });
}

export function requestToWire(row: RequestRow): Record<string, unknown> {
  return compact({
    QualificationRequestId: row.qualification_request_id,
    QualificationTypeId: row.qualification_type_id,
    WorkerId: row.worker_id,
    Test: row.test,
    Answer: row.answer,
    SubmitTime: epochSeconds(row.submit_ms),
  });
}

/** Pagination key whose string order is the numeric order of `seq` (paginate's contract). */
export { seqKey } from './input';
