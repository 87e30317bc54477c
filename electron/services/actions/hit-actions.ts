/**
 * The journaled HIT actions behind "Manage HITs": how each is sent, how MTurk is asked afterwards whether it
 * happened, and what it changes in the archive. Requests carry absolute values (an expiration time, the
 * MaxAssignments expected after), so re-applying one never changes the result twice.
 */
import { z } from 'zod';
import type { AppError } from '../../../shared/errors';
import { ok, type Result } from '../../../shared/result';
import { addHitAssignments, markHitDeleted, setHitExpiration, setHitStatus, setHitType } from '../../archive/repos/hit-changes';
import type { Hit, MTurkGateway } from '../../mturk/types';
import { defineAction, type AnyActionDefinition, type SendContext, type Verdict } from './action-definition';

/** MTurk stores expirations to the second; the JS SDK sends milliseconds. */
const CLOCK_SLACK_MS = 1_000;

const hitId = z.string().min(1).max(64);

const callOptions = (context: SendContext): { signal?: AbortSignal; lane: SendContext['lane']; onSend?: () => void } => ({
  signal: context.signal,
  lane: context.lane,
  onSend: context.onSend,
});

/** Reads the HIT and judges it; a HIT that no longer exists is judged by `whenGone`. */
async function judgeHit(
  gateway: MTurkGateway,
  id: string,
  context: SendContext,
  judge: (hit: Hit) => boolean,
  whenGone: Verdict,
): Promise<Result<Verdict>> {
  const hit = await gateway.getHit(id, callOptions(context));
  if (!hit.ok) return hit.error.kind === 'not-found' ? ok(whenGone) : hit;
  return ok(judge(hit.value) ? 'applied' : 'not-applied');
}

const isTurkCode = (error: AppError, code: string): boolean => (error.mturkCode ?? '').endsWith(code);

const expireRequest = z.object({ hitId }).strict();
export const expireHit = defineAction<z.infer<typeof expireRequest>>({
  kind: 'expire-hit',
  parse: (request) => expireRequest.parse(request),
  target: (request) => request.hitId,
  // ExpireAt 0 means "now" to MTurk, whatever the two clocks say.
  send: (gateway, request, context) => gateway.updateExpirationForHit(request.hitId, 0, callOptions(context)),
  verify: (gateway, request, sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => hit.expiration <= sentAt + CLOCK_SLACK_MS, 'applied'),
  record: (db, connectionId, request, now) => {
    setHitExpiration(db, connectionId, request.hitId, now, now);
    return ['hits'];
  },
});

const extendRequest = z.object({ hitId, expireAt: z.number().int().positive() }).strict();
export const extendHit = defineAction<z.infer<typeof extendRequest>>({
  kind: 'extend-hit',
  parse: (request) => extendRequest.parse(request),
  target: (request) => request.hitId,
  send: (gateway, request, context) => gateway.updateExpirationForHit(request.hitId, request.expireAt, callOptions(context)),
  verify: (gateway, request, _sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => Math.abs(hit.expiration - request.expireAt) <= CLOCK_SLACK_MS, 'not-applied'),
  record: (db, connectionId, request, now) => {
    setHitExpiration(db, connectionId, request.hitId, request.expireAt, now);
    return ['hits'];
  },
});

const addAssignmentsRequest = z
  .object({ hitId, count: z.number().int().min(1).max(1_000_000), expectedMaxAssignments: z.number().int().min(2), uniqueRequestToken: z.string().min(1).max(64) })
  .strict();
export const addAssignments = defineAction<z.infer<typeof addAssignmentsRequest>>({
  kind: 'create-additional-assignments',
  parse: (request) => addAssignmentsRequest.parse(request),
  target: (request) => request.hitId,
  send: (gateway, request, context) =>
    gateway.createAdditionalAssignments({ hitId: request.hitId, count: request.count, uniqueRequestToken: request.uniqueRequestToken }, callOptions(context)),
  verify: (gateway, request, _sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => hit.maxAssignments >= request.expectedMaxAssignments, 'not-applied'),
  // The same token again within 24 h: MTurk already added these assignments.
  alreadyApplied: (error) => isTurkCode(error, 'DuplicateRequest'),
  record: (db, connectionId, request, now) => {
    addHitAssignments(db, connectionId, request.hitId, request.count, now);
    return ['hits'];
  },
});

const reviewingRequest = z.object({ hitId, revert: z.boolean() }).strict();
export const setHitReviewing = defineAction<z.infer<typeof reviewingRequest>>({
  kind: 'set-hit-reviewing',
  parse: (request) => reviewingRequest.parse(request),
  target: (request) => request.hitId,
  send: (gateway, request, context) => gateway.updateHitReviewStatus(request.hitId, request.revert, callOptions(context)),
  verify: (gateway, request, _sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => hit.status === (request.revert ? 'Reviewable' : 'Reviewing'), 'not-applied'),
  record: (db, connectionId, request, now) => {
    setHitStatus(db, connectionId, request.hitId, request.revert ? 'Reviewable' : 'Reviewing', now);
    return ['hits'];
  },
});

const changeTypeRequest = z.object({ hitId, hitTypeId: hitId }).strict();
export const changeHitType = defineAction<z.infer<typeof changeTypeRequest>>({
  kind: 'change-hit-type',
  parse: (request) => changeTypeRequest.parse(request),
  target: (request) => request.hitId,
  send: (gateway, request, context) => gateway.updateHitTypeOfHit(request.hitId, request.hitTypeId, callOptions(context)),
  verify: (gateway, request, _sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => hit.hitTypeId === request.hitTypeId, 'not-applied'),
  record: (db, connectionId, request, now) => {
    setHitType(db, connectionId, request.hitId, request.hitTypeId, now);
    return ['hits'];
  },
});

const deleteRequest = z.object({ hitId }).strict();
export const deleteHit = defineAction<z.infer<typeof deleteRequest>>({
  kind: 'delete-hit',
  parse: (request) => deleteRequest.parse(request),
  target: (request) => request.hitId,
  send: (gateway, request, context) => gateway.deleteHit(request.hitId, callOptions(context)),
  verify: (gateway, request, _sentAt, context) =>
    judgeHit(gateway, request.hitId, context, (hit) => hit.status === 'Disposed', 'applied'),
  alreadyApplied: (error) => error.kind === 'not-found' || /currently in the state 'Disposed'/.test(error.message),
  record: (db, connectionId, request, now) => {
    markHitDeleted(db, connectionId, request.hitId, now);
    return ['hits'];
  },
});

export const HIT_ACTIONS: readonly AnyActionDefinition[] = [expireHit, extendHit, addAssignments, setHitReviewing, changeHitType, deleteHit];
