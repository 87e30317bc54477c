/**
 * Every operation of the MTurk Requester API (all 39) and what sending it twice would do. The
 * gateway derives each call's retry policy from this table, so a write cannot be retried by
 * accident, and a new operation cannot be used before someone has decided what repeating it does.
 *
 * - `read`: changes nothing; re-sent after any transient failure.
 * - `idempotent`: a repeat leaves the same state and gets the same answer (the same HITTypeId
 *   for the same properties, an absolute expiry time, unblocking an unblocked worker…); re-sent
 *   even when the first attempt may have been carried out.
 * - `token`: carries a UniqueRequestToken; with one it is re-sent with the same token, and
 *   MTurk's "already done" answer to a repeat counts as success. Without one it is `unsafe`.
 * - `unsafe`: a repeat would act twice (NotifyWorkers, an e-mail on AssociateQualification…) or
 *   fail although the first attempt worked (approving an approved assignment answers
 *   InvalidAssignmentState). Re-sent only when the request provably never reached MTurk; a lost
 *   answer comes back as `delivery: 'maybe-executed'` for the caller to read MTurk back.
 *
 * The API model flags ApproveAssignment, RejectAssignment, DeleteHIT, DeleteQualificationType and
 * UpdateHITReviewStatus "idempotent", but a repeat of each answers with a state error: unsafe here.
 */
import type { RetryPolicy } from './scheduler';

export type Resend = 'read' | 'idempotent' | 'token' | 'unsafe';

export const OPERATIONS = {
  GetAccountBalance: 'read',
  GetAssignment: 'read',
  GetFileUploadURL: 'read',
  GetHIT: 'read',
  GetQualificationScore: 'read',
  GetQualificationType: 'read',
  ListAssignmentsForHIT: 'read',
  ListBonusPayments: 'read',
  ListHITs: 'read',
  ListHITsForQualificationType: 'read',
  ListQualificationRequests: 'read',
  ListQualificationTypes: 'read',
  ListReviewPolicyResultsForHIT: 'read',
  ListReviewableHITs: 'read',
  ListWorkerBlocks: 'read',
  ListWorkersWithQualificationType: 'read',

  CreateHITType: 'idempotent',
  DeleteWorkerBlock: 'idempotent',
  UpdateExpirationForHIT: 'idempotent',
  UpdateHITTypeOfHIT: 'idempotent',
  UpdateNotificationSettings: 'idempotent',

  CreateAdditionalAssignmentsForHIT: 'token',
  CreateHIT: 'token',
  CreateHITWithHITType: 'token',
  SendBonus: 'token',

  AcceptQualificationRequest: 'unsafe',
  ApproveAssignment: 'unsafe',
  AssociateQualificationWithWorker: 'unsafe',
  CreateQualificationType: 'unsafe',
  CreateWorkerBlock: 'unsafe',
  DeleteHIT: 'unsafe',
  DeleteQualificationType: 'unsafe',
  DisassociateQualificationFromWorker: 'unsafe',
  NotifyWorkers: 'unsafe',
  RejectAssignment: 'unsafe',
  RejectQualificationRequest: 'unsafe',
  SendTestEventNotification: 'unsafe',
  UpdateHITReviewStatus: 'unsafe',
  UpdateQualificationType: 'unsafe',
} as const satisfies Record<string, Resend>;

export type ApiOperation = keyof typeof OPERATIONS;

/** The scheduler policy of one call: a token write without its token is an unsafe write. */
export function retryPolicyFor(operation: ApiOperation, uniqueRequestToken: string | undefined): RetryPolicy {
  switch (OPERATIONS[operation]) {
    case 'read':
      return 'read';
    case 'idempotent':
      return 'idempotent-write';
    case 'token':
      return uniqueRequestToken ? 'idempotent-write' : 'unsafe-write';
    case 'unsafe':
      return 'unsafe-write';
  }
}

/**
 * MTurk's answer to a repeated UniqueRequestToken: an error naming the earlier request or HIT.
 * CreateHIT answers HitAlreadyExists; for SendBonus and CreateAdditionalAssignmentsForHIT the
 * code is undocumented (the Local MTurk says DuplicateRequest), so a message that quotes the
 * token and says "already" counts too.
 */
export function isRepeatedToken(mturkCode: string | undefined, message: string, token: string): boolean {
  const code = mturkCode?.slice(mturkCode.lastIndexOf('.') + 1);
  if (code === 'DuplicateRequest' || code === 'HitAlreadyExists') return true;
  return message.includes(token) && /\balready\b/i.test(message);
}
