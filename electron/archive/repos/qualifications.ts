/** Qualification types, grants (worker scores) and requests. */
import type {
  LocaleValue,
  Provenance,
  QualificationGrant,
  QualificationGrantStatus,
  QualificationRequest,
  QualificationType,
  QualificationTypeStatus,
} from '../../../shared/domain/archive-types';
import type { ReadDb, WriteDb } from '../db-types';
import { fromFlag, num, numOrNull, prepared, str, strOrNull, toFlag, writeEach, type SqlRow } from './statements';

export type QualificationTypeRecord = Omit<QualificationType, keyof Provenance>;
export type QualificationGrantRecord = Omit<QualificationGrant, keyof Provenance>;
export type QualificationRequestRecord = Omit<QualificationRequest, keyof Provenance>;

function provenance(row: SqlRow): Provenance {
  return {
    connectionId: num(row, 'connection_id'),
    firstSeenAt: num(row, 'first_seen_at'),
    lastSeenAt: num(row, 'last_seen_at'),
    goneAt: numOrNull(row, 'remotely_removed_at'),
  };
}

export function rowToQualificationType(row: SqlRow): QualificationType {
  return {
    ...provenance(row),
    qualificationTypeId: str(row, 'qualification_type_id'),
    name: str(row, 'name'),
    description: str(row, 'description'),
    keywords: strOrNull(row, 'keywords'),
    status: str(row, 'status') as QualificationTypeStatus,
    creationTime: num(row, 'creation_time'),
    test: strOrNull(row, 'test'),
    testDurationSeconds: numOrNull(row, 'test_duration_s'),
    answerKey: strOrNull(row, 'answer_key'),
    retryDelaySeconds: numOrNull(row, 'retry_delay_s'),
    isRequestable: fromFlag(row.is_requestable),
    autoGranted: fromFlag(row.auto_granted),
    autoGrantedValue: numOrNull(row, 'auto_granted_value'),
  };
}

export function rowToQualificationGrant(row: SqlRow): QualificationGrant {
  const country = strOrNull(row, 'locale_country');
  const subdivision = strOrNull(row, 'locale_subdivision');
  const localeValue: LocaleValue | null = country === null ? null : subdivision === null ? { Country: country } : { Country: country, Subdivision: subdivision };
  return {
    ...provenance(row),
    qualificationTypeId: str(row, 'qualification_type_id'),
    workerId: str(row, 'worker_id'),
    integerValue: numOrNull(row, 'integer_value'),
    localeValue,
    status: str(row, 'status') as QualificationGrantStatus,
    grantTime: num(row, 'grant_time'),
  };
}

export function rowToQualificationRequest(row: SqlRow): QualificationRequest {
  return {
    ...provenance(row),
    qualificationRequestId: str(row, 'qualification_request_id'),
    qualificationTypeId: str(row, 'qualification_type_id'),
    workerId: str(row, 'worker_id'),
    test: strOrNull(row, 'test'),
    answer: strOrNull(row, 'answer'),
    submitTime: num(row, 'submit_time'),
  };
}

const UPSERT_TYPE = `
  INSERT INTO qualification_types (connection_id, qualification_type_id, name, description, keywords, status,
    creation_time, test, test_duration_s, answer_key, retry_delay_s, is_requestable, auto_granted,
    auto_granted_value, first_seen_at, last_seen_at)
  VALUES (@connectionId, @qualificationTypeId, @name, @description, @keywords, @status, @creationTime, @test,
    @testDurationSeconds, @answerKey, @retryDelaySeconds, @isRequestable, @autoGranted, @autoGrantedValue, @seenAt, @seenAt)
  ON CONFLICT (connection_id, qualification_type_id) DO UPDATE SET
    name = excluded.name, description = excluded.description, keywords = excluded.keywords, status = excluded.status,
    creation_time = excluded.creation_time, test = excluded.test, test_duration_s = excluded.test_duration_s,
    answer_key = COALESCE(excluded.answer_key, answer_key), retry_delay_s = excluded.retry_delay_s,
    is_requestable = excluded.is_requestable, auto_granted = excluded.auto_granted,
    auto_granted_value = excluded.auto_granted_value,
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_removed_at = NULL`;

const UPSERT_GRANT = `
  INSERT INTO qualification_grants (connection_id, qualification_type_id, worker_id, integer_value, locale_country,
    locale_subdivision, status, grant_time, first_seen_at, last_seen_at)
  VALUES (@connectionId, @qualificationTypeId, @workerId, @integerValue, @localeCountry, @localeSubdivision, @status,
    @grantTime, @seenAt, @seenAt)
  ON CONFLICT (connection_id, qualification_type_id, worker_id) DO UPDATE SET
    integer_value = excluded.integer_value, locale_country = excluded.locale_country,
    locale_subdivision = excluded.locale_subdivision, status = excluded.status, grant_time = excluded.grant_time,
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_removed_at = NULL`;

const UPSERT_REQUEST = `
  INSERT INTO qualification_requests (connection_id, qualification_request_id, qualification_type_id, worker_id, test,
    answer, submit_time, first_seen_at, last_seen_at)
  VALUES (@connectionId, @qualificationRequestId, @qualificationTypeId, @workerId, @test, @answer, @submitTime, @seenAt, @seenAt)
  ON CONFLICT (connection_id, qualification_request_id) DO UPDATE SET
    test = excluded.test, answer = excluded.answer, submit_time = excluded.submit_time,
    last_seen_at = MAX(last_seen_at, excluded.last_seen_at), remotely_removed_at = NULL`;

function upsertAll<T>(
  db: WriteDb,
  sql: string,
  records: readonly T[],
  describe: (record: T) => string,
  params: (record: T) => Record<string, unknown>,
): number {
  const statement = prepared(db, sql);
  db.transaction(() => {
    writeEach(records, describe, (record) => statement.run(params(record)));
  })();
  return records.length;
}

export function upsertQualificationTypes(db: WriteDb, connectionId: number, records: readonly QualificationTypeRecord[], seenAt: number): number {
  return upsertAll(db, UPSERT_TYPE, records, (r) => `qualification type ${r.qualificationTypeId}`, (r) => ({
    ...r,
    connectionId,
    seenAt,
    isRequestable: toFlag(r.isRequestable),
    autoGranted: toFlag(r.autoGranted),
  }));
}

export function upsertQualificationGrants(db: WriteDb, connectionId: number, records: readonly QualificationGrantRecord[], seenAt: number): number {
  return upsertAll(db, UPSERT_GRANT, records, (r) => `qualification ${r.qualificationTypeId} of ${r.workerId}`, ({ localeValue, ...r }) => ({
    ...r,
    connectionId,
    seenAt,
    localeCountry: localeValue?.Country ?? null,
    localeSubdivision: localeValue?.Subdivision ?? null,
  }));
}

export function upsertQualificationRequests(db: WriteDb, connectionId: number, records: readonly QualificationRequestRecord[], seenAt: number): number {
  return upsertAll(db, UPSERT_REQUEST, records, (r) => `qualification request ${r.qualificationRequestId}`, (r) => ({ ...r, connectionId, seenAt }));
}

export function listQualificationTypes(db: ReadDb, connectionId: number): QualificationType[] {
  const rows = prepared(db, `SELECT * FROM qualification_types WHERE connection_id = ? ORDER BY creation_time DESC, id`).all(connectionId);
  return (rows as SqlRow[]).map(rowToQualificationType);
}

export function grantsForWorker(db: ReadDb, connectionId: number, workerId: string): QualificationGrant[] {
  const rows = prepared(db, `SELECT * FROM qualification_grants WHERE connection_id = ? AND worker_id = ? ORDER BY grant_time, id`).all(
    connectionId,
    workerId,
  );
  return (rows as SqlRow[]).map(rowToQualificationGrant);
}

export function grantsForType(db: ReadDb, connectionId: number, qualificationTypeId: string): QualificationGrant[] {
  const rows = prepared(
    db,
    `SELECT * FROM qualification_grants WHERE connection_id = ? AND qualification_type_id = ? ORDER BY worker_id`,
  ).all(connectionId, qualificationTypeId);
  return (rows as SqlRow[]).map(rowToQualificationGrant);
}

export function listQualificationRequests(db: ReadDb, connectionId: number, qualificationTypeId?: string): QualificationRequest[] {
  const rows =
    qualificationTypeId === undefined
      ? prepared(db, `SELECT * FROM qualification_requests WHERE connection_id = ? ORDER BY submit_time, id`).all(connectionId)
      : prepared(
          db,
          `SELECT * FROM qualification_requests WHERE connection_id = ? AND qualification_type_id = ? ORDER BY submit_time, id`,
        ).all(connectionId, qualificationTypeId);
  return (rows as SqlRow[]).map(rowToQualificationRequest);
}

export function getQualificationType(db: ReadDb, connectionId: number, qualificationTypeId: string): QualificationType | null {
  const row = prepared(db, `SELECT * FROM qualification_types WHERE connection_id = ? AND qualification_type_id = ?`).get(connectionId, qualificationTypeId) as SqlRow | undefined;
  return row ? rowToQualificationType(row) : null;
}

export function qualificationTypeNamed(db: ReadDb, connectionId: number, name: string): QualificationType | null {
  const row = prepared(db, `SELECT * FROM qualification_types WHERE connection_id = ? AND name = ? AND remotely_removed_at IS NULL`).get(connectionId, name) as SqlRow | undefined;
  return row ? rowToQualificationType(row) : null;
}

export function grantOf(db: ReadDb, connectionId: number, qualificationTypeId: string, workerId: string): QualificationGrant | null {
  const row = prepared(
    db,
    `SELECT * FROM qualification_grants WHERE connection_id = ? AND qualification_type_id = ? AND worker_id = ?`,
  ).get(connectionId, qualificationTypeId, workerId) as SqlRow | undefined;
  return row ? rowToQualificationGrant(row) : null;
}

export function markGrantRevoked(db: WriteDb, connectionId: number, qualificationTypeId: string, workerId: string, now: number): void {
  prepared(
    db,
    `UPDATE qualification_grants SET status = 'Revoked', last_seen_at = MAX(last_seen_at, ?) WHERE connection_id = ? AND qualification_type_id = ? AND worker_id = ?`,
  ).run(now, connectionId, qualificationTypeId, workerId);
}

export function markQualificationTypeDeleted(db: WriteDb, connectionId: number, qualificationTypeId: string, now: number): void {
  prepared(db, `UPDATE qualification_types SET remotely_removed_at = ? WHERE connection_id = ? AND qualification_type_id = ?`).run(now, connectionId, qualificationTypeId);
}

/** An accepted or rejected request leaves MTurk's queue: gone from the archive's at once. */
export function markRequestAnswered(db: WriteDb, connectionId: number, qualificationRequestId: string, now: number): void {
  prepared(db, `UPDATE qualification_requests SET remotely_removed_at = ? WHERE connection_id = ? AND qualification_request_id = ?`).run(now, connectionId, qualificationRequestId);
}

export function getQualificationRequest(db: ReadDb, connectionId: number, qualificationRequestId: string): QualificationRequest | null {
  const row = prepared(db, `SELECT * FROM qualification_requests WHERE connection_id = ? AND qualification_request_id = ?`).get(connectionId, qualificationRequestId) as SqlRow | undefined;
  return row ? rowToQualificationRequest(row) : null;
}

/** Requests still waiting for an answer (not answered here, still listed by the last sync). */
export function openQualificationRequests(db: ReadDb, connectionId: number, qualificationTypeId?: string): QualificationRequest[] {
  return listQualificationRequests(db, connectionId, qualificationTypeId).filter((request) => request.goneAt === null);
}

/** Archived HIT types and unfinished HITs whose requirements name the type: what deleting it would break. */
export function usesOfQualificationType(db: ReadDb, connectionId: number, qualificationTypeId: string): { hitTypeIds: string[]; hitIds: string[] } {
  const needle = `%"${qualificationTypeId.replace(/[%_"]/g, '')}"%`;
  const hitTypeIds = (prepared(db, `SELECT hit_type_id FROM hit_types WHERE connection_id = ? AND qualification_requirements LIKE ? ORDER BY hit_type_id`).all(connectionId, needle) as SqlRow[]).map((r) => str(r, 'hit_type_id'));
  const hitIds = (
    prepared(
      db,
      `SELECT hit_id FROM hits WHERE connection_id = ? AND qualification_requirements LIKE ? AND status IN ('Assignable', 'Unassignable', 'Reviewable', 'Reviewing') ORDER BY hit_id`,
    ).all(connectionId, needle) as SqlRow[]
  ).map((r) => str(r, 'hit_id'));
  return { hitTypeIds, hitIds };
}
