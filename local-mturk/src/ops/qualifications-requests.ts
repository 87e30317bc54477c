/**
 * Qualification requests: the worker side (requestQualification, called by the control API / simulated crowd) and
 * the requester side (Accept/Reject/ListQualificationRequests).
 */
import { deliverToWorker } from '../domain/inbox';
import { scoreAgainstAnswerKey } from '../formats/answer-key';
import { systemQualificationType } from '../rules/system-qualifications';
import { DEFAULT_INTEGER_VALUE } from './qualifications-grants';
import { paginate } from './paginate';
import {
  INVALID_PARAMETER_VALUE,
  REQUEST_DOES_NOT_EXIST,
  findGrant,
  findLiveType,
  loadOwnedType,
  nextSeq,
  purgeDisposedTypes,
  requestToWire,
  seqKey,
  typeDoesNotExist,
  upsertGrant,
  type QualificationTypeRow,
  type RequestRow,
} from './qualifications-store';
import { MTurkRequestError, type OpContext, type OperationHandler } from './types';

export type RequestOutcome =
  | { readonly outcome: 'Granted'; readonly integerValue: number; readonly qualificationRequestId: string }
  | { readonly outcome: 'Pending'; readonly qualificationRequestId: string };

const INVALID_REQUEST_STATE = 'AWS.MechanicalTurk.InvalidQualificationRequestState';

/** Retry rules: no RetryDelayInSeconds ⇒ one request ever; otherwise wait that long after the last one. */
function enforceRetryRules(ctx: OpContext, type: QualificationTypeRow, workerId: string): void {
  const history = ctx.db
    .prepare(
      `SELECT status, submit_ms FROM qualification_requests
       WHERE qualification_type_id = ? AND worker_id = ? ORDER BY submit_ms DESC, seq DESC`,
    )
    .all(type.qualification_type_id, workerId) as Pick<RequestRow, 'status' | 'submit_ms'>[];
  if (history.some((r) => r.status === 'Pending'))
    throw new MTurkRequestError(
      INVALID_REQUEST_STATE,
      `Worker ${workerId} already has a pending request for QualificationType ${type.qualification_type_id}.`,
    );
  const last = history[0];
  const alreadyHeld = findGrant(ctx, type.qualification_type_id, workerId)?.status === 'Granted';
  if (type.retry_delay_s === null) {
    if (last !== undefined || alreadyHeld)
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.QualificationTypeDoesNotAllowRetake',
        `QualificationType ${type.qualification_type_id} does not allow a Worker to request it more than once.`,
      );
    return;
  }
  if (last !== undefined) {
    const readyAt = last.submit_ms + type.retry_delay_s * 1000;
    if (ctx.now() < readyAt)
      throw new MTurkRequestError(
        'AWS.MechanicalTurk.QualificationTypeRetryDelayNotElapsed',
        `The retry delay for QualificationType ${type.qualification_type_id} has not elapsed; ` +
          `try again in ${Math.ceil((readyAt - ctx.now()) / 1000)} seconds.`,
      );
  }
}

function insertRequest(
  ctx: OpContext,
  type: QualificationTypeRow,
  workerId: string,
  status: RequestRow['status'],
  answer: string | null,
  integerValue: number | null,
): string {
  const id = ctx.newId('entity');
  ctx.db
    .prepare(
      `INSERT INTO qualification_requests (qualification_request_id, qualification_type_id, worker_id, test, answer, status,
         submit_ms, decided_ms, integer_value, reason, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    )
    .run(
      id,
      type.qualification_type_id,
      workerId,
      type.test,
      answer,
      status,
      ctx.now(),
      status === 'Pending' ? null : ctx.now(),
      integerValue,
      nextSeq(ctx, 'qualification_requests'),
    );
  return id;
}

/**
 * A worker asks for a Qualification. AutoGranted types and tests with an AnswerKey are granted at once (with
 * AutoGrantedValue / the computed score); anything else becomes a pending request for the owner. Every request is
 * recorded (decided ones stay invisible to ListQualificationRequests) so the retry rules can see it.
 * TestDurationInSeconds is not enforced: the emulator does not know when the worker opened the test.
 */
export function requestQualification(
  ctx: OpContext,
  workerId: string,
  qualificationTypeId: string,
  testAnswersXml?: string,
): RequestOutcome {
  if (systemQualificationType(ctx.env, qualificationTypeId) !== undefined)
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.PermissionDeniedException',
      `System QualificationType ${qualificationTypeId} cannot be requested.`,
    );
  const type = findLiveType(ctx, qualificationTypeId);
  if (type === undefined) throw typeDoesNotExist(qualificationTypeId);
  if (type.status !== 'Active')
    throw new MTurkRequestError(
      'AWS.MechanicalTurk.InvalidQualificationTypeState',
      `QualificationType ${qualificationTypeId} is not Active and cannot be requested.`,
    );
  if (type.test !== null && testAnswersXml === undefined)
    throw new MTurkRequestError(INVALID_PARAMETER_VALUE, `QualificationType ${qualificationTypeId} has a Test: answers are required.`);
  return ctx.db.transaction((): RequestOutcome => {
    enforceRetryRules(ctx, type, workerId);
    const answer = type.test === null ? null : (testAnswersXml ?? null);
    let value: number | undefined;
    if (type.auto_granted === 1) value = type.auto_granted_value;
    else if (type.answer_key !== null && answer !== null) value = scoreAgainstAnswerKey(type.answer_key, answer);
    if (value === undefined) return { outcome: 'Pending', qualificationRequestId: insertRequest(ctx, type, workerId, 'Pending', answer, null) };
    upsertGrant(ctx, type.qualification_type_id, workerId, value);
    const qualificationRequestId = insertRequest(ctx, type, workerId, 'Granted', answer, value);
    return { outcome: 'Granted', integerValue: value, qualificationRequestId };
  })();
}

/** A pending request on one of the caller's types. */
function loadPendingRequest(ctx: OpContext, id: string): RequestRow {
  purgeDisposedTypes(ctx);
  const row = ctx.db
    .prepare(
      `SELECT r.* FROM qualification_requests r JOIN qualification_types t USING (qualification_type_id)
       WHERE r.qualification_request_id = ? AND t.requester = ? AND t.status != 'Disposing'`,
    )
    .get(id, ctx.accessKeyId) as RequestRow | undefined;
  if (row === undefined)
    throw new MTurkRequestError(REQUEST_DOES_NOT_EXIST, `QualificationRequest ${id} does not exist.`);
  if (row.status !== 'Pending')
    throw new MTurkRequestError(
      INVALID_REQUEST_STATE,
      `This QualificationRequest is currently in the state '${row.status}'. This operation can be called with a status of: Pending`,
    );
  return row;
}

const typeName = (ctx: OpContext, typeId: string): string => findLiveType(ctx, typeId)?.name ?? typeId;

const acceptQualificationRequest: OperationHandler = (input, ctx) => {
  const request = loadPendingRequest(ctx, String(input.QualificationRequestId));
  const value = typeof input.IntegerValue === 'number' ? input.IntegerValue : DEFAULT_INTEGER_VALUE;
  ctx.db.transaction(() => {
    upsertGrant(ctx, request.qualification_type_id, request.worker_id, value);
    ctx.db
      .prepare("UPDATE qualification_requests SET status = 'Granted', decided_ms = ?, integer_value = ? WHERE qualification_request_id = ?")
      .run(ctx.now(), value, request.qualification_request_id);
  })();
  const name = typeName(ctx, request.qualification_type_id);
  deliverToWorker(ctx, request.worker_id, 'QualificationRequestGranted', `Your request for the Qualification "${name}" was granted`,
    `Your request for the Qualification "${name}" (${request.qualification_type_id}) was granted with the value ${value}.`);
  return {};
};

const rejectQualificationRequest: OperationHandler = (input, ctx) => {
  const request = loadPendingRequest(ctx, String(input.QualificationRequestId));
  ctx.db
    .prepare("UPDATE qualification_requests SET status = 'Rejected', decided_ms = ?, reason = ? WHERE qualification_request_id = ?")
    .run(ctx.now(), typeof input.Reason === 'string' ? input.Reason : null, request.qualification_request_id);
  const name = typeName(ctx, request.qualification_type_id);
  const reason = typeof input.Reason === 'string' && input.Reason !== '' ? ` Reason: ${input.Reason}` : '';
  deliverToWorker(ctx, request.worker_id, 'QualificationRequestRejected', `Your request for the Qualification "${name}" was rejected`,
    `Your request for the Qualification "${name}" (${request.qualification_type_id}) was rejected.${reason}`);
  return {};
};

/** Pending requests on the caller's types (or one of them), oldest first. */
const listQualificationRequests: OperationHandler = (input, ctx) => {
  purgeDisposedTypes(ctx);
  const typeId = typeof input.QualificationTypeId === 'string' ? loadOwnedType(ctx, input.QualificationTypeId).qualification_type_id : undefined;
  const rows = ctx.db
    .prepare(
      `SELECT r.* FROM qualification_requests r JOIN qualification_types t USING (qualification_type_id)
       WHERE t.requester = ? AND t.status != 'Disposing' AND r.status = 'Pending' AND (? IS NULL OR r.qualification_type_id = ?)
       ORDER BY r.seq`,
    )
    .all(ctx.accessKeyId, typeId ?? null, typeId ?? null) as RequestRow[];
  const { page, NextToken, NumResults } = paginate('ListQualificationRequests', input, rows, (row) => seqKey(row.seq));
  return { NumResults, ...(NextToken === undefined ? {} : { NextToken }), QualificationRequests: page.map(requestToWire) };
};

export const qualificationRequestOperations: Record<string, OperationHandler> = {
  AcceptQualificationRequest: acceptQualificationRequest,
  RejectQualificationRequest: rejectQualificationRequest,
  ListQualificationRequests: listQualificationRequests,
};
