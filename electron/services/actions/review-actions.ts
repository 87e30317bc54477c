/**
 * The journaled review actions: approve, reject, and approve-over-a-rejection. MTurk answers a repeat with the same
 * refusal as a wrong state ("can be called with a status of: Submitted"), so neither a lost answer nor a refusal is
 * taken at its word: the assignment is read back, and its status says whether the verdict holds.
 */
import { z } from 'zod';
import { feedbackSchema } from '../../../shared/contract/review';
import type { AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { AssignmentStatus } from '../../../shared/domain/archive-types';
import { recordReviewOutcome } from '../../archive/repos/review';
import type { MTurkGateway } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type SendContext, type Verdict } from './action-definition';

const assignmentId = z.string().regex(/^[A-Z0-9]{1,64}$/);

/** Refusals that the assignment, read back, showed to be already in the wanted status. */
const ALREADY = new WeakSet<AppError>();

const lane = (context: SendContext): { lane: SendContext['lane']; signal?: AbortSignal } => ({ lane: context.lane, signal: context.signal });
/** The gateway passes `onSend` through to the call (the journal's "sent"); reads afterwards do not take it. */
const sending = (context: SendContext): { lane: SendContext['lane']; signal?: AbortSignal; onSend?: () => void } => ({ ...lane(context), onSend: context.onSend });

async function statusOf(gateway: MTurkGateway, id: string, context: SendContext): Promise<Result<AssignmentStatus | null>> {
  const read = await gateway.getAssignment(id, lane(context));
  if (!read.ok) return read.error.kind === 'not-found' ? ok(null) : read;
  return ok(read.value.assignment.status);
}

/** Sends the verdict; on a state refusal, reads the assignment to tell "already so" from "in another state". */
async function sendVerdict(
  gateway: MTurkGateway,
  id: string,
  wanted: 'Approved' | 'Rejected',
  context: SendContext,
  call: () => Promise<Result<void>>,
): Promise<Result<unknown>> {
  const answer = await call();
  if (answer.ok || !(answer.error.mturkCode ?? '').endsWith('InvalidAssignmentState')) return answer;
  const status = await statusOf(gateway, id, context);
  if (!status.ok) return answer;
  if (status.value === wanted) {
    const already = { ...answer.error, message: `Already ${wanted} on MTurk.` };
    ALREADY.add(already);
    return err(already);
  }
  return err({ ...answer.error, message: `${answer.error.message} — it is ${status.value ?? 'not retrievable'} on MTurk.` });
}

async function judge(gateway: MTurkGateway, id: string, wanted: AssignmentStatus, context: SendContext): Promise<Result<Verdict>> {
  const status = await statusOf(gateway, id, context);
  return status.ok ? ok(status.value === wanted ? 'applied' : 'not-applied') : status;
}

const approveRequest = z.object({ assignmentId, feedback: feedbackSchema.optional() }).strict();
export const approveAssignment = defineAction<z.infer<typeof approveRequest>>({
  kind: 'approve',
  parse: (request) => approveRequest.parse(request),
  target: (request) => request.assignmentId,
  send: (gateway, request, context) =>
    sendVerdict(gateway, request.assignmentId, 'Approved', context, () =>
      gateway.approveAssignment(request.assignmentId, request.feedback, sending(context)),
    ),
  // Approved — by this call or by MTurk's auto-approval meanwhile — means the work is paid for: the verdict holds.
  verify: (gateway, request, _sentAt, context) => judge(gateway, request.assignmentId, 'Approved', context),
  alreadyApplied: (error) => ALREADY.has(error),
  record: (db, connectionId, request, now) => {
    recordReviewOutcome(db, connectionId, { assignmentId: request.assignmentId, status: 'Approved', feedback: request.feedback ?? null, at: now });
    return ['assignments', 'hits', 'workers', 'review_drafts'];
  },
});

const rejectRequest = z.object({ assignmentId, feedback: feedbackSchema.pipe(z.string().trim().min(1, 'a rejection needs feedback: the worker reads why')) }).strict();
export const rejectAssignment = defineAction<z.infer<typeof rejectRequest>>({
  kind: 'reject',
  parse: (request) => rejectRequest.parse(request),
  target: (request) => request.assignmentId,
  send: (gateway, request, context) =>
    sendVerdict(gateway, request.assignmentId, 'Rejected', context, () =>
      gateway.rejectAssignment(request.assignmentId, request.feedback, sending(context)),
    ),
  verify: (gateway, request, _sentAt, context) => judge(gateway, request.assignmentId, 'Rejected', context),
  alreadyApplied: (error) => ALREADY.has(error),
  record: (db, connectionId, request, now) => {
    recordReviewOutcome(db, connectionId, { assignmentId: request.assignmentId, status: 'Rejected', feedback: request.feedback, at: now });
    return ['assignments', 'hits', 'workers', 'review_drafts'];
  },
});

const overrideRequest = approveRequest;
export const overrideRejection = defineAction<z.infer<typeof overrideRequest>>({
  kind: 'override-rejection',
  parse: (request) => overrideRequest.parse(request),
  target: (request) => request.assignmentId,
  send: (gateway, request, context) =>
    sendVerdict(gateway, request.assignmentId, 'Approved', context, () =>
      gateway.approveAssignment(request.assignmentId, request.feedback, { ...sending(context), overrideRejection: true }),
    ),
  verify: (gateway, request, _sentAt, context) => judge(gateway, request.assignmentId, 'Approved', context),
  alreadyApplied: (error) => ALREADY.has(error),
  record: (db, connectionId, request, now) => {
    recordReviewOutcome(db, connectionId, { assignmentId: request.assignmentId, status: 'Approved', feedback: request.feedback ?? null, at: now });
    return ['assignments', 'hits', 'workers', 'review_drafts'];
  },
});

export const REVIEW_ACTIONS: readonly AnyActionDefinition[] = [approveAssignment, rejectAssignment, overrideRejection];
